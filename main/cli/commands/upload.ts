// `slate upload <paths...> --to <folder-id> [--concurrency N] [--on-conflict skip|version|rename|new]
// [--bwlimit RATE|TIMETABLE] [--priority N] [--live [--stable SECONDS]] [--json]`: files and folders into
// a Frame.io folder, keeping their structure. Running the same command again resumes what did not
// finish. --live uploads one file while it is still being written (upload-live.ts).
import { parseArgs } from 'node:util';
import { SettingsSchema } from '../../../preload/contract.ts';
import { Refusal } from '../../core/errors.ts';
import { parseBandwidth } from '../../core/transfers/bandwidth.ts';
import { CONFLICT_POLICIES, type ConflictPolicy } from '../../core/transfers/types.ts';
import { parseDuration } from '../duration.ts';
import { UsageError } from '../output.ts';
import { runJobs } from '../run-jobs.ts';
import { openSession, runOptions, transferOptions } from '../session.ts';
import { uploadLive } from './upload-live.ts';

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
      live: { type: 'boolean', default: false },
      stable: { type: 'string' },
    },
    strict: true,
  });
  if (positionals.length === 0) throw new UsageError('Name at least one file or folder to upload.');
  if (!values.to) throw new UsageError('Say where to upload with --to <folder-id>.');
  const conflict = values['on-conflict'] as ConflictPolicy;
  if (!CONFLICT_POLICIES.includes(conflict)) throw new UsageError(`--on-conflict must be one of ${CONFLICT_POLICIES.join(', ')}.`);
  const concurrency = partConcurrency(values.concurrency);
  if (values.bwlimit) parseBandwidthOrThrow(values.bwlimit);
  if (values.stable !== undefined && !values.live) throw new UsageError('--stable goes with --live: it is how long a file must stop growing to count as finished.');
  if (values.live && positionals.length !== 1) throw new UsageError('--live uploads one file as it is written: name exactly one file.');
  const stableMs = parseDuration(values.stable ?? '5', '--stable');

  const run = runOptions(values);
  const session = await openSession(values, { maxParts: concurrency, partConcurrency: concurrency, bandwidth: values.bwlimit });
  try {
    if (values.live) {
      return await uploadLive(session, { path: positionals[0]!, folderId: values.to, stableMs, conflict, priority: Number(values.priority) || 0, json, run });
    }
    const job = await session.engine.upload({ accountId: session.accountId, folderId: values.to, paths: positionals, conflict, priority: Number(values.priority) || 0 });
    return await runJobs(session, [job], json, run);
  } finally {
    await session.close();
  }
}

/** The app's settings' range for parts at once, so the command and the app agree on what is sane. */
function partConcurrency(text: string): number {
  const range = SettingsSchema.shape.partConcurrency;
  const value = Number(text);
  if (text.trim() === '' || !range.safeParse(value).success) {
    throw new UsageError(`--concurrency must be a whole number from ${range.minValue} to ${range.maxValue} (parts uploading at once, as in the app's settings), got "${text}".`);
  }
  return value;
}

function parseBandwidthOrThrow(text: string): void {
  try {
    parseBandwidth(text);
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    throw new UsageError(`--bwlimit ${error.message} ${error.action}`);
  }
}
