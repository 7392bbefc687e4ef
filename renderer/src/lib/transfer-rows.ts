// What the transfers screen and the header say about jobs and files, worked out from what the
// service reports, so that every line agrees with the rows under it.
import type { TransferConnection, TransferFile, TransferFilePage, TransferJob, TransferProgress } from '../../../preload/contract.ts';
import { percent } from './rate.ts';

export const WAITING_FOR_FRAMEIO = 'Waiting for Frame.io';

/** Files at least this big show their own progress bar: their upload takes long enough to watch. */
export const BIG_FILE_BYTES = 10_000_000;

const UNFINISHED: ReadonlySet<TransferFile['state']> = new Set(['pending', 'creating', 'uploading', 'downloading', 'confirming', 'stacking', 'paused']);
const ACTIVE_JOB: ReadonlySet<TransferJob['state']> = new Set(['queued', 'running']);

export interface FileCounts {
  done: number;
  skipped: number;
  failed: number;
  total: number;
}

/**
 * The job's file counts: from its rows when every one of them is loaded (they are what the person
 * sees), else from the job, which keeps them as its files change.
 */
export function fileCounts(job: TransferJob, page: TransferFilePage | undefined): FileCounts {
  const rows = page && page.offset === 0 && page.files.length >= page.total ? page.files : undefined;
  if (!rows) return { done: job.filesDone, skipped: job.filesSkipped, failed: job.filesFailed, total: job.filesTotal };
  const count = (state: TransferFile['state']) => rows.filter((row) => row.state === state).length;
  return { done: count('done'), skipped: count('skipped'), failed: count('failed'), total: rows.length };
}

/** Whether the job's work is held because Frame.io does not answer. */
export function isWaiting(job: TransferJob, connection: TransferConnection | undefined): boolean {
  if (!ACTIVE_JOB.has(job.state)) return false;
  return job.waitingSince !== null || (job.state === 'running' && connection?.reachable === false);
}

export function jobLabel(job: TransferJob, connection: TransferConnection | undefined): string {
  if (isWaiting(job, connection)) return WAITING_FOR_FRAMEIO;
  switch (job.state) {
    case 'queued':
      return 'Queued';
    case 'running':
      return 'Uploading';
    case 'paused':
      return job.pausedBy === 'sleep' ? 'Paused while the computer sleeps' : 'Paused';
    case 'done':
      return job.filesFailed > 0 ? 'Done, with failures' : 'Done';
    case 'failed':
      return 'Failed';
    case 'cancelled':
      return 'Cancelled';
  }
}

export type FileTone = 'done' | 'failed' | 'active' | 'paused' | 'retrying' | 'waiting' | 'idle';

export interface FileStatus {
  label: string;
  tone: FileTone;
  /** why, for a failed, retrying or skipped file */
  detail: string | null;
}

const FILE_LABEL: Record<TransferFile['state'], string> = {
  pending: 'Queued',
  creating: 'Creating in Frame.io',
  uploading: 'Uploading',
  downloading: 'Downloading',
  confirming: 'Verifying',
  stacking: 'Adding as a version',
  done: 'Done',
  skipped: 'Skipped',
  failed: 'Failed',
  cancelled: 'Cancelled',
  paused: 'Paused',
};

/**
 * A file row's state. Only a file that failed for good says "failed": one being retried says
 * so with the reason, and an error left over from an earlier try is not shown while it uploads again.
 */
export function fileStatus(file: TransferFile, job: TransferJob, connection: TransferConnection | undefined): FileStatus {
  const unfinished = UNFINISHED.has(file.state);
  if (file.state === 'failed') return { label: FILE_LABEL.failed, tone: 'failed', detail: file.error };
  // Why it was left out: already in Frame.io, empty, or a link to a folder.
  if (file.state === 'skipped') return { label: FILE_LABEL.skipped, tone: 'idle', detail: file.error };
  if (unfinished && (file.state === 'paused' || job.state === 'paused')) return { label: FILE_LABEL.paused, tone: 'paused', detail: null };
  if (unfinished && file.retry) return { label: `Retrying (attempt ${file.retry.attempt})`, tone: 'retrying', detail: file.retry.reason };
  if (unfinished && file.state !== 'pending' && isWaiting(job, connection)) return { label: WAITING_FOR_FRAMEIO, tone: 'waiting', detail: null };
  const tone: FileTone = file.state === 'done' ? 'done' : file.state === 'pending' || file.state === 'cancelled' ? 'idle' : 'active';
  return { label: FILE_LABEL[file.state], tone, detail: null };
}

/** A big unfinished file's own progress (0-100), or null for a row that shows none. */
export function fileProgress(file: TransferFile): number | null {
  if (file.size < BIG_FILE_BYTES || !UNFINISHED.has(file.state) || file.state === 'pending') return null;
  return percent(file.bytesDone, file.size);
}

export interface Indicator {
  label: string;
  percent: number;
  etaSeconds: number;
  tone: 'active' | 'waiting' | 'paused' | 'preparing';
}

/**
 * The header's summary: jobs moving, waiting for Frame.io, or paused (it stays while anything is
 * paused, so a paused upload is never out of sight); null when there is nothing to show.
 */
export function indicator(
  jobs: TransferJob[],
  progress: Record<string, TransferProgress>,
  connection: TransferConnection | undefined,
  preparing: number,
): Indicator | null {
  const active = jobs.filter((job) => ACTIVE_JOB.has(job.state));
  const paused = jobs.filter((job) => job.state === 'paused');
  const counted = [...active, ...paused];
  const total = counted.reduce((sum, job) => sum + job.bytesTotal, 0);
  const done = counted.reduce((sum, job) => sum + Math.max(job.bytesDone, progress[job.id]?.bytesDone ?? 0), 0);
  const shown = percent(done, total);
  const jobsWord = (n: number) => `${n} ${n === 1 ? 'job' : 'jobs'}`;
  if (active.length > 0) {
    if (active.some((job) => isWaiting(job, connection))) return { label: `${WAITING_FOR_FRAMEIO} · ${jobsWord(active.length)}`, percent: shown, etaSeconds: 0, tone: 'waiting' };
    const etaSeconds = Math.max(0, ...active.map((job) => progress[job.id]?.etaSeconds ?? 0));
    return { label: `Uploading ${jobsWord(active.length)} · ${shown}%`, percent: shown, etaSeconds, tone: 'active' };
  }
  if (paused.length > 0) return { label: `Paused · ${jobsWord(paused.length)} · ${shown}%`, percent: shown, etaSeconds: 0, tone: 'paused' };
  if (preparing > 0) return { label: 'Preparing upload…', percent: 0, etaSeconds: 0, tone: 'preparing' };
  return null;
}
