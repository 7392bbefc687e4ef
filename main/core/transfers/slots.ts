// A counting semaphore whose waiters are served by priority (highest first), then in order of
// arrival, so a job moved up the queue gets the next free slot.

interface Waiter {
  /** read at dispatch time: a job's priority can change while it waits */
  priority: () => number;
  seq: number;
  grant: () => void;
}

export class Slots {
  private free: number;
  private readonly waiters: Waiter[] = [];
  private seq = 0;

  constructor(size: number) {
    this.free = size;
  }

  /** Resolves with a release function once a slot is free. */
  acquire(priority: () => number, signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    if (this.free > 0 && this.waiters.length === 0) {
      this.free--;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const at = this.waiters.indexOf(waiter);
        if (at >= 0) this.waiters.splice(at, 1);
        reject(signal!.reason);
      };
      const waiter: Waiter = {
        priority,
        seq: this.seq++,
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.releaser());
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.free++;
      this.dispatch();
    };
  }

  private dispatch(): void {
    while (this.free > 0 && this.waiters.length > 0) {
      const ranked = this.waiters.map((w) => ({ w, p: w.priority() })).sort((a, b) => b.p - a.p || a.w.seq - b.w.seq);
      const next = ranked[0]!.w;
      this.waiters.splice(this.waiters.indexOf(next), 1);
      this.free--;
      next.grant();
    }
  }
}
