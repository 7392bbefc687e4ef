// `slate upload <paths...> --to <folder-id> [--concurrency N] [--on-conflict skip|version|rename|new]
// [--bwlimit RATE|TIMETABLE] [--priority N] [--json]`: files and folders into a Frame.io folder, keeping
// their structure. Running the same command again resumes what did not finish.
import { parseArgs } from 'node:util';
import { parseBandwidth } from '../../core/transfers/bandwidth.ts';
import { CONFLICT_POLICIES, type ConflictPolicy } from '../../core/transfers/types.ts';
import { UsageError } from '../output.ts';
import { runJobs } from '../run-jobs.ts';
import { openSession, runOptions, transferOptions } from '../session.ts';

export async function upload(args: string[], json: boolean): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...transferOptions,
      to: { type: 'string' },
      concurrency: { type: 'string', default: '5' },
      'on-conflict': { type: 'string', default: 'skip' },
      bwlimit: { type: 'string' },
      priority: { type: 'string', default: '0' },
    },
    strict: true,
  });
  if (positionals.length === 0) throw new UsageError('Name at least one file or folder to upload.');
  if (!values.to) throw new UsageError('Say where to upload with --to <folder-id>.');
  const conflict = values['on-conflict'] as ConflictPolicy;
  if (!CONFLICT_POLICIES.includes(conflict)) throw new UsageError(`--on-conflict must be one of ${CONFLICT_POLICIES.join(', ')}.`);
  const concurrency = positiveInteger(values.concurrency, '--concurrency');
  if (values.bwlimit) parseBandwidthOrThrow(values.bwlimit);

  const run = runOptions(values);
  const session = await openSession(values, { maxParts: concurrency, partConcurrency: concurrency, bandwidth: values.bwlimit });
  try {
    const job = await session.engine.upload({ accountId: session.accountId, folderId: values.to, paths: positionals, conflict, priority: Number(values.priority) || 0 });
    return await runJobs(session, [job], json, run);
  } finally {
    await session.close();
  }
}

export function positiveInteger(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${flag} must be a whole number of at least 1, got "${text}".`);
  return value;
}

export function parseBandwidthOrThrow(text: string): void {
  try {
    parseBandwidth(text);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
