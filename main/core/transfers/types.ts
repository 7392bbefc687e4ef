// The transfer engine's vocabulary: job and file states, requests, snapshots and events.
import type { NewFile } from './journal.ts';
import type { LiveJobEvent } from './live/live-job.ts';

/** `live`: one file uploaded while it is still being written (live/live-job.ts) */
export type JobKind = 'upload' | 'remote' | 'version' | 'download' | 'live';
export type JobState = 'queued' | 'running' | 'paused' | 'done' | 'failed' | 'cancelled';
/**
 * pending → creating → uploading → confirming → (stacking) → done, or skipped / failed / cancelled.
 * `creating` is written before the create call, so a crash there is known and cleaned up on resume.
 * A download goes pending → downloading → done (or skipped / failed / cancelled).
 */
export type FileState = 'pending' | 'creating' | 'uploading' | 'downloading' | 'confirming' | 'stacking' | 'done' | 'skipped' | 'failed' | 'cancelled';
/** What a file is shown as: its journaled state, or `paused` while its job is paused and it is unfinished. */
export type ShownFileState = FileState | 'paused';
/** Who paused a job: the person (stays paused) or Slate before the computer slept (resumes on wake). */
export type PausedBy = 'person' | 'sleep';
/** Files no run will touch again unless the person retries them. */
export const FINISHED_FILE_STATES: readonly FileState[] = ['done', 'skipped', 'failed', 'cancelled'];
export type PartState = 'pending' | 'sending' | 'done';

/** What to do when the target folder already holds a file of the same name. */
export type ConflictPolicy = 'skip' | 'version' | 'rename' | 'new';
export const CONFLICT_POLICIES: readonly ConflictPolicy[] = ['skip', 'version', 'rename', 'new'];

export const UNFINISHED_JOB_STATES: readonly JobState[] = ['queued', 'running', 'paused'];

/**
 * File states after which the engine never reads the file's source again, so a copy made only for
 * the upload (the web agent's staged drops) may go. `failed` is not one of them: "Retry failed" puts
 * failed files back in line and reads them again, however often they failed, so a failed file is
 * given up only when the person cancels its job, which turns it into `cancelled`. (The engine would
 * restart a cancelled job if asked, but nothing the person is shown offers that.)
 */
export const SOURCE_RELEASED_STATES: readonly FileState[] = ['done', 'skipped', 'cancelled'];

export interface UploadRequest {
  accountId: string;
  folderId: string;
  /** files and folders; folders are uploaded with their structure */
  paths: string[];
  conflict?: ConflictPolicy;
  priority?: number;
  /**
   * Record each file's whole-content sha256 as it is sent (one more read of the file and a hash,
   * ~1.3 s of CPU a GiB): for callers that recognise files by content later, as watch folders do.
   */
  recordSha256?: boolean;
}

export interface RemoteUploadRequest {
  accountId: string;
  folderId: string;
  url: string;
  name: string;
  priority?: number;
}

/** What to do with a file on disk of the same name that is not the one coming down. */
export type DownloadConflictPolicy = 'skip' | 'overwrite' | 'rename';
export const DOWNLOAD_CONFLICT_POLICIES: readonly DownloadConflictPolicy[] = ['skip', 'overwrite', 'rename'];

export interface DownloadRequest {
  accountId: string;
  /** a file, a folder (with its whole tree) or a version stack */
  assetId: string;
  /** the local folder it comes down into */
  to: string;
  /** every version of a stack, as `name v1.ext`, `name v2.ext`…, rather than only the newest */
  allVersions?: boolean;
  conflict?: DownloadConflictPolicy;
  priority?: number;
}

export interface FoundDownload {
  accountId: string;
  /** the Frame.io folder the files were found under */
  folderId: string;
  label: string;
  /** the local folder every file's path lies in */
  to: string;
  files: NewFile[];
  /** local folders, relative to `to`, made before the files come down */
  folders: string[];
  conflict: DownloadConflictPolicy;
  priority?: number;
}

export interface VersionRequest {
  accountId: string;
  /** the file (or any version in a stack) the new file becomes the newest version of */
  fileId: string;
  path: string;
  priority?: number;
  /**
   * Record each file's whole-content sha256 as it is sent (one more read of the file and a hash,
   * ~1.3 s of CPU a GiB): for callers that recognise files by content later, as watch folders do.
   */
  recordSha256?: boolean;
}

export interface LiveRequest {
  accountId: string;
  folderId: string;
  /** a file that may still be growing */
  path: string;
  /** how long it must stay unchanged to count as finished */
  stableMs: number;
  conflict?: ConflictPolicy;
  /** the file (or any version in a stack) it becomes the newest version of, as for uploadVersion */
  stackOnto?: string;
  priority?: number;
}

/** A transient failure being ridden out: which attempt comes next, why, and when (null: when Frame.io answers). */
export interface FileRetry {
  attempt: number;
  reason: string;
  nextAt: number | null;
}

export interface FileSnapshot {
  id: number;
  source: string;
  /** the folder path inside the drop, '' for the top */
  relDir: string;
  name: string;
  remoteName: string | null;
  remoteId: string | null;
  size: number;
  state: ShownFileState;
  bytesDone: number;
  sha256: string | null;
  error: string | null;
  /** the Frame.io folder the file lands in, once known */
  parentId: string | null;
  retry: FileRetry | null;
}

export interface Destination {
  folderId: string;
  /** the folder's name as Frame.io gave it when the job began */
  label: string | null;
  /** its page in Frame.io */
  url: string | null;
}

export interface JobSnapshot {
  id: string;
  kind: JobKind;
  accountId: string;
  folderId: string;
  label: string;
  conflict: ConflictPolicy;
  priority: number;
  state: JobState;
  error: string | null;
  createdAt: number;
  updatedAt: number;
  filesTotal: number;
  filesDone: number;
  filesSkipped: number;
  filesFailed: number;
  bytesTotal: number;
  bytesDone: number;
  /** since when the job's work waits for Frame.io to answer again; null while it does */
  waitingSince: number | null;
  pausedBy: PausedBy | null;
  /** when the job first ran, and when it last finished (null while unfinished) */
  startedAt: number | null;
  endedAt: number | null;
  /** files Frame.io confirmed complete at the size sent, and their bytes */
  filesVerified: number;
  bytesVerified: number;
  destination: Destination;
}

export interface ProgressEvent {
  jobId: string;
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
  /** bytes per second over the last few seconds */
  rate: number;
  /** seconds left at the current rate; null while unknown */
  etaSeconds: number | null;
}

export interface EngineEvents {
  job: [JobSnapshot];
  file: [{ jobId: string; file: FileSnapshot }];
  progress: [ProgressEvent];
  /** a live job's real-time parts as they go, and why one went the ordinary way */
  live: [{ jobId: string; event: LiveJobEvent }];
}
