// The Frame.io V4 client: operations over got, paced to the documented rate limits, retried with
// back-off when the failure is passing, errors mapped, and pagination that re-appends the query
// `links.next` drops.
import got, { RequestError, type Got, type Response } from 'got';
import { checkPage, noAnswer, readAnswer } from './answers.ts';
import { systemClock, type Clock } from './clock.ts';
import { ApiError, kindForStatus } from './errors.ts';
import { operations, type OperationId } from '../../common/operations.generated.ts';
import { RateScheduler, type RateHeaders } from './rate-scheduler.ts';
import { backoffDelay, defaultRetryPolicy, isRetryableNetworkError, isRetryableStatus, parseRetryAfter, RetryBudget, type RetryPolicy } from './retry.ts';
import type { Account, ErrorBody, Profile } from './types.ts';

export interface TokenProvider {
  token(): Promise<string>;
  /** Asked once after a 401: a fresh token, or undefined when the person must sign in again. */
  refresh(): Promise<string | undefined>;
  /** Headers the current credential needs besides the bearer token (a legacy developer token says so in one). */
  headers?(): Record<string, string>;
}

export function staticToken(token: string, headers: Record<string, string> = {}): TokenProvider {
  return { token: async () => token, refresh: async () => undefined, headers: () => headers };
}

export interface ClientOptions {
  baseUrl: string;
  tokens: TokenProvider;
  userAgent?: string;
  clock?: Clock;
  /** share one scheduler between clients that call as the same account user */
  scheduler?: RateScheduler;
  retry?: Partial<RetryPolicy>;
  /**
   * How long one call may wait on Frame.io, over all its attempts and the pauses between them
   * (pacing to the rate limits aside): a hung server fails a browse with words well within a
   * minute, and a transfer waits for Frame.io instead.
   */
  timeoutMs?: number;
}

export const DEFAULT_CALL_TIMEOUT_MS = 30_000;

/** What the client has done so far; tests and benchmarks read it to prove pacing. */
export interface ClientStats {
  requests: number;
  retries: number;
  rateLimited: number;
}

export type QueryValue = string | number | boolean | undefined;

export interface CallArgs {
  params?: Record<string, string>;
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
}

export class FrameioClient {
  private readonly http: Got;
  private readonly baseUrl: string;
  private readonly tokens: TokenProvider;
  private readonly clock: Clock;
  private readonly retry: RetryPolicy;
  private readonly budget = new RetryBudget();
  private readonly timeoutMs: number;
  readonly scheduler: RateScheduler;
  readonly stats: ClientStats = { requests: 0, retries: 0, rateLimited: 0 };

  constructor(options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.tokens = options.tokens;
    this.clock = options.clock ?? systemClock;
    this.scheduler = options.scheduler ?? new RateScheduler(this.clock);
    this.retry = { ...defaultRetryPolicy, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    this.http = got.extend({
      throwHttpErrors: false,
      retry: { limit: 0 },
      headers: { 'user-agent': options.userAgent ?? 'Slate' },
    });
  }

  async call<T>(operationId: OperationId, args: CallArgs = {}): Promise<T> {
    return this.send<T>(operationId, this.urlFor(operationId, args), args.body, args.signal);
  }

  /** Every item of a paginated list, fetching pages as the caller reads. */
  async *list<T>(operationId: OperationId, args: CallArgs = {}): AsyncGenerator<T> {
    let url = this.urlFor(operationId, args);
    for (;;) {
      const page = checkPage<T>(operationId, await this.send<unknown>(operationId, url, undefined, args.signal));
      yield* page.data;
      if (!page.links.next) return;
      url = this.followNext(page.links.next, args.query);
    }
  }

  me(): Promise<Profile> {
    return this.call<{ data: Profile }>('users.show').then((r) => r.data);
  }

  accounts(): Promise<Account[]> {
    return Array.fromAsync(this.list<Account>('accounts.index', { query: { page_size: 100 } }));
  }

  private urlFor(operationId: OperationId, { params = {}, query = {} }: CallArgs): URL {
    const path = operations[operationId].path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = params[name];
      if (value === undefined) throw new Error(`${operationId} needs the path parameter ${name}`);
      return encodeURIComponent(value);
    });
    const url = new URL(this.baseUrl + path);
    appendQuery(url, query);
    return url;
  }

  /** `links.next` keeps only the path and cursor; the first request's query must travel with it. */
  private followNext(next: string, query: CallArgs['query'] = {}): URL {
    const url = new URL(next, this.baseUrl + '/');
    const kept = Object.fromEntries(Object.entries(query).filter(([key]) => !url.searchParams.has(key) && key !== 'after'));
    appendQuery(url, kept);
    return url;
  }

  /** One call, paced and retried; a 401 asks the token provider once for a fresh token. */
  private async send<T>(operationId: OperationId, url: URL, body: unknown, signal: AbortSignal | undefined): Promise<T> {
    const { method, limit } = operations[operationId];
    let refreshed = false;
    let failures = 0;
    let refusals = 0;
    const deadline = new CallDeadline(this.timeoutMs);
    for (;;) {
      await this.scheduler.acquire(operationId, limit, signal);
      const token = await this.tokens.token();
      this.stats.requests++;
      let response: Response<string>;
      const started = this.clock.now();
      try {
        response = await this.http(url, {
          method,
          headers: { ...this.tokens.headers?.(), authorization: `Bearer ${token}`, accept: 'application/json' },
          json: body === undefined ? undefined : body,
          responseType: 'text',
          timeout: { connect: Math.min(10_000, deadline.left()), request: deadline.left() },
          signal,
        });
      } catch (error) {
        signal?.throwIfAborted();
        deadline.spend(this.clock.now() - started);
        const code = error instanceof RequestError ? error.code : undefined;
        if (isRetryableNetworkError(code, method) && (await this.backOff(failures++, undefined, signal, deadline))) continue;
        const detail = noAnswer(code, error instanceof Error ? error.message : String(error), url, this.timeoutMs);
        throw new ApiError({ kind: 'network', operation: operationId, detail, cause: error });
      }
      deadline.spend(this.clock.now() - started);

      const status = response.statusCode;
      this.scheduler.observe(operationId, limit, rateHeaders(response.headers));
      if (status >= 200 && status < 300) {
        this.budget.succeeded();
        return readAnswer(operationId, response.body, header(response.headers['content-type'])) as T;
      }
      if (status === 401 && !refreshed) {
        refreshed = true;
        if ((await this.tokens.refresh()) !== undefined) continue;
      }
      const retryAfter = parseRetryAfter(header(response.headers['retry-after']));
      if (status === 429) {
        this.stats.rateLimited++;
        // A refusal is pacing, not failure: wait as told and try again without spending the budget.
        const wait = Math.min(this.retry.maxDelayMs, Math.max(retryAfter ?? 0, this.retry.minRateLimitDelayMs * 2 ** Math.min(refusals, 5)));
        this.scheduler.refused(operationId, limit, wait);
        if (refusals++ < this.retry.retries * 2) {
          this.stats.retries++;
          continue;
        }
      } else if (isRetryableStatus(status) && (await this.backOff(failures++, retryAfter, signal, deadline))) {
        continue;
      }
      const first = parseErrorBody(response.body);
      throw new ApiError({ kind: kindForStatus(status), operation: operationId, status, detail: first?.detail, pointer: first?.source?.pointer });
    }
  }

  /** Waits before retry number `attempt`; false when this call's retries or time, or the shared budget, are spent. */
  private async backOff(attempt: number, retryAfterMs: number | undefined, signal: AbortSignal | undefined, deadline: CallDeadline): Promise<boolean> {
    const wait = retryAfterMs !== undefined ? Math.min(this.retry.maxDelayMs, retryAfterMs) : backoffDelay(this.retry, attempt);
    // A retry needs time left after the wait to be worth starting.
    if (attempt >= this.retry.retries || wait >= deadline.left() - MIN_ATTEMPT_MS || !this.budget.trySpend()) return false;
    this.stats.retries++;
    await this.clock.sleep(wait, signal);
    deadline.spend(wait);
    return true;
  }
}

const MIN_ATTEMPT_MS = 1_000;

/** The time one call has left to wait on Frame.io: attempts and back-off spend it, pacing does not. */
class CallDeadline {
  private readonly budgetMs: number;
  private spent = 0;

  constructor(budgetMs: number) {
    this.budgetMs = budgetMs;
  }

  left(): number {
    return Math.max(0, this.budgetMs - this.spent);
  }

  spend(ms: number): void {
    this.spent += ms;
  }
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function rateHeaders(headers: Record<string, string | string[] | undefined>): RateHeaders {
  const number = (name: string) => {
    const value = Number(header(headers[name]));
    return header(headers[name]) === undefined || !Number.isFinite(value) ? undefined : value;
  };
  return { limit: number('x-ratelimit-limit'), remaining: number('x-ratelimit-remaining'), windowMs: number('x-ratelimit-window') };
}

function appendQuery(url: URL, query: Record<string, QueryValue>): void {
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
}

function parseErrorBody(text: string): NonNullable<ErrorBody['errors']>[number] | undefined {
  try {
    return (JSON.parse(text) as ErrorBody).errors?.[0];
  } catch {
    return undefined;
  }
}
