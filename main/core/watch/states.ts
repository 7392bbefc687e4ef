// The life of one file in a watch, as users see it: Pending (still changing) → Ready → Queued →
// Uploading → Done / Failed / Skipped, each with a reason. A file that changes again after it was
// done, skipped or failed starts over at Pending: a re-render to the same name is a new version.

export type WatchFileState = 'pending' | 'ready' | 'queued' | 'uploading' | 'done' | 'failed' | 'skipped';

export const WATCH_FILE_STATES: readonly WatchFileState[] = ['pending', 'ready', 'queued', 'uploading', 'done', 'failed', 'skipped'];

const NEXT: Record<WatchFileState, readonly WatchFileState[]> = {
  // A file uploaded as it grows goes from Pending to Queued: it is not finished, so never Ready.
  pending: ['ready', 'queued', 'skipped', 'failed'],
  // Ready can end without an upload: the content is already in Frame.io (moved or only touched).
  ready: ['queued', 'pending', 'done', 'skipped', 'failed'],
  queued: ['uploading', 'pending', 'skipped', 'failed'],
  uploading: ['done', 'failed', 'skipped', 'pending'],
  done: ['pending'],
  failed: ['pending', 'queued'],
  skipped: ['pending'],
};

export const FINISHED_STATES: readonly WatchFileState[] = ['done', 'failed', 'skipped'];

export class IllegalTransition extends Error {}

export function canMove(from: WatchFileState, to: WatchFileState): boolean {
  return NEXT[from].includes(to);
}

/** Throws unless `from → to` is a step of the life above; a file never jumps over Queued to Done. */
export function checkMove(path: string, from: WatchFileState, to: WatchFileState): void {
  if (!canMove(from, to)) throw new IllegalTransition(`${path}: a watched file cannot go from ${from} to ${to}.`);
}

/** One watched file as the UI and the CLI show it. */
export interface WatchFileView {
  watchId: string;
  /** relative to the watched folder, "/"-separated */
  path: string;
  state: WatchFileState;
  /** why it is in this state, in words for people: "still being written", "same name in Frame.io (skip)" */
  reason: string;
  size: number;
  /** the Frame.io file, once uploaded */
  remoteId: string | null;
  updatedAt: number;
}
