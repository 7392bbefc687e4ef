// What a watch needs from the upload engine, and nothing more: hand over one finished file, learn
// when it started, how it ended, and find the job again after a restart. The engine owns parts,
// retries, resume and verification; the watch owns when a file is finished and where it goes.
import type { StackCandidate } from './versions.ts';

/** What to do when the target folder already holds a file of the same name. */
export type SameNamePolicy = 'version' | 'skip' | 'new';
export const SAME_NAME_POLICIES: readonly SameNamePolicy[] = ['version', 'skip', 'new'];

export interface UploadOrder {
  /** absolute path of the local file */
  source: string;
  /** the Frame.io folder it goes in (the watched sub-folder's mirror) */
  folderId: string;
  policy: SameNamePolicy;
  /** stack the upload onto this as its newest version (a version-suffix match found by the watch) */
  stackOnto?: StackCandidate;
}

export interface UploadResult {
  outcome: 'done' | 'skipped';
  /** the Frame.io file, when one was made (or found, when skipped) */
  fileId: string | null;
  /** the SHA-256 the engine read while uploading, when it computes one */
  sha256: string | null;
  /** in words for people: "uploaded", "added as version 3 of shot_v002.mov", "same name in Frame.io" */
  reason: string;
  /** the bytes uploaded, when known: a file uploaded as it grew may have changed after its last part */
  size?: number;
}

/** Uploads that follow a file as it is written (Frame.io's real-time upload, on legacy V2 accounts). */
export interface LiveUploads {
  /** Hands over a file that is still growing; returns the id of its job, which settles as any other. */
  submit(order: UploadOrder, stableSeconds: number): Promise<string>;
  /** Whether a job is such an upload: a change to its file while it runs is the upload's business. */
  follows(jobId: string): boolean;
}

export interface WatchUploader {
  /** Hands a file to the engine and returns the id of its job. */
  submit(order: UploadOrder): Promise<string>;
  /**
   * Waits for a job to end, resuming it first if it was interrupted (after a restart), calling
   * `onStart` once bytes start to move. Rejects with an Error whose message says what went wrong.
   */
  settle(jobId: string, onStart: () => void, signal?: AbortSignal): Promise<UploadResult>;
  /** Stops a job whose file went away or changed; never deletes anything in Frame.io. */
  cancel(jobId: string): Promise<void>;
  /** present where the account can upload files as they grow */
  readonly live?: LiveUploads;
}
