// The one error model for everything a person can meet: a stable code for programs, a sentence
// saying what happened, and one saying what to do. Whatever is not a SlateError is a bug, and
// crosses the boundary as `internal`.

export abstract class SlateError extends Error {
  /** stable and machine-readable, e.g. `api:not-found`, `data-folder:full` */
  abstract readonly code: string;
  /** what the person can do about it, as a sentence */
  abstract readonly action: string;
}

/** A refusal that needs no type of its own: a code, what happened and what to do. */
export class Refusal extends SlateError {
  readonly code: string;
  readonly action: string;

  constructor(code: string, message: string, action: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.action = action;
  }
}

/** Said for bugs, where no sentence about the person's work applies. */
export const INTERNAL_ACTION = 'This is a fault in Slate, not in your work: try again, and if it happens again, report it with Slate’s log.';
