// `slate download <file|folder|version-stack|share id> --to DIR [--all-versions] [--on-conflict skip|overwrite|rename]
// [--concurrency N] [--bwlimit RATE|TIMETABLE] [--range-size BYTES] [--follow [--versions replace|beside]
// [--check-every SECONDS]] [--json]`: brings media home. Running the same command again after a kill
// finishes the job; after it finished, it changes nothing. --follow keeps a folder in sync.
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { Refusal } from '../../core/errors.ts';
import { parseBandwidth } from '../../core/transfers/bandwidth.ts';
import { DOWNLOAD_CONFLICT_POLICIES, type DownloadConflictPolicy } from '../../core/transfers/types.ts';
import { printJsonLine, UsageError } from '../output.ts';
import { runJobs } from '../run-jobs.ts';
import { VERSIONS_POLICIES, type VersionsPolicy } from '../../core/sync/journal.ts';
import { followFolder } from './download-follow.ts';
import { openSession, requireV4, runOptions, transferOptions } from '../session.ts';

const MIN_RANGE = 64 * 1024;
/** a follow looks through its tree at most this often; a large tree takes longer at the follows' pace */
const MIN_CHECK_SECONDS = 1;

export async function download(args: string[], json: boolean): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...transferOptions,
      to: { type: 'string' },
      'all-versions': { type: 'boolean', default: false },
      concurrency: { type: 'string', default: '5' },
      'on-conflict': { type: 'string', default: 'rename' },
      bwlimit: { type: 'string' },
      'range-size': { type: 'string', default: String(8 * 1024 * 1024) },
      priority: { type: 'string', default: '0' },
      follow: { type: 'boolean', default: false },
      versions: { type: 'string', default: 'replace' },
      'check-every': { type: 'string', default: '30' },
    },
    strict: true,
  });
  if (positionals.length !== 1) throw new UsageError('Name one file, folder, version stack or share id to download.');
  if (!values.to) throw new UsageError('Say where to download with --to <local folder>.');
  const conflict = values['on-conflict'] as DownloadConflictPolicy;
  if (!DOWNLOAD_CONFLICT_POLICIES.includes(conflict)) throw new UsageError(`--on-conflict must be one of ${DOWNLOAD_CONFLICT_POLICIES.join(', ')}.`);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) throw new UsageError(`--concurrency must be a whole number from 1 to 32 (ranges downloading at once), got "${values.concurrency}".`);
  const rangeSize = Number(values['range-size']);
  if (!Number.isInteger(rangeSize) || rangeSize < MIN_RANGE) throw new UsageError(`--range-size must be a whole number of bytes, at least ${MIN_RANGE}, got "${values['range-size']}".`);
  if (values.bwlimit) {
    try {
      parseBandwidth(values.bwlimit);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      throw new UsageError(`--bwlimit ${error.message} ${error.action}`);
    }
  }

  const versions = values.versions as VersionsPolicy;
  if (!VERSIONS_POLICIES.includes(versions)) throw new UsageError(`--versions must be replace or beside (what a new version of a followed stack does), got "${values.versions}".`);
  const intervalSeconds = Number(values['check-every']);
  if (!Number.isFinite(intervalSeconds) || intervalSeconds < MIN_CHECK_SECONDS) throw new UsageError(`--check-every must be a number of seconds, at least ${MIN_CHECK_SECONDS}, got "${values['check-every']}".`);
  if (values.follow && values['all-versions']) throw new UsageError('--all-versions does not go with --follow: use --versions beside to keep every version of a followed stack.');

  requireV4('download', values);
  const run = runOptions(values);
  const session = await openSession(values, { maxParts: concurrency, partConcurrency: concurrency, bandwidth: values.bwlimit, downloadRangeSize: rangeSize });
  try {
    if (values.follow) return await followFolder(session, { folderId: positionals[0]!, to: values.to, versions, conflict, intervalSeconds }, json);
    const job = await session.engine.download({
      accountId: session.accountId,
      assetId: positionals[0]!,
      to: values.to,
      allVersions: values['all-versions'],
      conflict,
      priority: Number(values.priority) || 0,
    });
    const code = await runJobs(session, [job], json, run);
    report(session.engine, job.id, json);
    return code;
  } finally {
    await session.close();
  }
}

/** Files saved under another name than Frame.io's (made safe for the disk, or kept beside another), and why a job paused. */
function report(engine: Awaited<ReturnType<typeof openSession>>['engine'], jobId: string, json: boolean): void {
  const renamed = engine
    .files(jobId)
    .filter((file) => file.state === 'done' && file.remoteName !== null && file.remoteName !== file.name)
    .map((file) => ({ name: file.name, savedAs: file.remoteName!, path: file.source.slice(0, file.source.length - basename(file.source).length) + file.remoteName }));
  const job = engine.job(jobId)!;
  if (json) {
    if (renamed.length > 0) printJsonLine({ type: 'renamed', files: renamed });
    return;
  }
  for (const file of renamed) console.log(`  saved "${file.name}" as ${file.path}`);
  if (job.state === 'paused' && job.error) console.error(`slate: ${job.error}`);
}
