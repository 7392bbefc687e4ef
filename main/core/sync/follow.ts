// A Frame.io folder kept in sync into a local one: it looks through the tree at the follows' pace
// (at most once per interval, or at once when asked to look now), queues what is new as download
// jobs in the transfer engine while the look goes on (new versions that replace the stack's file
// as a job of their own, which overwrites), and says what comes down. What it queued is journaled
// by Frame.io id, so a restart resumes the unfinished jobs and queues nothing twice; a file whose
// download failed is queued again by the next look that still finds it. Nothing is ever deleted on
// the disk because it went from Frame.io.
import { EventEmitter } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Clock } from '../api/clock.ts';
import { ApiError } from '../api/errors.ts';
import type { AccountApi } from '../api/resources.ts';
import { FileFailure, isPassing } from '../transfers/errors.ts';
import type { TransferEngine } from '../transfers/engine.ts';
import type { NewFile } from '../transfers/journal.ts';
import type { FileSnapshot, JobSnapshot } from '../transfers/types.ts';
import type { FollowJournal, FollowRecord, SeenStack } from './journal.ts';
import type { FolderPace } from './pace.ts';
import { lookThrough, type Found, type Listed } from './scan.ts';
import { safeName } from '../transfers/download/safe-names.ts';

export interface FollowOptions {
  engine: TransferEngine;
  api: AccountApi;
  journal: FollowJournal;
  follow: FollowRecord;
  pace: FolderPace;
  clock: Clock;
  /** the least time from the start of one look to the start of the next */
  intervalMs: number;
}

export interface PassSummary {
  folders: number;
  queued: number;
  ms: number;
}

export interface FollowEvents {
  /** a look through the tree began */
  looking: [];
  /** a look through the tree finished */
  pass: [PassSummary];
  /** a file of this follow came down, was found already there, or failed */
  file: [FileSnapshot];
  /** something the person should hear of; the follow goes on */
  problem: [string];
}

const SETTLED_FILE_STATES = new Set(['done', 'skipped', 'failed']);
/**
 * What a look finds is queued in batches at most this far apart, not once it has been through the
 * whole tree: in a tree of 1,000 folders a look takes 400 s, and a file found at its start would
 * otherwise wait for its end. Batches keep a big arrival to a few jobs.
 */
const BATCH_MS = 5_000;

/** What a look has found since it last queued. */
interface Batch {
  found: Found[];
  stacks: Map<string, SeenStack>;
  folders: string[];
}

export class Follow extends EventEmitter<FollowEvents> {
  private readonly options: FollowOptions;
  private readonly jobs = new Set<string>();
  /** aborted to end the wait before the next look */
  private wake = new AbortController();
  private passing = false;
  private asked = false;

  constructor(options: FollowOptions) {
    super();
    this.options = options;
  }

  /** A look is under way, or was asked for and starts as soon as the one under way ends. */
  get looking(): boolean {
    return this.passing || this.asked;
  }

  /** Looks now rather than when the interval is up; during a look, once more straight after it (it may have passed the new file's folder). */
  lookNow(): void {
    this.asked = true;
    this.wake.abort();
  }

  /** Looks and queues until `signal` aborts. Ends with an error only for what waiting cannot mend. */
  async run(signal: AbortSignal): Promise<void> {
    const { engine, clock, intervalMs } = this.options;
    const onFile = ({ jobId, file }: { jobId: string; file: FileSnapshot }) => {
      if (this.jobs.has(jobId) && SETTLED_FILE_STATES.has(file.state)) this.emit('file', file);
    };
    const onJob = (job: JobSnapshot) => {
      if (this.jobs.has(job.id)) this.jobSettled(job);
    };
    engine.on('file', onFile);
    engine.on('job', onJob);
    try {
      this.takeUpUnfinished();
      while (!signal.aborted) {
        const started = clock.now();
        this.wake = new AbortController();
        this.asked = false;
        this.passing = true;
        this.emit('looking');
        try {
          const summary = await this.pass(signal);
          this.passing = false;
          this.emit('pass', summary);
        } catch (error) {
          this.passing = false;
          if (signal.aborted) break;
          if (!isPassing(error)) throw lasting(error, this.options.follow);
          this.emit('problem', `${(error as Error).message}. Looking again in ${Math.round(intervalMs / 1000)} s.`);
        }
        await clock.sleep(Math.max(0, started + intervalMs - clock.now()), AbortSignal.any([signal, this.wake.signal])).catch(() => undefined);
      }
    } finally {
      this.passing = false;
      this.asked = false;
      engine.off('file', onFile);
      engine.off('job', onJob);
    }
  }

  /** Jobs a stopped run left: unfinished ones go on; failed files are queued again by the next look. */
  private takeUpUnfinished(): void {
    const { engine, journal, follow } = this.options;
    for (const jobId of journal.unfinishedJobs(follow.id)) {
      this.jobs.add(jobId);
      const job = engine.job(jobId)!;
      if (job.state === 'failed') this.jobSettled(job);
      else engine.resume(jobId);
    }
  }

  private jobSettled(job: JobSnapshot): void {
    const { engine, journal, follow } = this.options;
    if (job.state === 'running' || job.state === 'queued') return;
    if (job.state === 'paused' && job.error) this.emit('problem', job.error);
    if (job.state !== 'failed') return;
    const failed = engine.files(job.id).filter((file) => file.state === 'failed' && file.remoteId !== null);
    journal.forget(follow.id, failed.map((file) => file.remoteId!));
  }

  private async pass(signal: AbortSignal): Promise<PassSummary> {
    const { api, journal, follow, pace, clock } = this.options;
    const started = clock.now();
    const queued = journal.queued(follow.id);
    // The first look makes the whole tree, empty folders too; later ones only what new files need.
    const first = queued.size === 0;
    let batch: Batch = { found: [], stacks: new Map(), folders: [] };
    let batchedAt = started;
    let total = 0;
    const flush = () => {
      total += batch.found.length;
      this.queueBatch(batch, first);
      batch = { found: [], stacks: new Map(), folders: [] };
      batchedAt = clock.now();
    };
    const listed = (here: Listed) => {
      batch.found.push(...here.found);
      for (const [id, stack] of here.stacks) batch.stacks.set(id, stack);
      if (first) batch.folders.push(here.relDir);
      if (batch.found.length > 0 && clock.now() - batchedAt >= BATCH_MS) flush();
    };
    const folders = await lookThrough({
      api,
      folderId: follow.folderId,
      top: safeName(follow.label),
      versions: follow.versions,
      queued,
      stacks: journal.stacks(follow.id),
      pathOf: (remoteId) => journal.pathOf(follow.id, remoteId),
      pace,
      signal,
      listed,
    });
    const empty = batch.found.length === 0 ? batch.folders : [];
    flush();
    // Folders with nothing in them after the last file queued: no job makes them, so they are made here.
    await Promise.all(empty.map((relDir) => mkdir(join(follow.dir, relDir), { recursive: true }).catch(() => undefined)));
    journal.passed(follow.id, Date.now());
    return { folders, queued: total, ms: Math.round(clock.now() - started) };
  }

  /** Queues what a batch found: new files as one job (making their folders), replacing versions as another, which overwrites. */
  private queueBatch(batch: Batch, first: boolean): void {
    const { journal, follow } = this.options;
    const fresh = batch.found.filter((found) => !found.replaces);
    const replacing = batch.found.filter((found) => found.replaces);
    const folders = first ? batch.folders : [...new Set(fresh.map((found) => dirname(found.relPath)))];
    const freshJob = this.queue(fresh, folders, follow.conflict);
    const replacingJob = this.queue(replacing, [], 'overwrite');
    journal.record(follow.id, freshJob, fresh.map(toQueued), new Map());
    journal.record(follow.id, replacingJob, replacing.map(toQueued), batch.stacks);
  }

  private queue(found: Found[], folders: string[], conflict: FollowRecord['conflict']): string | null {
    if (found.length === 0) return null;
    const { engine, follow } = this.options;
    const files: NewFile[] = found.map(({ file, relPath }) => ({
      source: join(follow.dir, relPath),
      relDir: dirname(relPath),
      name: file.name,
      size: file.file_size,
      mtimeMs: Date.parse(file.created_at),
      remoteId: file.id,
    }));
    const job = engine.downloadFound({ accountId: follow.accountId, folderId: follow.folderId, label: follow.label, to: follow.dir, files, folders, conflict });
    this.jobs.add(job.id);
    return job.id;
  }
}

function toQueued(found: Found): { remoteId: string; relPath: string } {
  return { remoteId: found.file.id, relPath: found.relPath };
}

/** What ends a follow: the folder gone, or a refusal that looking again will not change. */
function lasting(error: unknown, follow: FollowRecord): Error {
  if (error instanceof ApiError && error.kind === 'not-found') {
    return new FileFailure(
      `The followed Frame.io folder "${follow.label}" (${follow.folderId}) is no longer there (deleted, or access was removed).`,
      'What came down stays on the disk. Check the folder in Frame.io, then follow it again.',
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
