// Frame.io meters each operation per account user with a leaky bucket. The sandbox does the same,
// from the limits documented in the spec, so clients meet the pacing they will meet in production.
import type { RateLimit } from '../common/spec-operations.ts';

export type RateLimitMode = 'real' | 'off';

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  windowMs: number;
  /** milliseconds until one more call would be allowed */
  retryAfterMs: number;
}

interface Bucket {
  level: number;
  updatedAt: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly mode: RateLimitMode;
  private readonly scale: number;
  private readonly now: () => number;

  /** `scale` multiplies every documented limit (tests use it to run real pacing faster). */
  constructor(mode: RateLimitMode, scale = 1, now: () => number = () => performance.now()) {
    this.mode = mode;
    this.scale = scale;
    this.now = now;
  }

  take(key: string, documented: RateLimit): RateDecision {
    const limit = Math.max(1, Math.round(documented.calls * this.scale));
    const windowMs = documented.windowMs;
    if (this.mode === 'off') return { allowed: true, limit, remaining: limit, windowMs, retryAfterMs: 0 };

    const leakPerMs = limit / windowMs;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { level: 0, updatedAt: now };
    bucket.level = Math.max(0, bucket.level - (now - bucket.updatedAt) * leakPerMs);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);

    if (bucket.level + 1 > limit) {
      return { allowed: false, limit, remaining: 0, windowMs, retryAfterMs: Math.ceil((bucket.level + 1 - limit) / leakPerMs) };
    }
    bucket.level += 1;
    return { allowed: true, limit, remaining: Math.floor(limit - bucket.level), windowMs, retryAfterMs: 0 };
  }
}
