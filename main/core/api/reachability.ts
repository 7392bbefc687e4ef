// Whether Frame.io answers. Work that meets a passing failure (no connection, a timeout, a 5xx, a
// 429) reports it here and waits; this module alone asks Frame.io again, with a capped back-off,
// and lets every waiter go on once it answers. Nothing is failed for being offline.
import { EventEmitter } from 'node:events';
import { systemClock, type Clock } from './clock.ts';
import { ApiError } from './errors.ts';

export interface ConnectionState {
  reachable: boolean;
  /** since when it has (or has not) answered, epoch ms */
  since: number;
  /** what the last failure was, while unreachable */
  message: string | null;
  /** when Frame.io is asked next, while unreachable */
  nextProbeAt: number | null;
}

export interface ReachabilityOptions {
  /** a cheap authenticated read; resolves when Frame.io answered, whatever the answer */
  probe: (signal: AbortSignal) => Promise<unknown>;
  clock?: Clock;
  /** epoch ms, for the times this reports */
  now?: () => number;
  /** the first wait between probes, doubled after each failure up to `maxDelayMs` */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/** A failure that says nothing lasting about the request: Frame.io was out of reach, busy or slow. */
export function isPassingApiError(error: unknown): boolean {
  return error instanceof ApiError && (error.kind === 'network' || error.kind === 'server' || error.kind === 'rate-limited' || error.status === 408);
}

export class Reachability extends EventEmitter<{ change: [ConnectionState] }> {
  private readonly probe: ReachabilityOptions['probe'];
  private readonly clock: Clock;
  private readonly now: () => number;
  private readonly minDelayMs: number;
  private readonly maxDelayMs: number;
  private current: ConnectionState;
  private probing: Promise<void> | undefined;
  private readonly closed = new AbortController();
  private waiters = new Set<() => void>();

  constructor(options: ReachabilityOptions) {
    super();
    this.probe = options.probe;
    this.clock = options.clock ?? systemClock;
    this.now = options.now ?? Date.now;
    this.minDelayMs = options.minDelayMs ?? 1_000;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.current = { reachable: true, since: this.now(), message: null, nextProbeAt: null };
  }

  state(): ConnectionState {
    return { ...this.current };
  }

  /**
   * Resolves once Frame.io has answered a probe made after this call: the caller met a passing
   * failure and should try again only then. Rejects when `signal` aborts or this closes.
   */
  waitForAnswer(signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    return new Promise<void>((resolve, reject) => {
      const done = () => {
        signal.removeEventListener('abort', aborted);
        resolve();
      };
      const aborted = () => {
        this.waiters.delete(done);
        reject(signal.reason);
      };
      signal.addEventListener('abort', aborted, { once: true });
      this.waiters.add(done);
      this.startProbing();
    });
  }

  /** Resolves at once while Frame.io answers, else when it answers again. */
  async whenReachable(signal: AbortSignal): Promise<void> {
    if (!this.current.reachable) await this.waitForAnswer(signal);
  }

  close(): void {
    this.closed.abort(new Error('closed'));
  }

  private startProbing(): void {
    this.probing ??= this.probeUntilAnswered().finally(() => {
      this.probing = undefined;
      // Waiters that arrived while the last probe was already answered wait for a fresh one.
      if (this.waiters.size > 0 && !this.closed.signal.aborted) this.startProbing();
    });
  }

  private async probeUntilAnswered(): Promise<void> {
    for (let attempt = 0; !this.closed.signal.aborted; attempt++) {
      const waiting = [...this.waiters];
      try {
        await this.probe(this.closed.signal);
      } catch (error) {
        if (this.closed.signal.aborted) return;
        if (isPassingApiError(error) || !(error instanceof ApiError)) {
          const message = error instanceof Error ? error.message : String(error);
          const delay = Math.min(this.maxDelayMs, this.minDelayMs * 2 ** attempt);
          this.set({ reachable: false, since: this.current.reachable ? this.now() : this.current.since, message, nextProbeAt: this.now() + delay });
          await this.clock.sleep(delay, this.closed.signal).catch(() => undefined);
          continue;
        }
        // Any other answer (401, 403…) is still an answer: the work itself will meet it and say so.
      }
      if (!this.current.reachable) this.set({ reachable: true, since: this.now(), message: null, nextProbeAt: null });
      for (const wake of waiting) {
        this.waiters.delete(wake);
        wake();
      }
      return;
    }
  }

  private set(next: ConnectionState): void {
    this.current = next;
    this.emit('change', this.state());
  }
}
