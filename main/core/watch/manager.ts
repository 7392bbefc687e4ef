// Every watch of this Slate: persisted with its settings and whether it is paused, started
// together, each one a FolderWatch. The desktop app, the web agent and `slate watch` all run
// watches through this.
import { EventEmitter } from 'node:events';
import { stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { FolderWatch } from './folder-watch.ts';
import type { WatchJournal, WatchRecord } from './journal.ts';
import { WatchTarget, type WatchRemote } from './remote.ts';
import { withDefaults, type WatchSettings } from './settings.ts';
import type { WatchFileState, WatchFileView } from './states.ts';
import type { WatchUploader } from './uploader.ts';
import { Refusal } from '../errors.ts';
import { ApiError } from '../api/errors.ts';

export interface WatchManagerOptions {
  journal: WatchJournal;
  /** the Frame.io operations of one account: its V4 AccountApi, or a legacy account's v2WatchRemote */
  api(accountId: string): WatchRemote;
  /** the upload engine, for one account */
  uploader(accountId: string): WatchUploader;
}

export interface NewWatch {
  dir: string;
  accountId: string;
  folderId: string;
  settings?: Partial<WatchSettings>;
}

export interface WatchSummary {
  id: string;
  dir: string;
  accountId: string;
  folderId: string;
  settings: WatchSettings;
  paused: boolean;
  /** watching now (not paused, and the folder could be opened) */
  running: boolean;
  counts: Record<WatchFileState, number> | null;
  /** when the last full look at the folder ended (epoch ms); null while not running or before the first */
  lookedAt: number | null;
  /** a standing word about the watch, for its card: a setting that cannot work for this account */
  notice: string | null;
}

/** What a watch with "upload while it grows" says where the account has no real-time upload. */
export const LIVE_NOT_AVAILABLE = 'Upload while it grows needs a legacy (V2) account; this watch waits for files to finish, then uploads them.';

export interface WatchManagerEvents {
  file: [WatchFileView];
  watch: [WatchSummary];
  error: [{ watchId: string; error: Error }];
  /** a problem reported as an error is over (a folder that could not be read now can) */
  notice: [{ watchId: string; message: string }];
}

export class WatchManager extends EventEmitter<WatchManagerEvents> {
  private readonly options: WatchManagerOptions;
  private readonly running = new Map<string, FolderWatch>();
  /** one uploader per account, shared by its watches */
  private readonly uploaders = new Map<string, WatchUploader>();

  constructor(options: WatchManagerOptions) {
    super();
    this.options = options;
  }

  /** Starts every watch that is not paused; a folder that cannot be opened is reported, the rest start. */
  async startAll(): Promise<void> {
    const records = this.options.journal.watches<WatchSettings>().filter((w) => !w.paused);
    await Promise.all(records.map((record) => this.launch(record).catch((error: unknown) => this.report(record.id, error))));
  }

  /**
   * The watch of this folder into this Frame.io folder, created if new (its settings updated if not),
   * and started unless paused. The same folder and target always find the same journal.
   */
  async ensure(input: NewWatch): Promise<WatchSummary> {
    const dir = resolve(input.dir);
    await checkDirectory(dir);
    const settings = withDefaults(input.settings ?? {});
    const existing = this.options.journal.watches<WatchSettings>().find((w) => w.dir === dir && w.accountId === input.accountId && w.folderId === input.folderId);
    const id = existing?.id ?? randomUUID();
    if (existing) return this.restartWith(id, settings);
    this.options.journal.addWatch({ id, dir, accountId: input.accountId, folderId: input.folderId, settings, paused: false });
    await this.launch(this.record(id));
    return this.summary(id);
  }

  /**
   * Changes some of a watch's settings; it restarts with them unless paused. Its folder need not be
   * there: the settings of a watch on an unplugged drive can be changed too.
   */
  async update(id: string, settings: Partial<WatchSettings>, folderId?: string): Promise<WatchSummary> {
    const record = this.record(id);
    if (folderId !== undefined && folderId !== record.folderId) {
      await this.options
        .api(record.accountId)
        .showFolder(folderId)
        .catch((error: unknown) => {
          if (error instanceof ApiError && error.kind === 'not-found') throw new Refusal('watch:no-destination', 'That Frame.io folder is not there any more.', 'Open another folder in Projects and choose it as the destination.');
          throw error;
        });
      this.options.journal.setDestination(id, folderId);
    }
    return this.restartWith(id, withDefaults({ ...record.settings, ...settings }));
  }

  /** The Frame.io folder the watch uploads into, with its name and link as Frame.io gives them now (V2 gives no link). */
  async destination(id: string): Promise<{ folderId: string; name: string; viewUrl: string | null }> {
    const { accountId, folderId } = this.record(id);
    const folder = await this.options.api(accountId).showFolder(folderId);
    return { folderId, name: folder.name, viewUrl: folder.view_url ?? null };
  }

  private async restartWith(id: string, settings: WatchSettings): Promise<WatchSummary> {
    this.options.journal.setSettings(id, settings);
    await this.halt(id);
    const record = this.record(id);
    if (!record.paused) await this.launch(record);
    return this.changed(id);
  }

  list(): WatchSummary[] {
    return this.options.journal.watches().map((w) => this.summary(w.id));
  }

  summary(id: string): WatchSummary {
    const record = this.record(id);
    const watch = this.running.get(id);
    const settings = withDefaults(record.settings);
    const notice = settings.live && !this.uploader(record.accountId).live ? LIVE_NOT_AVAILABLE : null;
    return { ...record, settings, running: watch !== undefined, counts: watch?.counts() ?? null, lookedAt: watch?.lookedAt() ?? null, notice };
  }

  /** The files of a running watch, with their states. */
  files(id: string): WatchFileView[] {
    return this.running.get(id)?.files() ?? [];
  }

  async pause(id: string): Promise<WatchSummary> {
    this.options.journal.setPaused(id, true);
    await this.halt(id);
    return this.changed(id);
  }

  /** Looks through a running watch's whole folder now, for what arrived without an event (a network share). */
  async lookNow(id: string): Promise<WatchSummary> {
    const watch = this.running.get(id);
    if (!watch) {
      const paused = this.record(id).paused;
      throw paused
        ? new Refusal('watch:paused', 'This watch is paused.', 'Resume it, and it looks through its folder as it starts.')
        : new Refusal('watch:not-running', 'This watch is not running: its folder could not be opened.', 'Check that its drive is connected.');
    }
    await watch.lookAgain();
    return this.changed(id);
  }

  /** Starts a paused watch again; its first scan catches up with what happened meanwhile. */
  async resume(id: string): Promise<WatchSummary> {
    this.options.journal.setPaused(id, false);
    await this.launch(this.record(id));
    return this.changed(id);
  }

  /** Stops and forgets a watch. Nothing in Frame.io and nothing on disk is deleted. */
  async remove(id: string): Promise<void> {
    await this.halt(id);
    this.options.journal.removeWatch(id);
  }

  async close(): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.halt(id)));
  }

  private record(id: string): WatchRecord<WatchSettings> {
    const record = this.options.journal.watch<WatchSettings>(id);
    if (!record) throw new Refusal('watch:gone', `This watch (${id}) no longer exists: it was removed, perhaps in another window.`, 'Add its folder again to watch it.');
    return record;
  }

  private async launch(record: WatchRecord<WatchSettings>): Promise<void> {
    // A folder on a drive that is not connected is still started: the tree observer waits for it to appear,
    // and its first scan then catches up.
    if (this.running.has(record.id)) return;
    const { journal } = this.options;
    const watch = new FolderWatch({
      id: record.id,
      dir: record.dir,
      settings: withDefaults(record.settings),
      journal,
      uploader: this.uploader(record.accountId),
      destination: new WatchTarget(this.options.api(record.accountId), journal, record.id, record.folderId),
    });
    watch.on('file', (file) => this.emit('file', file));
    watch.on('looked', () => this.changed(record.id));
    watch.on('error', (error) => this.report(record.id, error));
    watch.on('notice', (message) => this.emit('notice', { watchId: record.id, message }));
    this.running.set(record.id, watch);
    try {
      await watch.start();
    } catch (error) {
      this.running.delete(record.id);
      await watch.stop();
      throw error;
    }
    this.changed(record.id);
  }

  private uploader(accountId: string): WatchUploader {
    let uploader = this.uploaders.get(accountId);
    if (!uploader) this.uploaders.set(accountId, (uploader = this.options.uploader(accountId)));
    return uploader;
  }

  private async halt(id: string): Promise<void> {
    const watch = this.running.get(id);
    if (!watch) return;
    this.running.delete(id);
    await watch.stop();
  }

  private changed(id: string): WatchSummary {
    const summary = this.summary(id);
    this.emit('watch', summary);
    return summary;
  }

  private report(watchId: string, error: unknown): void {
    this.emit('error', { watchId, error: error instanceof Error ? error : new Error(String(error)) });
  }
}

async function checkDirectory(dir: string): Promise<void> {
  let info;
  try {
    info = await stat(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw code === 'ENOENT'
      ? new Refusal('watch:no-folder', `The folder "${dir}" does not exist (or its drive is not connected).`, 'Connect its drive, or choose another folder.', { cause: error })
      : new Refusal('watch:folder-unreadable', `The folder "${dir}" cannot be opened (${code ?? (error as Error).message}).`, 'Check that your user may read it, then add it again.', { cause: error });
  }
  if (!info.isDirectory()) throw new Refusal('watch:not-a-folder', `"${dir}" is a file, not a folder.`, 'Watch the folder it is in.');
}
