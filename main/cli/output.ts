// How the CLI speaks: plain lines for people, one JSON document with --json for scripts, and an
// exit code that is 0 only when everything asked for succeeded.
import { ApiError } from '../core/api/errors.ts';
import { FileFailure } from '../core/transfers/errors.ts';

export const EXIT = { ok: 0, failed: 1, usage: 2, auth: 3 } as const;

export class UsageError extends Error {}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** One compact JSON object per line, for --json streams of events. */
export function printJsonLine(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n');
}

/** Prints a failure as "what happened" and "what to do", and returns the exit code for it. */
export function reportFailure(error: unknown, json: boolean): number {
  const unauthorized = (error instanceof ApiError && error.kind === 'unauthorized') || (error instanceof FileFailure && error.cause instanceof ApiError && error.cause.kind === 'unauthorized');
  const code = error instanceof UsageError ? EXIT.usage : unauthorized ? EXIT.auth : EXIT.failed;
  const message = error instanceof Error ? error.message : String(error);
  const action =
    error instanceof ApiError || error instanceof FileFailure ? error.action : error instanceof UsageError ? 'Run `slate --help` for usage.' : undefined;
  if (json) {
    printJson({ ok: false, error: { message, action } });
  } else {
    console.error(`slate: ${message}`);
    if (action) console.error(`       ${action}`);
  }
  return code;
}
