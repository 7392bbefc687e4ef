// Which local paths the person chose (dropped, picked, or staged through the web agent). Only
// those, and what lies under a chosen folder, may be uploaded on a request from the UI, so a
// compromised page cannot read arbitrary files off the disk.
import { isAbsolute, normalize, sep } from 'node:path';

export class ChosenPaths {
  private readonly roots = new Set<string>();

  add(paths: readonly string[]): void {
    for (const path of paths) {
      if (isAbsolute(path)) this.roots.add(normalize(path));
    }
  }

  allows(path: string): boolean {
    if (!isAbsolute(path)) return false;
    let candidate = normalize(path);
    for (;;) {
      if (this.roots.has(candidate)) return true;
      const cut = candidate.lastIndexOf(sep);
      if (cut <= 0) return false;
      candidate = candidate.slice(0, cut);
    }
  }
}
