// Decides when a file is finished: its size and modification time have not changed for a whole
// window, as seen by a fresh look at the end of that window. Renders and camera offloads write for
// minutes and some file systems (network shares) send no change events at all, so silence alone
// never counts: the caller must stat the file again when it is due, and any difference starts the
// window over.

export interface FileStat {
  size: number;
  mtimeMs: number;
}

interface Observation extends FileStat {
  /** when this size and mtime were first seen */
  since: number;
}

export class StabilityDetector {
  readonly windowMs: number;
  private readonly now: () => number;
  /**
   * Insertion order is the order of `since`, because a changed file is removed and re-added: the
   * files due first are always at the front, so `due()` reads only those.
   */
  private readonly pending = new Map<string, Observation>();

  constructor(windowMs: number, now: () => number = () => performance.now()) {
    if (!(windowMs >= 0)) throw new RangeError(`The stability window must be zero or more milliseconds, not ${windowMs}.`);
    this.windowMs = windowMs;
    this.now = now;
  }

  /**
   * Records what a file looks like now. Returns 'stable' when it has looked exactly like this for
   * the whole window (the file then leaves the detector), otherwise 'pending'.
   */
  observe(path: string, stat: FileStat): 'pending' | 'stable' {
    const now = this.now();
    const last = this.pending.get(path);
    if (!last || last.size !== stat.size || last.mtimeMs !== stat.mtimeMs) {
      this.pending.delete(path);
      this.pending.set(path, { size: stat.size, mtimeMs: stat.mtimeMs, since: now });
      return 'pending';
    }
    if (now - last.since >= this.windowMs) {
      this.pending.delete(path);
      return 'stable';
    }
    return 'pending';
  }

  /** Files whose window has run out: stat each and `observe` it to learn whether it is finished. */
  due(): string[] {
    const now = this.now();
    const paths: string[] = [];
    for (const [path, seen] of this.pending) {
      if (now - seen.since < this.windowMs) break;
      paths.push(path);
    }
    return paths;
  }

  /** Milliseconds until the next file is due; undefined when nothing is pending. */
  nextDueIn(): number | undefined {
    const first = this.pending.values().next();
    if (first.done) return undefined;
    return Math.max(0, first.value.since + this.windowMs - this.now());
  }

  has(path: string): boolean {
    return this.pending.has(path);
  }

  forget(path: string): void {
    this.pending.delete(path);
  }

  clear(): void {
    this.pending.clear();
  }

  get size(): number {
    return this.pending.size;
  }
}
