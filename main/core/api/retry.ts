// When to try a failed call again and how long to wait first: randomized exponential back-off
// (Frame.io's own guidance for 5xx), Retry-After honoured when sent, every wait capped, and a
// budget shared by all calls so a failing server is not hammered by a storm of retries.

export interface RetryPolicy {
  /** retries per call, after the first attempt */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** the shortest wait after a 429 that carries no Retry-After (Frame.io: at least 1 s) */
  minRateLimitDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { retries: 4, baseDelayMs: 250, maxDelayMs: 30_000, minRateLimitDelayMs: 1_000 };

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Connection failures where the request cannot have reached the server, so even a POST is safe to repeat. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN']);

export function isRetryableNetworkError(code: string | undefined, method: string): boolean {
  if (code && NOT_SENT_CODES.has(code)) return true;
  // A reset or timeout after sending may have been acted on; only repeat what is safe to repeat.
  return method !== 'POST';
}

/**
 * The wait before retry number `attempt` (0-based): "equal jitter", half fixed and half random,
 * so clients that failed together do not come back together.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * A token bucket of retries: each retry spends one token, each success earns back a fraction.
 * While calls keep failing the budget runs dry and failures surface instead of multiplying load.
 */
export class RetryBudget {
  private tokens: number;
  private readonly max: number;
  private readonly refillPerSuccess: number;

  constructor(max = 20, refillPerSuccess = 0.2) {
    this.max = max;
    this.tokens = max;
    this.refillPerSuccess = refillPerSuccess;
  }

  trySpend(): boolean {
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  succeeded(): void {
    this.tokens = Math.min(this.max, this.tokens + this.refillPerSuccess);
  }
}
