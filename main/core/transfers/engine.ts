// The upload engine: one job per drop (or remote upload, or new version), run from the journal
// with file- and part-level concurrency under a global cap, priorities, pause/resume/cancel, a
// bandwidth limit, and throttled progress events. Everything it knows is in the journal first, so
// `resumeUnfinished()` after a crash picks up at part granularity. A file that meets a passing
// failure (Frame.io out of reach, busy, failing for now) waits for Frame.io to answer and goes on;
// only lasting causes fail a file.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { systemClock, type Clock } from '../api/clock.ts';
import type { FrameioClient } from '../api/client.ts';
import { ApiError } from '../api/errors.ts';
import { Reachability } from '../api/reachability.ts';
import { AccountApi } from '../api/resources.ts';
import type { Database } from '../db.ts';
import { Refusal, SlateError } from '../errors.ts';
import { Bandwidth, parseBandwidth } from './bandwidth.ts';
import { FolderIndex } from './conflicts.ts';
import { apiFailure, FileFailure, isPassing, JobStop } from './errors.ts';
import { uploadLocalFile, type FileContext } from './file-upload.ts';
import { uploadLiveFile, type LiveJobEvent } from './live/live-job.ts';
import { FolderResolver } from './folders.ts';
import { nodeFs, type TransferFs } from './fs.ts';
import { fileSnapshot, Journal, type FilePatch, type FileRow, type NewFile, type NewJob } from './journal.ts';
import { planUpload } from './plan.ts';
import { PlanFeed } from './plan-feed.ts';
import { ProgressMeter, Throttle } from './progress.ts';
import { RemoteCleanup } from './remote-cleanup.ts';
import { runRemoteUpload } from './remote-upload.ts';
import { Slots } from './slots.ts';
import type { TransferApi } from './transfer-api.ts';
import { DiskFull } from './download/disk.ts';
import { downloadFile, partialPath, type DownloadContext } from './download/file-download.ts';
import { planDownload } from './download/plan.ts';
import {
  FINISHED_FILE_STATES,
  type DownloadRequest,
  type EngineEvents,
  type FoundDownload,
  type FileRetry,
  type FileSnapshot,
  type JobSnapshot,
  type LiveRequest,
  type PausedBy,
  type RemoteUploadRequest,
  type UploadRequest,
  type VersionRequest,
} from './types.ts';

export interface EngineOptions {
  client: FrameioClient;
  db: Database;
  clock?: Clock;
  fs?: TransferFs;
  /** files sending at once, across all jobs */
  fileConcurrency?: number;
  /** parts of one file sending at once */
  partConcurrency?: number;
  /** parts sending at once across all files and jobs: the cap on bytes in flight */
  maxParts?: number;
  /** "10M", or a timetable "08:00,5M 19:00,off"; unset or "off" for no limit */
  bandwidth?: string;
  progressIntervalMs?: number;
  partRetries?: number;
  /** how long to wait for Frame.io to confirm a file before leaving it for a later resume */
  confirmTimeoutMs?: number;
  /** whether Frame.io answers; by default one of the engine's own, probing with the client */
  reachability?: Reachability;
  /** what uploads ask of Frame.io per account; by default the V4 account API over `client` (a legacy V2 profile passes its adapter) */
  transferApi?: (accountId: string) => TransferApi;
  /** bytes per range when a large file comes down in parallel ranges */
  downloadRangeSize?: number;
}

type StopReason = 'pause' | 'cancel' | 'close';

/**
 * Files of one job under way at once (finding their folder, waiting for a slot, sending): enough
 * to keep every slot busy and folder creation ahead of the files, few enough that a job of 100,000
 * files costs no more per file than a job of 30.
 */
const FILES_UNDER_WAY = 64;
/** Unfinished files read from the journal at a time. */
const FILE_PAGE = 256;

interface ActiveJob {
  /** aborts everything the job does, parts in flight included */
  controller: AbortController;
  /** stops the job from starting anything new; what is in flight finishes */
  drain: AbortController;
  reason?: StopReason;
  pausedBy?: PausedBy;
  settled: Promise<JobSnapshot>;
}

export interface PauseOptions {
  /** abort parts in flight rather than let them finish */
  now?: boolean;
  by?: PausedBy;
}

export class TransferEngine extends EventEmitter<EngineEvents> {
  readonly journal: Journal;
  private readonly db: Database;
  private readonly client: FrameioClient;
  private readonly clock: Clock;
  private readonly fs: TransferFs;
  private readonly fileSlots: Slots;
  private readonly partSlots: Slots;
  private readonly bandwidth: Bandwidth;
  private readonly options: Required<Pick<EngineOptions, 'partConcurrency' | 'progressIntervalMs' | 'partRetries' | 'confirmTimeoutMs' | 'downloadRangeSize'>>;
  private readonly active = new Map<string, ActiveJob>();
  private readonly apis = new Map<string, AccountApi>();
  private readonly transferApis = new Map<string, TransferApi>();
  private readonly makeTransferApi: ((accountId: string) => TransferApi) | undefined;
  /** files riding out a passing failure, by file id */
  private readonly retries = new Map<number, { jobId: string; retry: FileRetry }>();
  /** running jobs' priorities, read each time a slot is handed out */
  private readonly priorities = new Map<string, number>();
  /** files of each job waiting for Frame.io to answer */
  private readonly held = new Map<string, number>();
  /** job snapshots due out after their files changed, a few a second per job */
  private readonly jobEvents = new Map<string, Throttle>();
  readonly reachability: Reachability;
  /** deletions of unfinished uploads a cancel left for when Frame.io answers again */
  private readonly cleanup: RemoteCleanup;
  /** walks of drops into the journal under way, by job: they go on while their job is paused */
  private readonly walks = new Map<string, PlanFeed>();
  /** stops the walks when the engine closes; the next start walks again from the journal */
  private readonly closing = new AbortController();
  /** set while every job is paused: new and resumed jobs wait too */
  private pausedAll: PausedBy | undefined;

  constructor(options: EngineOptions) {
    super();
    this.client = options.client;
    this.db = options.db;
    this.clock = options.clock ?? systemClock;
    this.makeTransferApi = options.transferApi;
    this.fs = options.fs ?? nodeFs;
    this.journal = new Journal(options.db);
    this.reachability = options.reachability ?? new Reachability({ probe: (signal) => options.client.call('users.show', { signal }) });
    this.cleanup = new RemoteCleanup(options.db, (accountId) => this.uploadApi(accountId));
    this.reachability.on('change', (connection) => {
      for (const jobId of this.held.keys()) this.showWaiting(jobId);
      if (connection.reachable) void this.cleanup.run();
    });
    this.fileSlots = new Slots(options.fileConcurrency ?? 4);
    const maxParts = options.maxParts ?? 10;
    this.partSlots = new Slots(maxParts);
    this.bandwidth = new Bandwidth(this.clock, parseBandwidth(options.bandwidth ?? 'off'));
    this.options = {
      partConcurrency: Math.min(options.partConcurrency ?? 5, maxParts),
      progressIntervalMs: options.progressIntervalMs ?? 250,
      partRetries: options.partRetries ?? 3,
      confirmTimeoutMs: options.confirmTimeoutMs ?? 120_000,
      downloadRangeSize: options.downloadRangeSize ?? 8 * 1024 * 1024,
    };
  }

  /**
   * Uploads files and folders (keeping their structure) into a Frame.io folder. Asking again for
   * exactly the same upload resumes the earlier job instead of starting another.
   */
  async upload(request: UploadRequest): Promise<JobSnapshot> {
    const paths = request.paths.map((p) => resolve(p));
    const conflict = request.conflict ?? 'skip';
    const spec = JSON.stringify({ paths, conflict, ...digestSpec(request) });
    const repeat = this.journal.findRepeat('upload', request.accountId, request.folderId, spec);
    if (repeat) return this.restart(repeat.id);

    const label = paths.length === 1 ? paths[0]! : `${paths.length} items`;
    const id = randomUUID();
    // The drop is walked by the job's run, which sends the first files while it lists the rest.
    this.journal.openJob({ id, kind: 'upload', accountId: request.accountId, folderId: request.folderId, label, spec, conflict, priority: request.priority ?? 0 }, false);
    this.walk(id);
    return this.announce(id);
  }

  /** Has Frame.io fetch a URL into a folder. */
  async remoteUpload(request: RemoteUploadRequest): Promise<JobSnapshot> {
    const spec = JSON.stringify({ url: request.url, name: request.name });
    const repeat = this.journal.findRepeat('remote', request.accountId, request.folderId, spec);
    if (repeat) return this.restart(repeat.id);
    const file: NewFile = { source: request.url, relDir: '', name: request.name, size: 0, mtimeMs: 0 };
    return this.create({ kind: 'remote', accountId: request.accountId, folderId: request.folderId, label: request.url, spec, conflict: 'new', priority: request.priority ?? 0 }, [file], ['']);
  }

  /** Uploads a local file as the newest version of an existing file (or of the stack it is in). */
  async uploadVersion(request: VersionRequest): Promise<JobSnapshot> {
    const api = this.uploadApi(request.accountId);
    const path = resolve(request.path);
    const { folderId, stackOnto } = await stackTarget(api, request.fileId);
    const spec = JSON.stringify({ path, fileId: request.fileId, ...digestSpec(request) });
    const repeat = this.journal.findRepeat('version', request.accountId, folderId, spec);
    if (repeat) return this.restart(repeat.id);
    const source = await this.oneFile(path);
    return this.create(
      { kind: 'version', accountId: request.accountId, folderId, label: path, spec, conflict: 'new', priority: request.priority ?? 0 },
      [{ ...source, stackOnto }],
      [''],
    );
  }

  /**
   * Uploads one file that may still be being written: as it grows, through Frame.io's real-time
   * upload where the account has one (legacy V2), else once it has stopped changing (live/live-job.ts).
   * Asking again for the same upload resumes the earlier job, with the parts it already sent.
   */
  async uploadLive(request: LiveRequest): Promise<JobSnapshot> {
    const path = resolve(request.path);
    const target = request.stackOnto === undefined ? undefined : await stackTarget(this.uploadApi(request.accountId), request.stackOnto);
    const folderId = target?.folderId ?? request.folderId;
    const conflict = target ? 'new' : (request.conflict ?? 'skip');
    const spec = JSON.stringify({ path, stableMs: request.stableMs, conflict, stackOnto: request.stackOnto });
    const repeat = this.journal.findRepeat('live', request.accountId, folderId, spec);
    if (repeat) return this.restart(repeat.id);
    const source = await this.oneFile(path);
    const job = { kind: 'live', accountId: request.accountId, folderId, label: path, spec, conflict, priority: request.priority ?? 0 } as const;
    return this.create(job, [{ ...source, stackOnto: target?.stackOnto }], ['']);
  }

  /** The one readable file a version or live job uploads. */
  private async oneFile(path: string): Promise<NewFile> {
    const plan = await planUpload(this.fs, [path]);
    const source = plan.files[0];
    if (!source || plan.files.length !== 1) {
      throw new FileFailure(`"${path}" is not a file Slate can read${plan.unreadable[0] ? `: ${plan.unreadable[0].reason}` : ''}.`, 'Give the path of one readable file.');
    }
    return source;
  }

  /** Whether files of this account can go up while they are still being written (legacy V2 accounts can). */
  canUploadLive(accountId: string): boolean {
    return this.uploadApi(accountId).realtime !== undefined;
  }

  /**
   * Brings a Frame.io file, folder (with its whole tree) or version stack down into a local folder.
   * Asking again for the same download resumes the earlier job; after it finished, a new job skips
   * what is already on the disk.
   */
  async download(request: DownloadRequest): Promise<JobSnapshot> {
    const to = resolve(request.to);
    const allVersions = request.allVersions ?? false;
    const conflict = request.conflict ?? 'rename';
    const spec = JSON.stringify({ to, allVersions, conflict });
    const repeat = this.journal.findRepeat('download', request.accountId, request.assetId, spec);
    if (repeat) return this.restart(repeat.id);
    const plan = await planDownload(this.api(request.accountId), request.assetId, to, allVersions);
    return this.create({ kind: 'download', accountId: request.accountId, folderId: request.assetId, label: plan.label, spec, conflict: 'new', priority: request.priority ?? 0 }, plan.files, plan.folders);
  }

  /**
   * Brings down files already found in Frame.io, each to the path given (a follow's new files and
   * versions), as one download job. Unlike `download()` it lists nothing: the caller did.
   */
  downloadFound(request: FoundDownload): JobSnapshot {
    const to = resolve(request.to);
    // Each such job is its own: the id keeps a later one from being taken for a repeat of it.
    const spec = JSON.stringify({ to, conflict: request.conflict, found: randomUUID() });
    const job = { kind: 'download', accountId: request.accountId, folderId: request.folderId, label: request.label, spec, conflict: 'new', priority: request.priority ?? 0 } as const;
    return this.create(job, request.files, request.folders);
  }

  /**
   * Starts every job a previous run left queued or running (after a crash, a kill or a restart),
   * and makes the deletions a cancel left for when Frame.io answers.
   */
  resumeUnfinished(): JobSnapshot[] {
    void this.cleanup.run();
    return this.journal.jobs(['queued', 'running']).map((job) => {
      this.start(job.id);
      return this.journal.job(job.id)!;
    });
  }

  /** Resumes a paused job, or retries the failed files of a finished one. */
  resume(jobId: string): JobSnapshot {
    return this.restart(jobId);
  }

  /**
   * Pauses a job. Parts in flight finish first (what they carry is kept), unless `now`; a pause
   * already under way is made immediate by pausing again with `now`.
   */
  pause(jobId: string, options: PauseOptions = {}): void {
    const by = options.by ?? 'person';
    const active = this.active.get(jobId);
    if (active) {
      active.pausedBy ??= by;
      this.stop(active, 'pause', options.now ?? false);
    } else if (this.journal.job(jobId)?.state === 'queued') {
      this.setJobState(jobId, 'paused', null, by);
    }
  }

  /** Pauses every job; new and resumed jobs wait until `resumeAll()`. */
  pauseAll(options: PauseOptions = {}): void {
    this.pausedAll = options.by ?? 'person';
    for (const job of this.journal.jobs(['queued', 'running'])) this.pause(job.id, options);
  }

  /** Resumes every paused job, or with `by` only those paused by it (after sleep: not the person's). */
  resumeAll(by?: PausedBy): JobSnapshot[] {
    this.pausedAll = undefined;
    return this.journal
      .jobs(['queued', 'running', 'paused'])
      .filter((job) => by === undefined || job.state !== 'paused' || job.pausedBy === by)
      .map((job) => this.restart(job.id));
  }

  /** Stops a job for good and removes what it left half-made in Frame.io. */
  async cancel(jobId: string): Promise<JobSnapshot> {
    const active = this.active.get(jobId);
    if (active) {
      this.stop(active, 'cancel');
      await active.settled;
    } else {
      await this.cleanUpCancelled(jobId);
    }
    return this.journal.job(jobId)!;
  }

  setPriority(jobId: string, priority: number): void {
    this.journal.setJobPriority(jobId, priority);
    if (this.priorities.has(jobId)) this.priorities.set(jobId, priority);
    this.emit('job', this.journal.job(jobId)!);
  }

  setBandwidth(spec: string): void {
    this.bandwidth.set(parseBandwidth(spec));
  }

  job(jobId: string): JobSnapshot | undefined {
    return this.journal.job(jobId);
  }

  jobs(): JobSnapshot[] {
    return this.journal.jobs();
  }

  files(jobId: string): FileSnapshot[] {
    return this.journal.files(jobId).map((row) => this.snapshotOf(row));
  }

  /** The job's files from place `offset` in its order: what a screen of its list shows. */
  filePage(jobId: string, offset: number, limit: number): FileSnapshot[] {
    return this.journal.filePage(jobId, offset, limit).map((row) => this.snapshotOf(row));
  }

  /** Resolves when the job stops running: done, failed, paused or cancelled. */
  settled(jobId: string): Promise<JobSnapshot> {
    return this.active.get(jobId)?.settled ?? Promise.resolve(this.journal.job(jobId)!);
  }

  /** Stops all work, leaving running jobs queued in the journal to resume next time. */
  async close(): Promise<void> {
    const running = [...this.active.values()];
    for (const active of running) this.stop(active, 'close');
    this.closing.abort(new Error('closing'));
    await Promise.all([...running.map((a) => a.settled), ...[...this.walks.values()].map((feed) => feed.finished.catch(() => undefined))]);
    this.reachability.close();
  }

  private create(job: Omit<NewJob, 'id'>, files: NewFile[], folders: string[]): JobSnapshot {
    const id = randomUUID();
    this.journal.createJob({ ...job, id }, files, folders);
    return this.announce(id);
  }

  private announce(id: string): JobSnapshot {
    this.emit('job', this.journal.job(id)!);
    this.start(id);
    return this.journal.job(id)!;
  }

  private restart(jobId: string): JobSnapshot {
    const job = this.journal.job(jobId);
    if (!job) throw new Refusal('transfers:no-such-job', `There is no transfer ${jobId}; it may have been cleared.`, 'Look in Transfers for the job, or start the upload again.');
    if (this.active.has(jobId) || job.state === 'done') return job;
    if (job.state === 'failed' || job.state === 'cancelled' || job.state === 'paused') {
      const retried = this.journal.retryFiles(jobId);
      this.setJobState(jobId, 'queued');
      // The rows lose their failed look the moment they are back in line.
      for (const fileId of retried) this.emit('file', { jobId, file: this.fileView(fileId) });
    }
    this.start(jobId);
    return this.journal.job(jobId)!;
  }

  private start(jobId: string): void {
    if (this.active.has(jobId)) return;
    if (this.pausedAll) {
      this.setJobState(jobId, 'paused', null, this.pausedAll);
      return;
    }
    const controller = new AbortController();
    const drain = new AbortController();
    const active: ActiveJob = { controller, drain, settled: Promise.resolve(undefined as never) };
    active.settled = this.run(jobId, active).finally(() => this.active.delete(jobId));
    this.active.set(jobId, active);
  }

  private stop(active: ActiveJob, reason: StopReason, now = true): void {
    active.reason ??= reason;
    active.drain.abort(new Error(`job ${reason}`));
    if (now) active.controller.abort(new Error(`job ${reason}`));
  }

  private async run(jobId: string, active: ActiveJob): Promise<JobSnapshot> {
    const signal = active.controller.signal;
    this.setJobState(jobId, 'running');
    const job = this.journal.job(jobId)!;
    this.priorities.set(jobId, job.priority);
    const meter = new ProgressMeter(this.clock, job.bytesDone, job.bytesTotal);
    const throttle = new Throttle(this.options.progressIntervalMs, () => this.emitProgress(jobId, meter));
    const ctx: FileContext = {
      api: this.uploadApi(job.accountId),
      journal: this.journal,
      fs: this.fs,
      clock: this.clock,
      bandwidth: this.bandwidth,
      partSlots: this.partSlots,
      partConcurrency: this.options.partConcurrency,
      partRetries: this.options.partRetries,
      confirmTimeoutMs: this.options.confirmTimeoutMs,
      recordSha256: (JSON.parse(this.journal.jobSpec(jobId)) as { sha256?: boolean }).sha256 === true,
      priority: () => this.priorities.get(jobId) ?? 0,
      signal,
      draining: active.drain.signal,
      reachable: () => this.reachability.state().reachable,
      onBytes: (delta) => {
        meter.add(delta);
        throttle.poke();
      },
      update: (fileId, patch) => {
        this.updateFile(jobId, fileId, patch);
        if (patch.state !== undefined) throttle.poke();
      },
      retrying: (fileId, retry) => this.setRetry(jobId, fileId, retry),
    };

    try {
      if (job.kind === 'remote') await this.runRemote(ctx, job);
      else if (job.kind === 'download') await this.runDownloads(ctx, job);
      else if (job.kind === 'live') await this.runLive(ctx, job);
      else await this.runFiles(ctx, job);
      const after = this.journal.job(jobId)!;
      const unfinished = this.journal.unfinishedCount(jobId) > 0 || !this.journal.isPlanned(jobId);
      if (active.reason && unfinished) {
        await this.stopped(jobId, active);
      } else {
        const failed = after.filesFailed;
        const verb = job.kind === 'download' ? 'downloaded' : 'uploaded';
        this.setJobState(jobId, failed > 0 ? 'failed' : 'done', failed > 0 ? `${failed} of ${after.filesTotal} files could not be ${verb}.` : null);
      }
    } catch (error) {
      if (active.reason) await this.stopped(jobId, active);
      // A full disk is not the download's fault: it waits, paused, for the person to make room.
      else if (error instanceof DiskFull) this.setJobState(jobId, 'paused', describe(error), 'person');
      else this.setJobState(jobId, 'failed', describe(error));
    } finally {
      throttle.cancel();
      // The job's last state went out with setJobState; counts due after it would repeat it.
      this.jobEvents.get(jobId)?.cancel();
      this.jobEvents.delete(jobId);
      for (const [fileId, { jobId: of }] of this.retries) if (of === jobId) this.retries.delete(fileId);
      this.priorities.delete(jobId);
      meter.bytesDone = this.journal.job(jobId)!.bytesDone;
      this.emitProgress(jobId, meter);
    }
    return this.journal.job(jobId)!;
  }

  /** Where a job stopped on request ends up: cancelled (cleaned up), paused, or queued to resume next time. */
  private async stopped(jobId: string, active: ActiveJob): Promise<void> {
    if (active.reason === 'cancel') await this.cleanUpCancelled(jobId);
    else if (active.reason === 'pause') this.setJobState(jobId, 'paused', null, active.pausedBy ?? 'person');
    else this.setJobState(jobId, 'queued');
  }

  /**
   * Runs one file's work until it ends, waiting out passing failures: each one waits for Frame.io
   * to answer a probe, then the work starts again from what the journal holds.
   */
  private async rideOut(jobId: string, fileId: number, signal: AbortSignal, work: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        if (!this.reachability.state().reachable) await this.hold(jobId, () => this.reachability.whenReachable(signal));
        await work();
        return;
      } catch (error) {
        if (signal.aborted || !isPassing(error)) throw error;
        this.setRetry(jobId, fileId, { attempt, reason: describe(error), nextAt: null });
        await this.hold(jobId, () => this.reachability.waitForAnswer(signal));
      }
    }
  }

  /** Counts a file of the job as waiting for Frame.io while `wait` runs. */
  private async hold(jobId: string, wait: () => Promise<void>): Promise<void> {
    this.held.set(jobId, (this.held.get(jobId) ?? 0) + 1);
    this.showWaiting(jobId);
    try {
      await wait();
    } finally {
      const left = (this.held.get(jobId) ?? 1) - 1;
      if (left > 0) this.held.set(jobId, left);
      else this.held.delete(jobId);
      this.showWaiting(jobId);
    }
  }

  /** The job waits for Frame.io while some file of it does and Frame.io is known not to answer. */
  private showWaiting(jobId: string): void {
    const connection = this.reachability.state();
    const since = this.held.has(jobId) && !connection.reachable ? connection.since : null;
    const job = this.journal.job(jobId);
    if (!job || job.waitingSince === since || (since !== null && job.state !== 'running')) return;
    this.journal.setWaiting(jobId, since);
    this.emit('job', this.journal.job(jobId)!);
  }

  private async runFiles(ctx: FileContext, job: JobSnapshot): Promise<void> {
    const resolver = new FolderResolver(ctx.api, this.journal, job.id, job.folderId, ctx.signal);
    const indexes = new Map<string, Promise<FolderIndex>>();
    const indexFor = (folderId: string) => {
      let index = indexes.get(folderId);
      if (!index) {
        const loading = resolver.created.has(folderId) || job.conflict === 'new' ? Promise.resolve(FolderIndex.empty()) : FolderIndex.load(ctx.api, folderId, ctx.signal);
        // A listing cut short (Frame.io out of reach) is asked for again by the next attempt.
        loading.catch(() => indexes.get(folderId) === loading && indexes.delete(folderId));
        indexes.set(folderId, (index = loading));
      }
      return index;
    };
    const stopper = new AbortController();
    let stop: JobStop | undefined;
    const signal = AbortSignal.any([ctx.signal, stopper.signal]);
    // What starts work (a file slot, a wait for Frame.io) also ends when the job is pausing.
    const starting = AbortSignal.any([signal, ctx.draining]);
    const fileCtx: FileContext = { ...ctx, signal };
    const feed = this.walk(job.id);

    const send = async (file: FileRow) => {
      try {
        await this.rideOut(job.id, file.id, starting, async () => {
          let release: (() => void) | undefined;
          try {
            const folderId = await resolver.ensure(file.relDir);
            const index = await indexFor(folderId);
            release = await this.fileSlots.acquire(ctx.priority, starting);
            await uploadLocalFile(fileCtx, file.id, folderId, index, job.conflict, release);
          } finally {
            release?.();
          }
        });
      } catch (error) {
        if (ctx.signal.aborted || error === ctx.draining.reason) return;
        if (error instanceof JobStop) {
          stop ??= error;
          stopper.abort(error);
          return;
        }
        if (stopper.signal.aborted) return;
        this.updateFile(job.id, file.id, { state: 'failed', error: describe(error) });
      }
    };

    // The unfinished files, a page at a time in the job's order, as the walk adds them.
    let afterSeq = -1;
    let queue: FileRow[] = [];
    let exhausted = false;
    const refill = async () => {
      const walked = !feed || feed.stopped;
      queue = this.journal.unfinishedFiles(job.id, afterSeq, FILE_PAGE);
      if (queue.length > 0) afterSeq = queue[queue.length - 1]!.seq;
      else if (walked) exhausted = true;
      else await feed.more(starting);
    };
    // Workers that find the queue empty share one read of the next page (or one wait for the walk):
    // each reading for itself read the journal once per idle worker, not once per page.
    let refilling: Promise<void> | undefined;
    const next = async (): Promise<FileRow | undefined> => {
      for (;;) {
        if (starting.aborted) return undefined;
        const file = queue.shift();
        if (file) return file;
        if (exhausted) return undefined;
        refilling ??= refill().finally(() => (refilling = undefined));
        await refilling;
      }
    };
    await Promise.all(
      Array.from({ length: FILES_UNDER_WAY }, async () => {
        for (let file = await next(); file; file = await next()) await send(file);
      }),
    );
    // A pausing job does not wait for its walk, which its next run finishes.
    if (!starting.aborted) await feed?.finished;
    ctx.signal.throwIfAborted();
    if (stop) throw stop;
  }

  private async runDownloads(ctx: FileContext, job: JobSnapshot): Promise<void> {
    const { conflict } = JSON.parse(this.journal.jobSpec(job.id)) as Pick<DownloadContext, 'conflict'>;
    for (const relDir of this.journal.folders(job.id).keys()) {
      await mkdir(join((JSON.parse(this.journal.jobSpec(job.id)) as { to: string }).to, relDir), { recursive: true }).catch(() => undefined);
    }
    const stopper = new AbortController();
    let stop: JobStop | undefined;
    const signal = AbortSignal.any([ctx.signal, stopper.signal]);
    const starting = AbortSignal.any([signal, ctx.draining]);
    const fileCtx: DownloadContext = { ...ctx, signal, conflict, rangeSize: this.options.downloadRangeSize };
    let afterSeq = -1;
    for (;;) {
      const page = this.journal.unfinishedFiles(job.id, afterSeq, FILE_PAGE);
      if (page.length === 0 || starting.aborted) break;
      afterSeq = page[page.length - 1]!.seq;
      const queue = [...page];
      await Promise.all(
        Array.from({ length: FILES_UNDER_WAY }, async () => {
          for (let file = queue.shift(); file && !starting.aborted; file = queue.shift()) {
            try {
              await this.rideOut(job.id, file.id, starting, async () => {
                const release = await this.fileSlots.acquire(ctx.priority, starting);
                try {
                  await downloadFile(fileCtx, file.id);
                } finally {
                  release();
                }
              });
            } catch (error) {
              if (ctx.signal.aborted || error === ctx.draining.reason || stopper.signal.aborted) continue;
              if (error instanceof JobStop) {
                stop ??= error;
                stopper.abort(error);
                continue;
              }
              this.updateFile(job.id, file.id, { state: 'failed', error: describe(error) });
            }
          }
        }),
      );
    }
    ctx.signal.throwIfAborted();
    if (stop) throw stop;
  }

  private async runRemote(ctx: FileContext, job: JobSnapshot): Promise<void> {
    const [file] = this.journal.files(job.id);
    if (!file || file.state === 'done') return;
    try {
      await this.rideOut(job.id, file.id, AbortSignal.any([ctx.signal, ctx.draining]), () => runRemoteUpload(ctx, file.id, job.folderId));
    } catch (error) {
      if (ctx.signal.aborted || error === ctx.draining.reason || error instanceof JobStop) throw error;
      this.updateFile(job.id, file.id, { state: 'failed', error: describe(error) });
    }
  }

  private async runLive(ctx: FileContext, job: JobSnapshot): Promise<void> {
    const [file] = this.journal.files(job.id);
    if (!file || FINISHED_FILE_STATES.includes(file.state)) return;
    const { stableMs } = JSON.parse(this.journal.jobSpec(job.id)) as { stableMs: number };
    // A pause stops a live upload at once: its next run carries on from the parts journaled.
    const signal = AbortSignal.any([ctx.signal, ctx.draining]);
    const live = { fileId: file.id, folderId: job.folderId, policy: job.conflict, stableMs, db: this.db, onEvent: (event: LiveJobEvent) => this.emit('live', { jobId: job.id, event }) };
    try {
      await this.rideOut(job.id, file.id, signal, () => uploadLiveFile({ ...ctx, signal }, live));
    } catch (error) {
      if (signal.aborted || error instanceof JobStop) throw error;
      this.updateFile(job.id, file.id, { state: 'failed', error: describe(error) });
    }
  }

  /** Marks what is left of a cancelled job and deletes the Frame.io placeholders it had started. */
  /**
   * The walk of the job's drop, started if the journal says it has not ended (a new job, or one a
   * closed or crashed run left half walked); undefined once every file is in the journal. A walk
   * goes on while its job is paused, so a paused or cancelled job knows all its files.
   */
  private walk(jobId: string): PlanFeed | undefined {
    let feed = this.walks.get(jobId);
    if (feed || this.journal.isPlanned(jobId)) return feed;
    const paths = (JSON.parse(this.journal.jobSpec(jobId)) as { paths: string[] }).paths;
    feed = new PlanFeed(this.journal, this.fs, jobId, paths, this.closing.signal, () => this.jobChanged(jobId));
    this.walks.set(jobId, feed);
    const walking = feed;
    // A failed walk fails the job through the run that awaits it; here it only ends.
    void walking.finished
      .catch(() => undefined)
      .finally(() => {
        if (this.walks.get(jobId) === walking) this.walks.delete(jobId);
        // A job that is not running (paused while it was walked) shows its full count now.
        if (!this.active.has(jobId) && !this.closing.signal.aborted) this.emit('job', this.journal.job(jobId)!);
      });
    return feed;
  }

  private async cleanUpCancelled(jobId: string): Promise<void> {
    // Every file of the drop is cancelled, not only those found so far.
    await this.walks.get(jobId)?.finished.catch(() => undefined);
    const job = this.journal.job(jobId);
    if (!job) return;
    // A cancelled download leaves nothing half-made on the disk; Frame.io is never touched.
    if (job.kind === 'download') {
      for (const file of this.journal.files(jobId)) if (file.state === 'downloading') await rm(partialPath(file.source), { force: true });
      this.journal.cancelRest(jobId);
      this.setJobState(jobId, 'cancelled');
      return;
    }
    // Only files with something in Frame.io need a call; the rest are marked in one statement.
    const later: string[] = [];
    for (const file of this.journal.startedFiles(jobId)) {
      if (job.kind !== 'remote' && file.state !== 'confirming' && file.state !== 'stacking') {
        const name = file.remoteName ?? file.name;
        if (!(await this.cleanup.delete({ accountId: job.accountId, fileId: file.remoteId!, name }, this.reachability.state().reachable))) later.push(name);
        this.journal.setParts(file.id, []);
        this.updateFile(jobId, file.id, { remoteId: null, state: 'cancelled', bytesDone: 0 });
      }
    }
    this.journal.cancelRest(jobId);
    this.setJobState(jobId, 'cancelled', later.length === 0 ? null : leftInFrameio(later));
    // Nothing else may be waiting for Frame.io: the deletions wait for it themselves.
    if (later.length > 0) void this.reachability.waitForAnswer(this.closing.signal).then(() => this.cleanup.run(), () => undefined);
  }

  private api(accountId: string): AccountApi {
    let api = this.apis.get(accountId);
    if (!api) {
      api = new AccountApi(this.client, accountId);
      this.apis.set(accountId, api);
    }
    return api;
  }

  private uploadApi(accountId: string): TransferApi {
    if (!this.makeTransferApi) return this.api(accountId);
    let api = this.transferApis.get(accountId);
    if (!api) {
      api = this.makeTransferApi(accountId);
      this.transferApis.set(accountId, api);
    }
    return api;
  }

  private setJobState(jobId: string, state: JobSnapshot['state'], error: string | null = null, pausedBy: PausedBy | null = null): void {
    this.journal.setJobState(jobId, state, error, pausedBy);
    this.emit('job', this.journal.job(jobId)!);
  }

  private updateFile(jobId: string, fileId: number, patch: FilePatch): void {
    this.journal.updateFile(fileId, patch);
    // A file that moves on is no longer retrying what it was.
    if (patch.state !== undefined) this.retries.delete(fileId);
    if (patch.state !== undefined || patch.remoteId !== undefined || patch.error !== undefined) {
      this.emit('file', { jobId, file: this.fileView(fileId) });
    }
    if (patch.state !== undefined) this.jobChanged(jobId);
  }

  private setRetry(jobId: string, fileId: number, retry: FileRetry | null): void {
    if (retry === null && !this.retries.has(fileId)) return;
    if (retry) this.retries.set(fileId, { jobId, retry });
    else this.retries.delete(fileId);
    this.emit('file', { jobId, file: this.fileView(fileId) });
  }

  private fileView(fileId: number): FileSnapshot {
    return this.snapshotOf(this.journal.file(fileId));
  }

  private snapshotOf(row: FileRow): FileSnapshot {
    return fileSnapshot(row, this.retries.get(row.id)?.retry ?? null);
  }

  /** Sends the job's snapshot (its file counts) after its files changed, a few times a second at most. */
  private jobChanged(jobId: string): void {
    if (!this.active.has(jobId)) return;
    let throttle = this.jobEvents.get(jobId);
    if (!throttle) {
      throttle = new Throttle(this.options.progressIntervalMs, () => {
        const job = this.journal.job(jobId);
        if (job?.state === 'running') this.emit('job', job);
      });
      this.jobEvents.set(jobId, throttle);
    }
    throttle.poke();
  }

  private emitProgress(jobId: string, meter: ProgressMeter): void {
    const job = this.journal.job(jobId);
    if (!job) return;
    // The walk may still be adding files.
    meter.bytesTotal = job.bytesTotal;
    this.emit('progress', {
      jobId,
      bytesDone: Math.min(meter.bytesDone, job.bytesTotal),
      bytesTotal: job.bytesTotal,
      filesDone: job.filesDone + job.filesSkipped,
      filesTotal: job.filesTotal,
      // Nothing moves while Frame.io is away, whatever the last few seconds did.
      rate: job.waitingSince === null ? Math.round(meter.rate()) : 0,
      etaSeconds: job.waitingSince === null ? meter.etaSeconds() : null,
    });
  }
}

/** Where a new version of `fileId` goes: the folder it is in, onto the file itself or its stack. */
async function stackTarget(api: TransferApi, fileId: string): Promise<{ folderId: string; stackOnto: string }> {
  const file = await api.showFile(fileId);
  if (!file.parent_id) throw new FileFailure('That file has no folder to add a version in.', 'Pick a file inside a project folder.');
  try {
    const stack = await api.showVersionStack(file.parent_id);
    return { folderId: stack.parent_id!, stackOnto: `stack:${stack.id}` };
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'not-found') return { folderId: file.parent_id, stackOnto: `file:${fileId}` };
    throw error instanceof ApiError ? apiFailure(error, 'Looking up the version stack') : error;
  }
}

/** Only a digest asked for goes in a job's spec, so the specs of other jobs, and their repeats, stay as they were. */
function digestSpec(request: { recordSha256?: boolean }): { sha256?: true } {
  return request.recordSha256 ? { sha256: true } : {};
}

/** What a cancel that found Frame.io out of reach says: the unfinished files there go later. */
function leftInFrameio(names: string[]): string {
  const what = names.length === 1 ? `The unfinished copy of "${names[0]}" is` : `${names.length} unfinished copies are`;
  return `Frame.io could not be reached. ${what} still in Frame.io: Slate deletes ${names.length === 1 ? 'it' : 'them'} as soon as Frame.io answers again.`;
}

function describe(error: unknown): string {
  if (error instanceof ApiError) return `${error.message}. ${error.action}`;
  if (error instanceof SlateError) return `${error.message} ${error.action}`;
  return error instanceof Error ? error.message : String(error);
}
