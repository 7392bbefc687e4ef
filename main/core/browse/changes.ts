// Which Frame.io folders Slate's own uploads changed, so a view showing one lists it again. Every
// upload goes through the transfer engine (drops, new versions, remote uploads, watch folders), so
// its finished files are the one place to learn it.
import type { FileSnapshot, JobSnapshot } from '../transfers/types.ts';

export interface FolderChange {
  accountId: string;
  folderId: string;
}

/** What this module needs of the transfer engine. */
export interface LandingSource {
  on(event: 'file', listener: (change: { jobId: string; file: FileSnapshot }) => void): unknown;
  off(event: 'file', listener: (change: { jobId: string; file: FileSnapshot }) => void): unknown;
  job(jobId: string): Pick<JobSnapshot, 'accountId' | 'folderId'> | undefined;
}

/**
 * A tree of hundreds of files lands in a few folders: changes are gathered for this long and each
 * folder is announced once, rather than once per file.
 */
const GATHER_MS = 250;

/**
 * Calls `announce` for each folder a finished upload landed in: the file's own folder (or version
 * stack), and the job's destination, where new sub-folders and stacks appear. Returns the stop function.
 */
export function watchLandings(source: LandingSource, announce: (change: FolderChange) => void): () => void {
  const due = new Map<string, FolderChange>();
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    timer = undefined;
    const changes = [...due.values()];
    due.clear();
    for (const change of changes) announce(change);
  };
  const note = (accountId: string, folderId: string | null) => {
    if (!folderId) return;
    due.set(`${accountId}/${folderId}`, { accountId, folderId });
    timer ??= setTimeout(flush, GATHER_MS);
  };
  const onFile = ({ jobId, file }: { jobId: string; file: FileSnapshot }) => {
    if (file.state !== 'done') return;
    const job = source.job(jobId);
    if (!job) return;
    note(job.accountId, file.parentId);
    note(job.accountId, job.folderId);
  };

  source.on('file', onFile);
  return () => {
    source.off('file', onFile);
    if (timer) clearTimeout(timer);
  };
}
