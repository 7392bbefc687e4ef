// Byte counts for a job, with a rate over the last few seconds and an ETA, reported at most a few
// times a second however many chunks fly by.
import type { Clock } from '../api/clock.ts';

const WINDOW_MS = 5_000;

export class ProgressMeter {
  private readonly clock: Clock;
  private readonly samples: Array<{ at: number; bytes: number }> = [];
  bytesDone: number;
  bytesTotal: number;

  constructor(clock: Clock, bytesDone: number, bytesTotal: number) {
    this.clock = clock;
    this.bytesDone = bytesDone;
    this.bytesTotal = bytesTotal;
  }

  add(delta: number): void {
    this.bytesDone += delta;
    const at = this.clock.now();
    this.samples.push({ at, bytes: this.bytesDone });
    while (this.samples.length > 2 && this.samples[0]!.at < at - WINDOW_MS) this.samples.shift();
  }

  /** bytes per second over the window */
  rate(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.at - first.at < 200) return 0;
    return Math.max(0, ((last.bytes - first.bytes) * 1000) / (last.at - first.at));
  }

  etaSeconds(): number | null {
    const rate = this.rate();
    return rate > 0 ? Math.ceil((this.bytesTotal - this.bytesDone) / rate) : null;
  }
}

/** Calls `emit` at most once per `intervalMs`, always delivering the latest state last. */
export class Throttle {
  private readonly intervalMs: number;
  private readonly emit: () => void;
  private timer: NodeJS.Timeout | undefined;
  private last = 0;

  constructor(intervalMs: number, emit: () => void) {
    this.intervalMs = intervalMs;
    this.emit = emit;
  }

  poke(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.last + this.intervalMs - Date.now());
    this.timer = setTimeout(() => this.flush(), wait);
    this.timer.unref();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.last = Date.now();
    this.emit();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
