// `slate watch <dir> --to <folder-id> [--stable SECONDS] [--ignore GLOB]... [--include GLOB]...
// [--on-same-name version|skip|new] [--exact-names] [--after-upload leave|move|delete]
// [--uploaded-folder NAME] [--rescan SECONDS] [--upload-first oldest|newest] [--live] [--json]`: uploads every finished file that appears in a folder tree,
// mirroring its sub-folders, until stopped. With --live, a file seen growing goes up as it is written
// (legacy V2 accounts; on V4 the watch says so and waits for files to finish). Running it again for the same folder and target
// catches up with what happened while it was not running, and uploads nothing twice.
import { parseArgs } from 'node:util';
import { DEFAULT_UPLOADED_FOLDER, uploadedFolderProblem, WATCH_LIMITS } from '../../../preload/contract.ts';
import type { AfterUpload } from '../../core/watch/after-upload.ts';
import { EngineUploader } from '../../core/watch/engine-uploader.ts';
import { WatchJournal } from '../../core/watch/journal.ts';
import { WatchManager, type WatchSummary } from '../../core/watch/manager.ts';
import { v2WatchRemote } from '../../core/watch/remote-v2.ts';
import type { WatchFileState, WatchFileView } from '../../core/watch/states.ts';
import { SAME_NAME_POLICIES, type SameNamePolicy } from '../../core/watch/uploader.ts';
import { printJsonLine, UsageError } from '../output.ts';
import { connectionOptions, openSession } from '../session.ts';
import { exitCodeFor, onStopSignal, type StopSignal } from '../stop-signals.ts';

const AFTER_UPLOAD = ['leave', 'move', 'delete'] as const;
const UPLOAD_FIRST = ['oldest', 'newest'] as const;
/** states worth a line of their own; the rest show in the status line */
const ANNOUNCED: ReadonlySet<WatchFileState> = new Set(['uploading', 'done', 'failed', 'skipped']);
const STATUS_INTERVAL_MS = 250;

export async function watchCommand(args: string[], json: boolean): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...connectionOptions,
      to: { type: 'string' },
      stable: { type: 'string', default: '5' },
      ignore: { type: 'string', multiple: true, default: [] },
      include: { type: 'string', multiple: true, default: [] },
      'on-same-name': { type: 'string', default: 'version' },
      'exact-names': { type: 'boolean', default: false },
      'after-upload': { type: 'string', default: 'leave' },
      'uploaded-folder': { type: 'string', default: DEFAULT_UPLOADED_FOLDER },
      rescan: { type: 'string', default: '0' },
      'upload-first': { type: 'string', default: 'oldest' },
      live: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (positionals.length !== 1) throw new UsageError('Name one folder to watch: slate watch <dir> --to <folder-id>.');
  if (!values.to) throw new UsageError('Say where uploads go with --to <folder-id>.');
  const stableSeconds = Number(values.stable);
  if (!Number.isFinite(stableSeconds) || stableSeconds < 0) throw new UsageError(`--stable must be a number of seconds (0 or more), got "${values.stable}".`);
  const rescanSeconds = Number(values.rescan);
  if (!(rescanSeconds === 0 || rescanSeconds >= WATCH_LIMITS.minRescanSeconds)) {
    throw new UsageError(`--rescan must be 0 (never) or at least ${WATCH_LIMITS.minRescanSeconds} seconds, got "${values.rescan}"; use it for network shares, which send no events.`);
  }
  const onSameName = values['on-same-name'] as SameNamePolicy;
  if (!SAME_NAME_POLICIES.includes(onSameName)) throw new UsageError(`--on-same-name must be one of ${SAME_NAME_POLICIES.join(', ')}.`);
  const action = values['after-upload'] as (typeof AFTER_UPLOAD)[number];
  if (!AFTER_UPLOAD.includes(action)) throw new UsageError(`--after-upload must be one of ${AFTER_UPLOAD.join(', ')}.`);
  const folderProblem = action === 'move' ? uploadedFolderProblem(values['uploaded-folder']) : undefined;
  if (folderProblem) throw new UsageError(`--uploaded-folder "${values['uploaded-folder']}": ${folderProblem}`);
  const uploadFirst = values['upload-first'] as (typeof UPLOAD_FIRST)[number];
  if (!UPLOAD_FIRST.includes(uploadFirst)) throw new UsageError(`--upload-first must be oldest or newest (which finished file goes up first while others wait), got "${values['upload-first']}".`);
  const afterUpload: AfterUpload = action === 'move' ? { action, folder: values['uploaded-folder'] } : { action };

  const session = await openSession(values);
  const remote = session.v2 ? v2WatchRemote(session.v2) : session.api;
  const manager = new WatchManager({
    journal: new WatchJournal(session.db),
    api: () => remote,
    uploader: (accountId) => new EngineUploader(session.engine, accountId),
  });
  const status = new StatusLine(json);
  // Listening before anything is said: a script may stop the watch the moment it reads "ready".
  const stopped = new Promise<StopSignal>((resolve) => onStopSignal(resolve));
  let stoppedBy: StopSignal;
  manager.on('file', (file) => status.file(file));
  manager.on('error', ({ error }) => status.problem(error.message));
  manager.on('notice', ({ message }) => status.notice(message));
  try {
    const watch = await manager.ensure({
      dir: positionals[0]!,
      accountId: session.accountId,
      folderId: values.to,
      settings: { stableSeconds, ignore: values.ignore, include: values.include, onSameName, exactNames: values['exact-names'], afterUpload, rescanSeconds, uploadFirst, live: values.live },
    });
    status.ready(watch);
    if (watch.notice) status.notice(watch.notice);
    const ticker = setInterval(() => status.counts(manager.summary(watch.id)), STATUS_INTERVAL_MS);
    stoppedBy = await stopped;
    clearInterval(ticker);
    status.stopping(manager.files(watch.id).filter((f) => f.state === 'failed').length);
  } finally {
    await manager.close();
    await session.close();
  }
  // A watch runs until it is stopped, so it ends as a stopped process does; failed files were said as they failed.
  return exitCodeFor(stoppedBy);
}

/** What a person (or, with --json, a script) sees: a line per file that starts or ends, and a live tally. */
class StatusLine {
  private readonly json: boolean;
  private readonly live = process.stdout.isTTY === true;
  private last = '';

  constructor(json: boolean) {
    this.json = json;
  }

  ready(watch: WatchSummary): void {
    if (this.json) return printJsonLine({ type: 'ready', watch });
    const s = watch.settings;
    const rules = [`files count as finished after ${s.stableSeconds} s unchanged`, `same name: ${s.onSameName}${s.onSameName === 'version' && !s.exactNames ? ' (version suffixes stack)' : ''}`];
    if (s.live && !watch.notice) rules.push('files seen growing upload as they are written');
    if (s.afterUpload.action !== 'leave') rules.push(`after upload: ${s.afterUpload.action === 'move' ? `move to ${s.afterUpload.folder}` : 'delete the local file'}`);
    console.log(`Watching ${watch.dir} → Frame.io folder ${watch.folderId} (${rules.join('; ')}). Ctrl+C stops.`);
  }

  file(file: WatchFileView): void {
    if (this.json) return printJsonLine({ type: 'file', file });
    if (!ANNOUNCED.has(file.state)) return;
    this.clear();
    const line = `${file.state.padEnd(9)} ${file.path}${file.state === 'uploading' ? '' : ` — ${file.reason}`}`;
    if (file.state === 'failed') console.error(line);
    else console.log(line);
  }

  counts(watch: WatchSummary): void {
    if (this.json || !this.live || !watch.counts) return;
    const c = watch.counts;
    const text = `pending ${c.pending} · ready ${c.ready} · queued ${c.queued} · uploading ${c.uploading} · done ${c.done} · skipped ${c.skipped} · failed ${c.failed}`;
    if (text === this.last) return;
    this.last = text;
    process.stdout.write(`\r\x1b[2K${text}`);
  }

  problem(message: string): void {
    if (this.json) return printJsonLine({ type: 'error', message });
    this.clear();
    console.error(`slate: ${message}`);
  }

  notice(message: string): void {
    if (this.json) return printJsonLine({ type: 'notice', message });
    this.clear();
    console.error(`slate: ${message}`);
  }

  stopping(failed: number): void {
    if (this.json) return printJsonLine({ type: 'stopped', failed });
    this.clear();
    console.log('Stopped. Uploads under way continue the next time this watch runs.');
    if (failed > 0) console.error(`slate: ${failed} file${failed === 1 ? '' : 's'} failed in this run (said above as each failed); they are tried again when the watch next runs or the file changes.`);
  }

  private clear(): void {
    if (this.live && this.last) {
      process.stdout.write('\r\x1b[2K');
      this.last = '';
    }
  }
}
