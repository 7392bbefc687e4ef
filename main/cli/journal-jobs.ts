// The journal's jobs for `slate status`, read without creating a data folder that is not there.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir, openDatabase } from '../core/db.ts';
import { Journal } from '../core/transfers/journal.ts';
import type { JobSnapshot } from '../core/transfers/types.ts';
import { formatBytes } from './progress-bar.ts';

export function journalJobs(dataDir: string = defaultDataDir()): JobSnapshot[] {
  if (!existsSync(join(dataDir, 'slate.db'))) return [];
  const db = openDatabase(dataDir);
  try {
    return new Journal(db).jobs();
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
