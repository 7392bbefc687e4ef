// How a transfer fails: a sentence saying what happened and one saying what to do, for the UI,
// the CLI and the journal alike.
import type { ApiError } from '../api/errors.ts';
import { isPassingApiError } from '../api/reachability.ts';
import { SlateError } from '../errors.ts';
import { PartRetryable } from './part-upload.ts';

/** A file could not be uploaded; the rest of the job goes on. */
export class FileFailure extends SlateError {
  readonly code: string = 'transfer:file-failed';
  readonly action: string;
  constructor(what: string, action: string, options?: ErrorOptions) {
    super(what, options);
    this.name = 'FileFailure';
    this.action = action;
  }

  get text(): string {
    return `${this.message} ${this.action}`;
  }
}

/**
 * The source cannot be read now (a card pulled out, a drive gone, a read error). What was sent
 * is worth keeping: the person may put the card back and retry, which goes on from the finished
 * parts.
 */
export class SourceUnavailable extends FileFailure {
  override readonly code: string = 'transfer:source-unavailable';
}

/** The whole job cannot go on (signed out, target folder gone); every file of it stops. */
export class JobStop extends FileFailure {
  override readonly code: string = 'transfer:job-stopped';
}

export function signInNeeded(cause: unknown): JobStop {
  return new JobStop('Frame.io no longer accepts the sign-in.', 'Sign in again, then run `slate resume` (or the same upload) to finish.', { cause });
}

export function targetFolderGone(cause: unknown): JobStop {
  return new JobStop(
    'The target folder no longer exists in Frame.io (deleted, or access was removed).',
    'Choose another folder and upload again.',
    { cause },
  );
}

/**
 * Frame.io (or its upload host) did not answer, or answered that it is busy or failing for now:
 * the file waits for it and goes on, and is never failed for it.
 */
export class Passing extends Error {}

/** Whether a failure is one to wait out rather than fail the file for. */
export function isPassing(error: unknown): boolean {
  return error instanceof Passing || error instanceof PartRetryable || isPassingApiError(error);
}

/** Turns an API error during a job into the failure it means for the job or the file. */
export function apiFailure(error: ApiError, doing: string): Error {
  if (error.kind === 'unauthorized') return signInNeeded(error);
  if (isPassingApiError(error)) return new Passing(`${doing}: ${error.message}`, { cause: error });
  return new FileFailure(`${doing} failed: ${error.message}.`, error.action, { cause: error });
}
