// The legacy V2 client: the same pacing, retries and error model as the V4 client, over V2's paths
// and shapes. V2 answers bare objects and arrays (no `{data}` envelope), pages lists by number with
// the totals in headers, and words its errors as `{errors:[{detail}], message}`.
import got, { RequestError, type Got, type Response } from 'got';
import { noAnswer } from '../answers.ts';
import type { TokenProvider } from '../client.ts';
import { systemClock, type Clock } from '../clock.ts';
import { ApiError, kindForStatus } from '../errors.ts';
import { RateScheduler, type RateHeaders } from '../rate-scheduler.ts';
import { backoffDelay, defaultRetryPolicy, isRetryableNetworkError, isRetryableStatus, parseRetryAfter, RetryBudget, type RetryPolicy } from '../retry.ts';
import { v2Operations, type V2OperationId } from './operations.ts';
import type { V2ErrorBody } from './types.ts';

export interface V2ClientOptions {
  /** the API server, without `/v2` (https://api.frame.io, or a sandbox) */
  baseUrl: string;
  tokens: TokenProvider;
  userAgent?: string;
  clock?: Clock;
  scheduler?: RateScheduler;
  retry?: Partial<RetryPolicy>;
  /** how long one call may wait on Frame.io over all its attempts (pacing aside) */
  timeoutMs?: number;
}

export interface V2CallArgs {
  params?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  signal?: AbortSignal;
}

const PAGE_SIZE = 100;
const MIN_ATTEMPT_MS = 1_000;

export class V2Client {
  readonly baseUrl: string;
  readonly scheduler: RateScheduler;
  private readonly tokens: TokenProvider;
  private readonly clock: Clock;
  private readonly retry: RetryPolicy;
  private readonly budget = new RetryBudget();
  private readonly timeoutMs: number;
  private readonly http: Got;

  constructor(options: V2ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.tokens = options.tokens;
    this.clock = options.clock ?? systemClock;
    this.scheduler = options.scheduler ?? new RateScheduler(this.clock);
    this.retry = { ...defaultRetryPolicy, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.http = got.extend({ throwHttpErrors: false, retry: { limit: 0 }, headers: { 'user-agent': options.userAgent ?? 'Slate' } });
  }

  async call<T>(operation: V2OperationId, args: V2CallArgs = {}): Promise<T> {
    return (await this.send<T>(operation, this.urlFor(operation, args), args.body, args.signal)).body;
  }

  /** Every item of a paged list, asking for the next page while the headers say there is one. */
  async *list<T>(operation: V2OperationId, args: V2CallArgs = {}): AsyncGenerator<T> {
    for (let page = 1; ; page++) {
      const { items, more } = await this.page<T>(operation, page, args);
      yield* items;
      if (!more) return;
    }
  }

  /** One page of a paged list (from 1), and whether another follows it. */
  async page<T>(operation: V2OperationId, page: number, args: V2CallArgs = {}): Promise<{ items: T[]; more: boolean }> {
    const url = this.urlFor(operation, { ...args, query: { ...args.query, page, page_size: PAGE_SIZE } });
    const answer = await this.send<unknown>(operation, url, undefined, args.signal);
    if (!Array.isArray(answer.body)) throw unexpected(operation, 'its answer is JSON, but not a list in the form Frame.io V2 sends');
    const totalPages = Number(answer.headers['total-pages']);
    // Without the header, a short page is the last one.
    const more = Number.isFinite(totalPages) ? page < totalPages : answer.body.length === PAGE_SIZE;
    return { items: answer.body as T[], more: more && answer.body.length > 0 };
  }

  private urlFor(operation: V2OperationId, { params = {}, query = {} }: V2CallArgs): URL {
    const path = v2Operations[operation].path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = params[name];
      if (value === undefined) throw new Error(`${operation} needs the path parameter ${name}`);
      return encodeURIComponent(value);
    });
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
    return url;
  }

  /** One call, paced and retried as the V4 client does; a 401 asks the token provider once for a fresh token. */
  private async send<T>(operation: V2OperationId, url: URL, body: unknown, signal: AbortSignal | undefined): Promise<{ body: T; headers: Response['headers'] }> {
    const { method, limit } = v2Operations[operation];
    const key = `v2:${operation}`;
    let refreshed = false;
    let failures = 0;
    let refusals = 0;
    // The time this call has left to wait on Frame.io: attempts and back-off spend it, pacing does not.
    const time = { left: this.timeoutMs };
    for (;;) {
      await this.scheduler.acquire(key, limit, signal);
      const token = await this.tokens.token();
      const started = this.clock.now();
      let response: Response<string>;
      try {
        response = await this.http(url, {
          method,
          headers: { ...this.tokens.headers?.(), authorization: `Bearer ${token}`, accept: 'application/json' },
          json: body,
          responseType: 'text',
          timeout: { connect: Math.min(10_000, time.left), request: time.left },
          signal,
        });
      } catch (error) {
        signal?.throwIfAborted();
        time.left -= this.clock.now() - started;
        const code = error instanceof RequestError ? error.code : undefined;
        if (isRetryableNetworkError(code, method) && (await this.backOff(failures++, undefined, time, signal))) continue;
        const detail = noAnswer(code, error instanceof Error ? error.message : String(error), url, this.timeoutMs);
        throw new ApiError({ kind: 'network', operation, detail, cause: error });
      }
      time.left -= this.clock.now() - started;
      const status = response.statusCode;
      this.scheduler.observe(key, limit, rateHeaders(response.headers));
      if (status >= 200 && status < 300) {
        this.budget.succeeded();
        return { body: parseAnswer(operation, response.body, header(response.headers['content-type'])) as T, headers: response.headers };
      }
      if (status === 401 && !refreshed) {
        refreshed = true;
        if ((await this.tokens.refresh()) !== undefined) continue;
      }
      const retryAfter = parseRetryAfter(header(response.headers['retry-after']));
      if (status === 429) {
        // Pacing, not failure: wait as told, without spending the retry budget.
        const wait = Math.min(this.retry.maxDelayMs, Math.max(retryAfter ?? 0, this.retry.minRateLimitDelayMs * 2 ** Math.min(refusals, 5)));
        this.scheduler.refused(key, limit, wait);
        if (refusals++ < this.retry.retries * 2) continue;
      } else if (isRetryableStatus(status) && (await this.backOff(failures++, retryAfter, time, signal))) {
        continue;
      }
      throw new ApiError({ kind: kindForStatus(status), operation, status, detail: errorDetail(response.body) });
    }
  }

  /** Waits before retry number `attempt`; false when this call's retries or time, or the shared budget, are spent. */
  private async backOff(attempt: number, retryAfterMs: number | undefined, time: { left: number }, signal: AbortSignal | undefined): Promise<boolean> {
    const wait = retryAfterMs !== undefined ? Math.min(this.retry.maxDelayMs, retryAfterMs) : backoffDelay(this.retry, attempt);
    if (attempt >= this.retry.retries || wait >= time.left - MIN_ATTEMPT_MS || !this.budget.trySpend()) return false;
    await this.clock.sleep(wait, signal);
    time.left -= wait;
    return true;
  }
}

function parseAnswer(operation: V2OperationId, body: string, contentType: string | undefined): unknown {
  if (body === '') return undefined;
  try {
    return JSON.parse(body);
  } catch (error) {
    const page = /html/i.test(contentType ?? '') || /^\s*</.test(body);
    throw unexpected(
      operation,
      page ? 'it answered with a web page, not with data; a proxy, a captive portal or a network sign-in page may be in the way' : `it answered with something that is not JSON (${contentType || 'no content type'})`,
      error,
    );
  }
}

function unexpected(operation: string, detail: string, cause?: unknown): ApiError {
  return new ApiError({ kind: 'unexpected-answer', operation, detail, cause });
}

/** V2's own words for a refusal: the first error's detail, else its message. */
function errorDetail(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as V2ErrorBody;
    return body.errors?.[0]?.detail ?? body.message;
  } catch {
    return undefined;
  }
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function rateHeaders(headers: Response['headers']): RateHeaders {
  const number = (name: string) => {
    const text = header(headers[name]);
    const value = Number(text);
    return text === undefined || !Number.isFinite(value) ? undefined : value;
  };
  return { limit: number('x-ratelimit-limit'), remaining: number('x-ratelimit-remaining'), windowMs: number('x-ratelimit-window') };
}
