// The journal's jobs for `slate status`, read without a lock and without writing: an upload, a watch
// or `slate serve` may be working in the same data folder, and a look must neither wait for it nor
// resume, watch or migrate anything. A missing journal is not created.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { SCHEMA_VERSION } from '../core/db.ts';
import { Journal } from '../core/transfers/journal.ts';
import type { JobSnapshot } from '../core/transfers/types.ts';
import { formatBytes } from './progress-bar.ts';

export interface JournalLook {
  jobs: JobSnapshot[];
  /** why the jobs could not be read, when they could not */
  unreadable?: string;
}

export function journalJobs(dataDir: string): JournalLook {
  const path = join(dataDir, 'slate.db');
  if (!existsSync(path)) return { jobs: [] };
  // WAL lets this read while a writer works; the timeout covers a checkpoint in progress.
  const db = new DatabaseSync(path, { readOnly: true, timeout: 5_000 });
  try {
    const { user_version: version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
    if (version > SCHEMA_VERSION) return { jobs: [], unreadable: `The journal in ${dataDir} was written by a newer Slate; update this one to see its jobs.` };
    if (version < SCHEMA_VERSION) return { jobs: [], unreadable: `The journal in ${dataDir} is from an earlier Slate; its jobs show here once a transfer command or the app has opened it.` };
    return { jobs: new Journal(db).jobs() };
  } finally {
    db.close();
  }
}

export function describeJob(job: JobSnapshot): string {
  const when = new Date(job.updatedAt).toISOString().replace('T', ' ').slice(0, 16);
  const bytes = `${formatBytes(job.bytesDone)} / ${formatBytes(job.bytesTotal)}`;
  const files = `${job.filesDone + job.filesSkipped}/${job.filesTotal} files`;
  return `${job.state.padEnd(9)} ${job.kind.padEnd(7)} ${files.padEnd(12)} ${bytes.padEnd(22)} ${when}  ${job.id}  ${job.label}${job.error ? `\n          ${job.error}` : ''}`;
}
