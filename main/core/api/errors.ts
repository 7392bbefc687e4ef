// Every way a Frame.io call can fail, as one error type that carries the API's own words and a
// sentence telling the person what to do next.

export type ApiErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'invalid'
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'bad-request';

export class ApiError extends Error {
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
  network: 'Check the network connection; Slate retries when it is back.',
  'bad-request': 'Check the values and try again.',
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
