// The temporary folders a test file makes, removed together when it ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class TempDirs {
  private readonly made: string[] = [];

  /** A new empty folder under the system's temporary folder, its name starting with `prefix`. */
  make(prefix: string): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    this.made.push(dir);
    return dir;
  }

  removeAll(): void {
    for (const dir of this.made.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}
