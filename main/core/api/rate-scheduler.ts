// Paces calls to Frame.io's documented limits so bulk work never provokes 429s. Frame.io meters
// each operation per account user with a leaky bucket; the scheduler keeps a mirror of that bucket
// per operation, corrects it from the x-ratelimit-* headers of every answer, and makes callers wait
// their turn (first come, first served) instead of letting them spend a call on a refusal.
import type { Clock } from './clock.ts';
import type { RateLimit } from '../../common/spec-operations.ts';

interface Bucket {
  limit: number;
  windowMs: number;
  level: number;
  updatedAt: number;
  /** nothing may be sent before this time (after a 429) */
  blockedUntil: number;
  /** the tail of the queue of callers waiting for this bucket */
  tail: Promise<void>;
}

export interface RateHeaders {
  limit?: number;
  remaining?: number;
  windowMs?: number;
}

export class RateScheduler {
  private readonly buckets = new Map<string, Bucket>();
  private readonly clock: Clock;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  /** Resolves when one more call under `key` fits its limit, and counts that call. */
  acquire(key: string, documented: RateLimit, signal?: AbortSignal): Promise<void> {
    const bucket = this.bucket(key, documented);
    const turn = bucket.tail.then(() => this.waitForRoom(bucket, signal));
    // A caller that gives up must not stall the ones queued behind it.
    bucket.tail = turn.catch(() => undefined);
    return turn;
  }

  /** Brings the mirror in step with what the server says of its own bucket. */
  observe(key: string, documented: RateLimit, headers: RateHeaders): void {
    const bucket = this.bucket(key, documented);
    if (headers.limit !== undefined && headers.limit > 0) bucket.limit = headers.limit;
    if (headers.windowMs !== undefined && headers.windowMs > 0) bucket.windowMs = headers.windowMs;
    if (headers.remaining === undefined) return;
    this.leak(bucket);
    // Calls still in flight are not yet in the server's count, so only ever raise the mirror.
    bucket.level = Math.max(bucket.level, bucket.limit - headers.remaining);
  }

  /** A 429 arrived: nothing more under `key` until the server's bucket has room again. */
  refused(key: string, documented: RateLimit, retryAfterMs: number): void {
    const bucket = this.bucket(key, documented);
    this.leak(bucket);
    bucket.level = bucket.limit;
    bucket.blockedUntil = Math.max(bucket.blockedUntil, this.clock.now() + retryAfterMs);
  }

  private bucket(key: string, documented: RateLimit): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { limit: documented.calls, windowMs: documented.windowMs, level: 0, updatedAt: this.clock.now(), blockedUntil: 0, tail: Promise.resolve() };
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  private leak(bucket: Bucket): void {
    const now = this.clock.now();
    bucket.level = Math.max(0, bucket.level - ((now - bucket.updatedAt) * bucket.limit) / bucket.windowMs);
    bucket.updatedAt = now;
  }

  private async waitForRoom(bucket: Bucket, signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      this.leak(bucket);
      // One slot of headroom: requests leave here evenly spaced but may arrive bunched up, and the
      // spare slot absorbs that jitter without costing any steady-state rate.
      const capacity = bucket.limit > 1 ? bucket.limit - 1 : 1;
      const blockedFor = bucket.blockedUntil - this.clock.now();
      const overflow = bucket.level + 1 - capacity;
      if (blockedFor <= 0 && overflow <= 0) {
        bucket.level += 1;
        return;
      }
      const leakWait = overflow > 0 ? Math.ceil((overflow * bucket.windowMs) / bucket.limit) : 0;
      await this.clock.sleep(Math.max(blockedFor, leakWait, 1), signal);
    }
  }
}
