// Which events become a browser notification in the web agent's page, and what it says. The
// desktop app notifies from its main process; in a browser the page is the only one that can, and
// only while the person is looking elsewhere: a notice about what is already on screen is noise.
import type { EventPayload, TransferJob } from '../../../preload/contract.ts';
import { jobTitle } from './format.ts';

export type NoticeTarget = { kind: 'job'; jobId: string } | { kind: 'file'; accountId: string; fileId: string };

export interface Notice {
  title: string;
  body: string;
  /** the browser replaces a shown notice with the same tag rather than stacking a second one */
  tag: string;
  /** what clicking it opens */
  target: NoticeTarget;
}

/** What the browser allows: 'unsupported' where it has no notifications (or not on this address). */
export type NoticePermission = 'default' | 'granted' | 'denied' | 'unsupported';

/** What the page knows when an event arrives. */
export interface NoticeConditions {
  /** the desktop app's own notifications already cover it */
  inBrowser: boolean;
  /** Settings › "Notify me when uploads finish or fail" */
  wanted: boolean;
  permission: NoticePermission;
  /** the page is visible and focused: the person sees the change itself */
  attended: boolean;
}

export const mayNotify = (c: NoticeConditions): boolean => c.inBrowser && c.wanted && c.permission === 'granted' && !c.attended;

const UNFINISHED: ReadonlySet<TransferJob['state']> = new Set(['queued', 'running', 'paused']);
const NOTIFIED_ENDINGS: ReadonlySet<TransferJob['state']> = new Set(['done', 'failed']);

/**
 * Jobs seen unfinished before and finished or failed now. A job already over when the page first
 * read it, or one that sends another event once over, is no new ending; a cancel is the person's own act.
 */
export function endedJobs(before: Record<string, TransferJob>, after: Record<string, TransferJob>): TransferJob[] {
  return Object.values(after).filter((job) => {
    const was = before[job.id];
    return was !== undefined && UNFINISHED.has(was.state) && NOTIFIED_ENDINGS.has(job.state);
  });
}

export function jobNotice(job: TransferJob): Notice {
  const what = job.kind === 'download' ? 'Download' : 'Upload';
  const name = jobTitle(job.kind, job.label);
  const failedFiles = job.filesFailed > 0 ? `, ${job.filesFailed} failed` : '';
  return job.state === 'failed'
    ? { title: `${what} failed`, body: `${name}: ${job.error ?? 'open Slate to see why.'}`, tag: `slate-job-${job.id}`, target: { kind: 'job', jobId: job.id } }
    : { title: `${what} finished`, body: `${name}: ${job.filesDone + job.filesSkipped} of ${job.filesTotal} files${failedFiles}.`, tag: `slate-job-${job.id}`, target: { kind: 'job', jobId: job.id } };
}

/** One notice per job that ended between two readings of the jobs, when the conditions allow. */
export function jobNotices(before: Record<string, TransferJob>, after: Record<string, TransferJob>, conditions: NoticeConditions): Notice[] {
  if (!mayNotify(conditions)) return [];
  return endedJobs(before, after).map(jobNotice);
}

/** The service sends `comments:new` only for files the person follows. */
export function commentNotice({ accountId, fileId, comment }: EventPayload<'comments:new'>, conditions: NoticeConditions): Notice | undefined {
  if (!mayNotify(conditions)) return undefined;
  return { title: 'New comment', body: `${comment.author ?? 'Someone'}: ${comment.text}`, tag: `slate-comment-${comment.id}`, target: { kind: 'file', accountId, fileId } };
}
