// Every follow of this Slate, run inside the service the way watch folders are: kept in the
// journal with its settings and whether it is paused, started with the backend unless paused,
// sharing one pace so that together they stay within Frame.io's listing limits. The desktop app
// and the web agent run follows through this.
import { EventEmitter } from 'node:events';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Clock } from '../api/clock.ts';
import { ApiError } from '../api/errors.ts';
import type { AccountApi } from '../api/resources.ts';
import { Refusal } from '../errors.ts';
import { partialPath } from '../transfers/download/file-download.ts';
import type { TransferEngine } from '../transfers/engine.ts';
import { Follow } from './follow.ts';
import type { FollowJournal, FollowRecord, FollowSettings } from './journal.ts';
import type { FolderPace } from './pace.ts';

export interface FollowManagerOptions {
  journal: FollowJournal;
  engine: TransferEngine;
  /** the Frame.io operations of one account */
  api(accountId: string): AccountApi;
  /** shared by every follow: the listing budget is the user's, not one follow's */
  pace: FolderPace;
  clock: Clock;
  /** the least time from the start of one look to the start of the next */
  intervalMs: number;
}

export interface FollowProblem {
  message: string;
  action: string | null;
}

export interface FollowSummary extends FollowSettings {
  id: string;
  accountId: string;
  folderId: string;
  /** the Frame.io folder's name; it comes down as a folder of this name inside `dir` */
  label: string;
  dir: string;
  /** paused by the person: it does not look, and its downloads wait, until resumed */
  paused: boolean;
  /** following: it looks from time to time; false when paused or stopped by a problem */
  running: boolean;
  /** a look is under way, or asked for and about to start */
  looking: boolean;
  /** when the last look through the Frame.io folder ended (epoch ms) */
  lookedAt: number | null;
  /** what was queued, by transfer state: done, skipped (already there), failed, and still coming */
  counts: { done: number; skipped: number; failed: number; coming: number };
  lastDown: { name: string; relPath: string; at: number } | null;
  /** what went wrong last, with what to do; cleared by the next look that succeeds */
  problem: FollowProblem | null;
}

export interface NewFollow extends Partial<FollowSettings> {
  accountId: string;
  folderId: string;
  dir: string;
}

export interface FollowManagerEvents {
  follow: [FollowSummary];
}

const DEFAULT_SETTINGS: FollowSettings = { versions: 'replace', conflict: 'rename' };
/** A follow bringing down thousands of files reports its counts a few times a second, not per file. */
const CHANGED_INTERVAL_MS = 250;

interface Running {
  follow: Follow;
  stop: AbortController;
  done: Promise<void>;
}

export class FollowManager extends EventEmitter<FollowManagerEvents> {
  private readonly options: FollowManagerOptions;
  private readonly running = new Map<string, Running>();
  private readonly problems = new Map<string, FollowProblem>();
  private readonly due = new Map<string, NodeJS.Timeout>();

  constructor(options: FollowManagerOptions) {
    super();
    this.options = options;
  }

  startAll(): void {
    for (const record of this.options.journal.all()) if (!record.paused) this.launch(record);
  }

  /** Follows a Frame.io folder into `dir` (made if new, its settings replaced and a pause ended if not) and starts it. */
  async add(input: NewFollow): Promise<FollowSummary> {
    const folder = await this.options
      .api(input.accountId)
      .showFolder(input.folderId)
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.kind === 'not-found') throw new Refusal('follows:no-folder', 'That Frame.io folder is not there any more.', 'Open another folder in Projects and follow it.', { cause: error });
        throw error;
      });
    const record = this.options.journal.ensure({
      accountId: input.accountId,
      folderId: input.folderId,
      dir: resolve(input.dir),
      label: folder.name,
      versions: input.versions ?? DEFAULT_SETTINGS.versions,
      conflict: input.conflict ?? DEFAULT_SETTINGS.conflict,
    });
    this.options.journal.setPaused(record.id, false);
    await this.restart(record.id);
    return this.changed(record.id);
  }

  /** Changes a follow's settings; it starts again with them, from where it was (a paused one stays paused). */
  async update(id: string, settings: Partial<FollowSettings>): Promise<FollowSummary> {
    const record = this.record(id);
    this.options.journal.setSettings(id, { versions: settings.versions ?? record.versions, conflict: settings.conflict ?? record.conflict });
    await this.restart(id);
    return this.changed(id);
  }

  /**
   * Stops looking and pauses the follow's downloads at once (what a range had fetched is fetched
   * again on resume); it stays paused across restarts until resumed.
   */
  async pause(id: string): Promise<FollowSummary> {
    this.record(id);
    this.options.journal.setPaused(id, true);
    await this.halt(id);
    for (const jobId of this.options.journal.openJobs(id)) this.options.engine.pause(jobId, { now: true });
    return this.changed(id);
  }

  /** Starts a paused follow again: its downloads go on and it looks at once. */
  async resume(id: string): Promise<FollowSummary> {
    this.record(id);
    this.options.journal.setPaused(id, false);
    await this.restart(id);
    return this.changed(id);
  }

  /** Looks through the followed folder now rather than when the interval is up; a follow stopped by a problem starts again. */
  async lookNow(id: string): Promise<FollowSummary> {
    const record = this.record(id);
    if (record.paused) throw new Refusal('follows:paused', `The follow of "${record.label}" is paused.`, 'Resume it, and it looks through the folder at once.');
    const running = this.running.get(id);
    if (running) running.follow.lookNow();
    else await this.restart(id);
    return this.changed(id);
  }

  /**
   * Stops and forgets a follow. Its downloads not yet done are cancelled, leaving no half-fetched
   * file behind; what came down stays on the disk, and its jobs stay in Transfers' history.
   */
  async remove(id: string): Promise<void> {
    this.record(id);
    await this.halt(id);
    for (const jobId of this.options.journal.openJobs(id)) await this.cancelJob(jobId);
    this.options.journal.remove(id);
    this.problems.delete(id);
    clearTimeout(this.due.get(id));
    this.due.delete(id);
  }

  list(): FollowSummary[] {
    return this.options.journal.all().map((record) => this.summarize(record));
  }

  summary(id: string): FollowSummary {
    return this.summarize(this.record(id));
  }

  async close(): Promise<void> {
    for (const timer of this.due.values()) clearTimeout(timer);
    this.due.clear();
    await Promise.all([...this.running.keys()].map((id) => this.halt(id)));
  }

  /** A cancel removes the temporary files of downloads under way; a failed file's is removed here. */
  private async cancelJob(jobId: string): Promise<void> {
    const { engine } = this.options;
    const failed = engine.files(jobId).filter((file) => file.state === 'failed');
    await engine.cancel(jobId);
    await Promise.all(failed.map((file) => rm(partialPath(file.source), { force: true })));
  }

  private summarize(record: FollowRecord): FollowSummary {
    const { journal } = this.options;
    const states = journal.fileStates(record.id);
    const count = (state: string) => states.get(state) ?? 0;
    const settled = count('done') + count('skipped') + count('failed') + count('cancelled');
    const queued = [...states.values()].reduce((sum, n) => sum + n, 0);
    return {
      id: record.id,
      accountId: record.accountId,
      folderId: record.folderId,
      label: record.label,
      dir: record.dir,
      versions: record.versions,
      conflict: record.conflict,
      paused: record.paused,
      running: this.running.has(record.id),
      looking: this.running.get(record.id)?.follow.looking ?? false,
      lookedAt: record.lastPassAt,
      counts: { done: count('done'), skipped: count('skipped'), failed: count('failed'), coming: queued - settled },
      lastDown: journal.lastDown(record.id) ?? null,
      problem: this.problems.get(record.id) ?? null,
    };
  }

  private record(id: string): FollowRecord {
    const record = this.options.journal.get(id);
    if (!record) throw new Refusal('follows:gone', `This follow (${id}) no longer exists: it was removed, perhaps in another window.`, 'Follow the Frame.io folder again from Projects.');
    return record;
  }

  private async restart(id: string): Promise<void> {
    await this.halt(id);
    this.problems.delete(id);
    const record = this.record(id);
    if (!record.paused) this.launch(record);
  }

  private launch(record: FollowRecord): void {
    if (this.running.has(record.id)) return;
    const { engine, api, pace, clock, intervalMs, journal } = this.options;
    const follow = new Follow({ engine, api: api(record.accountId), journal, follow: record, pace, clock, intervalMs });
    follow.on('looking', () => this.changedSoon(record.id));
    follow.on('pass', () => {
      this.problems.delete(record.id);
      this.changedSoon(record.id);
    });
    follow.on('file', () => this.changedSoon(record.id));
    follow.on('problem', (message) => {
      this.problems.set(record.id, { message, action: 'Slate looks again by itself; if this goes on, check the network and the sign-in.' });
      this.changedSoon(record.id);
    });
    const stop = new AbortController();
    const done = follow.run(stop.signal).then(
      () => undefined,
      (error: unknown) => {
        this.problems.set(record.id, problemOf(error));
        this.running.delete(record.id);
        this.changedSoon(record.id);
      },
    );
    this.running.set(record.id, { follow, stop, done });
  }

  private async halt(id: string): Promise<void> {
    const running = this.running.get(id);
    if (!running) return;
    this.running.delete(id);
    running.stop.abort();
    await running.done;
  }

  private changed(id: string): FollowSummary {
    const summary = this.summary(id);
    this.emit('follow', summary);
    return summary;
  }

  private changedSoon(id: string): void {
    if (this.due.has(id)) return;
    this.due.set(
      id,
      setTimeout(() => {
        this.due.delete(id);
        // A follow removed meanwhile has nothing left to say.
        if (this.options.journal.get(id)) this.changed(id);
      }, CHANGED_INTERVAL_MS),
    );
  }
}

function problemOf(error: unknown): FollowProblem {
  const action = (error as { action?: unknown }).action;
  return {
    message: error instanceof Error ? error.message : String(error),
    action: typeof action === 'string' ? action : 'Remove the follow and follow the folder again; if it keeps failing, check the sign-in in Settings.',
  };
}
