// Sign-in failures, each with what happened and what the person can do. `SignInNeeded` is an
// unauthorized ApiError so every caller that already handles an expired token handles it too.
import { SlateError } from '../../errors.ts';
import { ApiError } from '../errors.ts';

export type SignInErrorKind = 'denied' | 'state-mismatch' | 'rejected' | 'unavailable' | 'timeout' | 'cancelled' | 'invalid-answer';

const ACTIONS: Record<SignInErrorKind, string> = {
  denied: 'Run the sign-in again and choose Allow to let Slate use your account.',
  'state-mismatch': 'Start the sign-in again from Slate and finish it in the same browser tab.',
  rejected: 'Start the sign-in again; if it keeps failing, check the client id and sign-in server.',
  unavailable: 'Check the network connection and the sign-in server address, then try again.',
  timeout: 'Start the sign-in again and finish it in the browser within a few minutes.',
  cancelled: 'Start the sign-in again when you are ready.',
  'invalid-answer': 'Check the sign-in server address; it did not answer like Adobe IMS.',
};

export class SignInError extends SlateError {
  readonly kind: SignInErrorKind;

  constructor(kind: SignInErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SignInError';
    this.kind = kind;
  }

  get code(): string {
    return `sign-in:${this.kind}`;
  }

  get action(): string {
    return ACTIONS[this.kind];
  }
}

export class SignInNeeded extends ApiError {
  constructor(detail: string) {
    super({ kind: 'unauthorized', operation: 'sign-in', detail });
    this.name = 'SignInNeeded';
    this.message = detail;
  }

  override get action(): string {
    return 'Run `slate login` (or sign in from the Slate window), or set SLATE_TOKEN.';
  }
}
