// How the CLI speaks: plain lines for people, one JSON document with --json for scripts, and an
// exit code that is 0 only when everything asked for succeeded.
import { ApiError } from '../core/api/errors.ts';
import { dataFolderFailure } from '../core/data-folder-errors.ts';
import { INTERNAL_ACTION, SlateError } from '../core/errors.ts';

export const EXIT = { ok: 0, failed: 1, usage: 2, auth: 3 } as const;

export class UsageError extends Error {}

let dataFolder: string | undefined;

/** The data folder this command writes in, so a full disk or a refused write can name it. */
export function usingDataFolder(dir: string): void {
  dataFolder = dir;
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** One compact JSON object per line, for --json streams of events. */
export function printJsonLine(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n');
}

/** Prints a failure as "what happened" and "what to do", and returns the exit code for it. */
export function reportFailure(error: unknown, json: boolean): number {
  const unauthorized = (error instanceof ApiError && error.kind === 'unauthorized') || (error instanceof SlateError && error.cause instanceof ApiError && error.cause.kind === 'unauthorized');
  const exit = error instanceof UsageError ? EXIT.usage : unauthorized ? EXIT.auth : EXIT.failed;
  const { code, message, action } = describe(error);
  if (json) {
    printJson({ ok: false, error: { code, message, action } });
  } else {
    console.error(`slate: ${message}`);
    console.error(`       ${action}`);
    // A bug has no words for the person; its stack is what finds it.
    if (code === 'internal' && error instanceof Error && error.stack) console.error(error.stack);
  }
  return exit;
}

function describe(error: unknown): { code: string; message: string; action: string } {
  if (dataFolder !== undefined) error = dataFolderFailure(error, dataFolder) ?? error;
  if (error instanceof SlateError) return { code: error.code, message: error.message, action: error.action };
  if (error instanceof UsageError) return { code: 'usage', message: error.message, action: 'Run `slate --help` for usage.' };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Something went wrong inside Slate: ${message}`, action: INTERNAL_ACTION };
}
