// The Frame.io V4 client: typed operations over got, error mapping, and pagination that
// re-appends the query `links.next` drops.
import got, { RequestError, type Got } from 'got';
import { ApiError, kindForStatus } from './errors.ts';
import { operations, type OperationId } from './operations.generated.ts';
import type { Account, ErrorBody, ListPage, Profile } from './types.ts';

export interface TokenProvider {
  token(): Promise<string>;
  /** Asked once after a 401: a fresh token, or undefined when the person must sign in again. */
  refresh(): Promise<string | undefined>;
}

export function staticToken(token: string): TokenProvider {
  return { token: async () => token, refresh: async () => undefined };
}

export interface ClientOptions {
  baseUrl: string;
  tokens: TokenProvider;
  userAgent?: string;
}

export type QueryValue = string | number | boolean | undefined;

export interface CallArgs {
  params?: Record<string, string>;
  query?: Record<string, QueryValue>;
  body?: unknown;
}

export class FrameioClient {
  private readonly http: Got;
  private readonly baseUrl: string;
  private readonly tokens: TokenProvider;

  constructor(options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.tokens = options.tokens;
    this.http = got.extend({
      throwHttpErrors: false,
      retry: { limit: 0 },
      timeout: { connect: 10_000, response: 60_000 },
      headers: { 'user-agent': options.userAgent ?? 'Slate' },
    });
  }

  async call<T>(operationId: OperationId, args: CallArgs = {}): Promise<T> {
    return this.send<T>(operationId, this.urlFor(operationId, args), args.body);
  }

  /** Every item of a paginated list, fetching pages as the caller reads. */
  async *list<T>(operationId: OperationId, args: CallArgs = {}): AsyncGenerator<T> {
    let url = this.urlFor(operationId, args);
    for (;;) {
      const page = await this.send<ListPage<T>>(operationId, url, undefined);
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

  private async send<T>(operationId: OperationId, url: URL, body: unknown, refreshed = false): Promise<T> {
    const token = await this.tokens.token();
    let response;
    try {
      response = await this.http(url, {
        method: operations[operationId].method,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        json: body === undefined ? undefined : body,
        responseType: 'text',
      });
    } catch (error) {
      const detail = error instanceof RequestError ? `${error.code}: ${error.message}` : String(error);
      throw new ApiError({ kind: 'network', operation: operationId, detail, cause: error });
    }

    const status = response.statusCode;
    if (status === 401 && !refreshed && (await this.tokens.refresh()) !== undefined) {
      return this.send<T>(operationId, url, body, true);
    }
    if (status >= 200 && status < 300) {
      return (response.body === '' ? undefined : JSON.parse(response.body)) as T;
    }
    const first = parseErrorBody(response.body);
    throw new ApiError({ kind: kindForStatus(status), operation: operationId, status, detail: first?.detail, pointer: first?.source?.pointer });
  }
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
