// Every way a Frame.io call can fail, as one error type that carries the API's own words and a
// sentence telling the person what to do next.
import { SlateError } from '../errors.ts';

export type ApiErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'invalid'
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'bad-request'
  /** an answer that is not Frame.io's API: an HTML page (a proxy, a captive portal) or JSON of another shape */
  | 'unexpected-answer';

export class ApiError extends SlateError {
  readonly kind: ApiErrorKind;
  readonly status: number | undefined;
  readonly operation: string;
  /** The API's `errors[0].detail`, when it sent one. */
  readonly detail: string | undefined;
  readonly pointer: string | undefined;

  constructor(init: { kind: ApiErrorKind; operation: string; status?: number; detail?: string; pointer?: string; cause?: unknown }) {
    super(describe(init.kind, init.detail), { cause: init.cause });
    this.name = 'ApiError';
    this.kind = init.kind;
    this.status = init.status;
    this.operation = init.operation;
    this.detail = init.detail;
    this.pointer = init.pointer;
  }

  get code(): string {
    return `api:${this.kind}`;
  }

  /** What the person can do about it. */
  get action(): string {
    return ACTIONS[this.kind];
  }
}

const ACTIONS: Record<ApiErrorKind, string> = {
  unauthorized: 'Sign in again.',
  forbidden: 'Ask the account or project owner for access.',
  'not-found': 'It may have been moved or deleted; refresh and try again.',
  conflict: 'Pick another name or refresh and try again.',
  invalid: 'Check the values and try again.',
  'rate-limited': 'Slate will retry automatically; nothing is lost.',
  server: 'Frame.io had a problem; Slate retries automatically. Try again later if it persists.',
  network: 'Check the network connection, then try again; uploads wait for Frame.io and carry on by themselves.',
  'bad-request': 'Check the values and try again.',
  'unexpected-answer':
    'Something between Slate and Frame.io answered instead: open any web page in a browser in case the network asks you to sign in, check the API address (--api-url or SLATE_API_URL), then try again.',
};

function describe(kind: ApiErrorKind, detail: string | undefined): string {
  const base: Record<ApiErrorKind, string> = {
    unauthorized: 'Frame.io did not accept the sign-in',
    forbidden: 'You do not have permission for this in Frame.io',
    'not-found': 'Frame.io could not find it',
    conflict: 'Frame.io reported a conflict',
    invalid: 'Frame.io rejected a value',
    'rate-limited': 'Frame.io asked Slate to slow down',
    server: 'Frame.io is having trouble',
    network: 'Could not reach Frame.io',
    'bad-request': 'Frame.io rejected the request',
    'unexpected-answer': 'Frame.io’s address did not answer like Frame.io',
  };
  return detail ? `${base[kind]}: ${detail}` : base[kind];
}

export function kindForStatus(status: number): ApiErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 422) return 'invalid';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  return 'bad-request';
}
