// One watch: a local folder tree mirrored into a Frame.io folder. The tree observer reports what
// changes (one OS watch per directory, none per file); the stability detector decides when a file is
// finished; the journal says what Frame.io already has, so a restart, or a drive coming back,
// uploads only what is new or changed; the upload engine does the transfer. Each of these runs on
// its own: looking at files never waits for an upload, and an upload waits only for a free lane.
// With "upload while it grows" on (and an account that can), a file seen growing is handed to a
// live upload at once, which follows it as it is written instead of waiting for it to finish.
import { EventEmitter } from 'node:events';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterUpload } from './after-upload.ts';
import { sha256File } from './hash.ts';
import type { FileRecord, WatchJournal } from './journal.ts';
import { Lanes } from './lanes.ts';
import type { WatchRules } from './rules.ts';
import { rulesFor, type WatchSettings } from './settings.ts';
import { StabilityDetector, type FileStat } from './stability.ts';
import { checkMove, FINISHED_STATES, WATCH_FILE_STATES, type WatchFileState, type WatchFileView } from './states.ts';
import { TreeObserver, type SeenFile } from './tree-observer.ts';
import type { LiveUploads, WatchUploader } from './uploader.ts';
import { findStackTarget, parseVersionedName, type StackCandidate } from './versions.ts';

/** The Frame.io side, as the watch uses it (WatchTarget in production). */
export interface WatchDestination {
  folderFor(relDir: string): Promise<string>;
  candidates(folderId: string): Promise<StackCandidate[]>;
  remember(folderId: string, name: string, fileId: string, stackedOnto: StackCandidate | undefined): Promise<void>;
}

export interface FolderWatchOptions {
  id: string;
  /** absolute path of the watched folder */
  dir: string;
  settings: WatchSettings;
  journal: WatchJournal;
  uploader: WatchUploader;
  destination: WatchDestination;
  /** a monotonic clock in milliseconds, for the stability window */
  now?: () => number;
}

export interface FolderWatchEvents {
  file: [WatchFileView];
  /** a full look at the tree is over (the catch-up at start, a timed one, or one asked for) */
  looked: [];
  /** the watched folder could not be read, or a file's journey broke in an unexpected way */
  error: [Error];
  /** something reported as an error is well again (a folder that could not be read now can) */
  notice: [message: string];
}

interface Entry extends FileStat {
  /** the change time when last seen; null for a file journaled before change times were kept */
  ctimeMs: number | null;
  state: WatchFileState;
  reason: string;
  sha256: string | null;
  remoteId: string | null;
  jobId: string | null;
  /** seen on disk since this watch started (journaled files are not, until the scan finds them) */
  present: boolean;
  /** the last full look at the tree that found it (0: none yet); set from the start, so that 100,000
   * entries keep one shape as they are found */
  look: number;
  /** its upload follows it as it grows (a live job): changes while it runs are that job's business */
  live: boolean;
  updatedAt: number;
  /** cancels the decision or upload under way */
  work?: AbortController;
}

/**
 * How many files are stat'ed at once when many come due together (a catch-up of a big tree), and
 * how many finished files are compared with the journal (and hashed, when only their date changed)
 * at once.
 */
const STAT_BATCH = 64;
/** how often a file waiting for a lower version of its shot looks again, should that one go away unannounced */
const LOWER_VERSION_LOOK_MS = 250;
/**
 * Files of one watch in the upload engine at once: a stuck upload leaves the others moving, and the
 * watch (not the engine's order of arrival) decides which waiting file goes next.
 */
const UPLOAD_LANES = 4;

export class FolderWatch extends EventEmitter<FolderWatchEvents> {
  readonly id: string;
  readonly dir: string;
  readonly settings: WatchSettings;
  private readonly rules: WatchRules;
  private readonly journal: WatchJournal;
  private readonly uploader: WatchUploader;
  /** set when this watch uploads files as they grow: the setting is on and the account can */
  private readonly live: LiveUploads | undefined;
  private readonly destination: WatchDestination;
  private readonly detector: StabilityDetector;
  private readonly entries = new Map<string, Entry>();
  /** finished files deciding whether Frame.io already has them; a file at a time per path */
  private readonly deciding = new Lanes(STAT_BATCH, 'oldest');
  /** finished files on their way to the engine; one shot in one folder at a time, so v002 finds v001 to stack onto */
  private readonly uploads: Lanes;
  /** finished files still deciding, by shot: a lower version among them joins the uploads first */
  private readonly readyByShot = new Map<string, Set<string>>();
  private readonly shotWaiters = new Map<string, Array<() => void>>();
  private observer: TreeObserver | undefined;
  /** counts the full looks at the tree, the first (the catch-up) included */
  private look = 0;
  private lastLookAt: number | null = null;
  private timer: NodeJS.Timeout | undefined;
  private checking = false;
  private stopped = false;

  constructor(options: FolderWatchOptions) {
    super();
    this.id = options.id;
    this.dir = options.dir;
    this.settings = options.settings;
    this.rules = rulesFor(options.settings);
    this.journal = options.journal;
    this.uploader = options.uploader;
    this.live = options.settings.live ? options.uploader.live : undefined;
    this.destination = options.destination;
    this.detector = new StabilityDetector(options.settings.stableSeconds * 1000, options.now);
    this.uploads = new Lanes(UPLOAD_LANES, options.settings.uploadFirst);
  }

  /** Starts watching; resolves once the catch-up scan has compared every file on disk with the journal. */
  async start(): Promise<void> {
    this.stopped = false;
    for (const record of this.journal.files(this.id)) {
      if (!this.entries.has(record.path)) this.entries.set(record.path, { ...record, present: false, look: 0, live: false });
    }
    const rescanSeconds = this.settings.rescanSeconds;
    const observer = new TreeObserver(this.dir, (path) => this.rules.ignoredBy(path) !== undefined, rescanSeconds > 0 ? { rescanEveryMs: rescanSeconds * 1000 } : {});
    this.observer = observer;
    observer.on('file', (path, now) => this.seen(path, now));
    observer.on('gone', (path) => this.gone(path));
    observer.on('goneDir', (path) => this.goneDir(path));
    observer.on('looking', () => this.look++);
    observer.on('looked', () => {
      this.forgetMissed();
      this.lastLookAt = Date.now();
      this.emit('looked');
    });
    observer.on('error', (error) => this.emit('error', error));
    observer.on('readable', (path) => this.emit('notice', `The folder "${join(this.dir, path)}" can be read again: its files are being caught up.`));
    await observer.start();
  }

  /** Looks through the whole folder again now (a network share's new files); resolves when done. */
  async lookAgain(): Promise<void> {
    await this.observer?.lookAgain();
  }

  /** When the last full look at the folder ended (epoch ms), or null before the first. */
  lookedAt(): number | null {
    return this.lastLookAt;
  }

  /** Stops watching. Uploads already handed to the engine are left to it; they are found again on the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const [path, entry] of this.entries) {
      entry.work?.abort();
      entry.work = undefined;
      // Whatever is on disk is found again by the next start's scan, and compared then.
      if (entry.state === 'pending' || entry.state === 'ready') this.entries.delete(path);
      else entry.present = false;
    }
    this.detector.clear();
    await this.observer?.close();
    this.observer = undefined;
  }

  /** Every file the watch knows of on disk, with its state and why. */
  files(): WatchFileView[] {
    return [...this.entries].filter(([, e]) => e.present).map(([path, e]) => this.view(path, e));
  }

  counts(): Record<WatchFileState, number> {
    const counts = Object.fromEntries(WATCH_FILE_STATES.map((s) => [s, 0])) as Record<WatchFileState, number>;
    for (const entry of this.entries.values()) if (entry.present) counts[entry.state]++;
    return counts;
  }

  /** Nothing is settling, waiting or uploading. */
  idle(): boolean {
    for (const entry of this.entries.values()) if (entry.present && !FINISHED_STATES.includes(entry.state)) return false;
    return true;
  }

  private view(path: string, entry: Entry): WatchFileView {
    return { watchId: this.id, path, state: entry.state, reason: entry.reason, size: entry.size, remoteId: entry.remoteId, updatedAt: entry.updatedAt };
  }

  private move(path: string, entry: Entry, to: WatchFileState, reason: string): void {
    checkMove(path, entry.state, to);
    if (to === 'ready' && entry.state !== 'ready') this.readyOf(this.shotOf(path)).add(path);
    if (entry.state === 'ready' && to !== 'ready') this.leftReady(path);
    entry.state = to;
    entry.reason = reason;
    entry.updatedAt = Date.now();
    if (to !== 'pending' && to !== 'ready') this.record(path, entry);
    this.emit('file', this.view(path, entry));
  }

  private record(path: string, entry: Entry): void {
    this.journal.putFile(this.id, {
      path,
      size: entry.size,
      mtimeMs: entry.mtimeMs,
      ctimeMs: entry.ctimeMs,
      sha256: entry.sha256,
      state: entry.state,
      reason: entry.reason,
      remoteId: entry.remoteId,
      jobId: entry.jobId,
    });
  }

  /** A file was found or changed (by the catch-up scan too). */
  private seen(path: string, now: SeenFile): void {
    if (this.stopped || !this.rules.accepts(path)) return;
    const entry = this.entries.get(path);
    if (!entry) {
      const fresh: Entry = { ...now, state: 'pending', reason: 'still being written', sha256: null, remoteId: null, jobId: null, present: true, look: this.look, live: false, updatedAt: Date.now() };
      this.entries.set(path, fresh);
      this.emit('file', this.view(path, fresh));
      this.settle(path, now);
      return;
    }
    const firstSight = !entry.present;
    entry.present = true;
    entry.look = this.look;
    const same = entry.size === now.size && entry.mtimeMs === now.mtimeMs;
    switch (entry.state) {
      case 'pending': {
        const grew = now.size > entry.size;
        entry.size = now.size;
        entry.mtimeMs = now.mtimeMs;
        entry.ctimeMs = now.ctimeMs;
        if (grew && this.live) return this.growing(path, entry, this.live);
        this.settle(path, now);
        return;
      }
      case 'done':
      case 'skipped':
        if (same) {
          if (firstSight) this.emit('file', this.view(path, entry));
          return;
        }
        return this.restart(path, entry, now, 'changed since it was last handled');
      case 'failed':
        // A restart or a returning drive is a fresh chance; otherwise only a change is, and a chmod
        // (its permissions fixed) changes nothing but the change time.
        if (same && !firstSight && entry.ctimeMs === now.ctimeMs) return;
        return this.restart(path, entry, now, !same ? 'changed since it failed' : firstSight ? 'trying again' : 'its permissions or owner changed since it failed: trying again');
      case 'ready':
      case 'queued':
      case 'uploading':
        if (this.following(entry)) {
          entry.size = now.size;
          entry.mtimeMs = now.mtimeMs;
          entry.ctimeMs = now.ctimeMs;
          if (firstSight && !entry.work) this.resume(path, entry);
          return;
        }
        if (same) {
          if (firstSight && !entry.work) this.resume(path, entry);
          return;
        }
        return this.restart(path, entry, now, 'changed while it was being uploaded');
    }
  }

  private restart(path: string, entry: Entry, now: SeenFile, reason: string): void {
    entry.work?.abort();
    entry.work = undefined;
    if (entry.jobId) void this.uploader.cancel(entry.jobId).catch((error: unknown) => this.fail(error));
    entry.jobId = null;
    entry.size = now.size;
    entry.mtimeMs = now.mtimeMs;
    entry.ctimeMs = now.ctimeMs;
    this.move(path, entry, 'pending', reason);
    this.settle(path, now);
  }

  /** A file went away: nothing in Frame.io is ever deleted for it. */
  private gone(path: string): void {
    const entry = this.entries.get(path);
    if (!entry) return;
    this.detector.forget(path);
    if (FINISHED_STATES.includes(entry.state)) {
      // Kept in the journal: if it turns up elsewhere in the tree, it was moved, not new.
      entry.present = false;
      return;
    }
    entry.work?.abort();
    if (entry.jobId) void this.uploader.cancel(entry.jobId).catch((error: unknown) => this.fail(error));
    this.entries.delete(path);
    this.journal.deleteFile(this.id, path);
  }

  private goneDir(dir: string): void {
    const prefix = dir === '' ? '' : dir + '/';
    for (const path of [...this.entries.keys()]) if (path.startsWith(prefix)) this.gone(path);
  }

  /**
   * After a full look: a file it did not find has gone, though no event said so (a network share
   * sends none for other machines' changes), and an upload journaled as under way whose file it did
   * not find is forgotten. While the folder is not there (an unplugged drive) there is no look, and
   * those uploads wait for it.
   */
  private forgetMissed(): void {
    for (const [path, entry] of [...this.entries]) {
      if (entry.look !== this.look && (entry.present || !FINISHED_STATES.includes(entry.state))) this.gone(path);
    }
  }

  private settle(path: string, now: FileStat): void {
    if (this.detector.observe(path, now) === 'stable') return this.finish(path, now);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.checking || this.stopped) return;
    const wait = this.detector.nextDueIn();
    if (wait === undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.checkDue();
    }, wait);
  }

  /**
   * Looks again at every file whose window has run out: unchanged means finished. It waits for the
   * looks only, never for what a finished file does next, so the next files due are looked at on time.
   */
  private async checkDue(): Promise<void> {
    this.checking = true;
    try {
      const due = this.detector.due();
      for (let i = 0; i < due.length && !this.stopped; i += STAT_BATCH) {
        await Promise.all(due.slice(i, i + STAT_BATCH).map((path) => this.recheck(path)));
      }
    } finally {
      this.checking = false;
      this.schedule();
    }
  }

  private async recheck(path: string): Promise<void> {
    const entry = this.entries.get(path);
    if (!entry || entry.state !== 'pending') {
      this.detector.forget(path);
      return;
    }
    let stats;
    try {
      stats = await stat(join(this.dir, path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return this.gone(path);
      this.detector.forget(path);
      return this.move(path, entry, 'failed', `cannot be read: ${(error as Error).message}`);
    }
    const now = { size: stats.size, mtimeMs: stats.mtimeMs };
    const grew = now.size > entry.size;
    entry.size = now.size;
    entry.mtimeMs = now.mtimeMs;
    entry.ctimeMs = stats.ctimeMs;
    if (grew && this.live) return this.growing(path, entry, this.live);
    if (this.detector.observe(path, now) === 'stable') this.finish(path, now);
  }

  private finish(path: string, now: FileStat): void {
    void this.finished(path, now).catch((error: unknown) => this.fail(error));
  }

  /** A file stopped changing: upload it, unless Frame.io already has exactly this content. */
  private async finished(path: string, now: FileStat): Promise<void> {
    const entry = this.entries.get(path);
    if (!entry || this.stopped) return;
    entry.size = now.size;
    entry.mtimeMs = now.mtimeMs;
    this.move(path, entry, 'ready', 'finished writing');
    const work = new AbortController();
    entry.work = work;
    try {
      const known = await this.deciding.run(path, work.signal, () => this.alreadyUploaded(path, entry, work.signal));
      if (work.signal.aborted) return;
      if (known) {
        this.move(path, entry, 'done', known);
        return;
      }
      await this.upload(path, entry, work.signal);
    } catch (error) {
      if (work.signal.aborted) return;
      entry.jobId = null;
      this.move(path, entry, 'failed', error instanceof Error ? error.message : String(error));
    } finally {
      if (entry.work === work) entry.work = undefined;
    }
  }

  /** Why no upload is needed (the content is already in Frame.io), or undefined. */
  private async alreadyUploaded(path: string, entry: Entry, signal: AbortSignal): Promise<string | undefined> {
    let hash: Promise<string> | undefined;
    const contentHash = () => (hash ??= sha256File(join(this.dir, path), signal));
    const before = this.journal.file(this.id, path);
    if (before?.state === 'done' && before.remoteId && before.size === entry.size) {
      if (before.mtimeMs === entry.mtimeMs || (before.sha256 && before.sha256 === (await contentHash()))) {
        entry.remoteId = before.remoteId;
        entry.sha256 = before.sha256;
        return 'already in Frame.io (only its date changed)';
      }
    }
    for (const origin of this.journal.doneWithStat(this.id, entry.size, entry.mtimeMs)) {
      if (origin.path === path || (await exists(join(this.dir, origin.path)))) continue;
      if (origin.sha256 && origin.sha256 !== (await contentHash())) continue;
      this.adoptMoved(path, entry, origin);
      return `already in Frame.io (moved from ${origin.path})`;
    }
    return undefined;
  }

  private adoptMoved(path: string, entry: Entry, origin: FileRecord): void {
    this.journal.moveFile(this.id, origin.path, path);
    this.entries.delete(origin.path);
    entry.remoteId = origin.remoteId;
    entry.sha256 = origin.sha256;
  }

  private async upload(path: string, entry: Entry, signal: AbortSignal): Promise<void> {
    const shot = this.shotOf(path);
    await this.lowerVersionsFirst(path, shot, signal);
    this.move(path, entry, 'queued', 'waiting to upload');
    await this.uploads.run(shot, signal, async () => {
      const place = await this.placeOf(path);
      signal.throwIfAborted();
      entry.jobId = await this.uploader.submit({ source: join(this.dir, path), folderId: place.folderId, policy: this.settings.onSameName, stackOnto: place.stackOnto });
      this.record(path, entry);
      await this.await(path, entry, signal, place);
    });
  }

  /** The Frame.io folder a file goes in, and what it stacks onto as its shot's newest version. */
  private async placeOf(path: string): Promise<{ folderId: string; name: string; stackOnto: StackCandidate | undefined }> {
    const cut = path.lastIndexOf('/');
    const name = path.slice(cut + 1);
    const folderId = await this.destination.folderFor(cut < 0 ? '' : path.slice(0, cut));
    const stackOnto = this.settings.onSameName === 'version' && !this.settings.exactNames ? findStackTarget(name, await this.destination.candidates(folderId), false) : undefined;
    return { folderId, name, stackOnto };
  }

  /**
   * A file seen growing, with "upload while it grows" on: a live upload follows it as it is written
   * and ends once it has been unchanged for the window. It takes no upload lane: a render may grow
   * for an hour while finished files go up beside it.
   */
  private growing(path: string, entry: Entry, live: LiveUploads): void {
    this.detector.forget(path);
    entry.live = true;
    this.move(path, entry, 'queued', 'growing: uploading it as it is written');
    const work = new AbortController();
    entry.work = work;
    void (async () => {
      try {
        const place = await this.placeOf(path);
        work.signal.throwIfAborted();
        entry.jobId = await live.submit({ source: join(this.dir, path), folderId: place.folderId, policy: this.settings.onSameName, stackOnto: place.stackOnto }, this.settings.stableSeconds);
        this.record(path, entry);
        await this.await(path, entry, work.signal, place);
      } catch (error) {
        if (work.signal.aborted) return;
        entry.jobId = null;
        entry.live = false;
        this.move(path, entry, 'failed', error instanceof Error ? error.message : String(error));
      } finally {
        if (entry.work === work) entry.work = undefined;
      }
    })();
  }

  /** Whether the entry's upload is a live one; after a restart the engine's journal says. */
  private following(entry: Entry): boolean {
    entry.live ||= entry.jobId !== null && this.uploader.live?.follows(entry.jobId) === true;
    return entry.live;
  }

  /** One shot in one folder: the versions of a name (`shot_v001`, `shot_v002`) unless names are exact. */
  private shotOf(path: string): string {
    const cut = path.lastIndexOf('/');
    const name = path.slice(cut + 1);
    return `${cut < 0 ? '' : path.slice(0, cut)}\u0000${this.settings.exactNames ? name : parseVersionedName(name).key}`;
  }

  private readyOf(shot: string): Set<string> {
    let ready = this.readyByShot.get(shot);
    if (!ready) this.readyByShot.set(shot, (ready = new Set()));
    return ready;
  }

  private leftReady(path: string): void {
    const shot = this.shotOf(path);
    const ready = this.readyByShot.get(shot);
    ready?.delete(path);
    if (ready?.size === 0) this.readyByShot.delete(shot);
    const waiters = this.shotWaiters.get(shot);
    this.shotWaiters.delete(shot);
    for (const wake of waiters ?? []) wake();
  }

  /**
   * Versions that finish together (v001 and v002 copied in at once) decide whether Frame.io has them
   * side by side, so v002 could join the uploads first and find nothing to stack onto. It waits
   * while a lower version of its shot is still deciding; a file that went away meanwhile is
   * noticed at the next short look.
   */
  private async lowerVersionsFirst(path: string, shot: string, signal: AbortSignal): Promise<void> {
    if (this.settings.exactNames) return;
    const versionOf = (p: string) => parseVersionedName(p.slice(p.lastIndexOf('/') + 1)).version ?? -1;
    const mine = versionOf(path);
    const lowerDeciding = () => [...(this.readyByShot.get(shot) ?? [])].some((p) => p !== path && this.entries.get(p)?.state === 'ready' && versionOf(p) < mine);
    while (lowerDeciding()) {
      signal.throwIfAborted();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, LOWER_VERSION_LOOK_MS);
        const wake = () => (clearTimeout(timer), resolve());
        this.shotWaiters.set(shot, [...(this.shotWaiters.get(shot) ?? []), wake]);
        signal.addEventListener('abort', wake, { once: true });
      });
    }
  }

  /** A journaled upload found again after a restart: wait for the engine to finish it. */
  private resume(path: string, entry: Entry): void {
    const work = new AbortController();
    entry.work = work;
    void (async () => {
      try {
        if (!entry.jobId) throw new Error('was interrupted before it reached the upload engine');
        await this.await(path, entry, work.signal, undefined);
      } catch (error) {
        if (work.signal.aborted) return;
        // Handled again from the start; the engine finds its own unfinished job for the same file.
        entry.jobId = null;
        this.move(path, entry, 'pending', `resuming: ${error instanceof Error ? error.message : String(error)}`);
        this.settle(path, entry);
      } finally {
        if (entry.work === work) entry.work = undefined;
      }
    })();
  }

  private async await(path: string, entry: Entry, signal: AbortSignal, stacking: { folderId: string; name: string; stackOnto: StackCandidate | undefined } | undefined): Promise<void> {
    // A job found again after a restart may be journaled as uploading already.
    const result = await this.uploader.settle(entry.jobId!, () => entry.state !== 'uploading' && this.move(path, entry, 'uploading', 'uploading'), signal);
    signal.throwIfAborted();
    const changed = entry.live ? await this.uploadedAsIs(path, entry, result.size) : undefined;
    entry.jobId = null;
    entry.remoteId = result.fileId;
    entry.sha256 = result.sha256;
    if (result.outcome === 'skipped') {
      this.move(path, entry, 'skipped', result.reason);
      return;
    }
    // An engine that finished before reporting a start (a tiny file) still went through Uploading.
    if (entry.state === 'queued') this.move(path, entry, 'uploading', 'uploading');
    const onto = stacking?.stackOnto;
    this.move(path, entry, 'done', onto ? `uploaded as the newest version of ${onto.name}` : result.reason);
    if (stacking && result.fileId) await this.destination.remember(stacking.folderId, stacking.name, result.fileId, stacking.stackOnto);
    if (changed) return this.restart(path, entry, changed, 'changed after it was uploaded');
    await this.tidy(path, entry);
  }

  /**
   * After a live upload: the file as it is now, when it is what was uploaded. A write after its
   * last part (the events of which the live upload's watch ignored) answers the file as it is now,
   * to be uploaded again; the entry keeps the size that went up.
   */
  private async uploadedAsIs(path: string, entry: Entry, uploaded: number | undefined): Promise<SeenFile | undefined> {
    entry.live = false;
    const now = await stat(join(this.dir, path)).catch(() => undefined);
    if (!now) return undefined;
    const seen = { size: now.size, mtimeMs: now.mtimeMs, ctimeMs: now.ctimeMs };
    if (uploaded !== undefined && now.size !== uploaded) {
      entry.size = uploaded;
      return seen;
    }
    Object.assign(entry, seen);
    return undefined;
  }

  /** The after-upload action; a failure here does not undo the upload, it is reported. */
  private async tidy(path: string, entry: Entry): Promise<void> {
    try {
      const outcome = await afterUpload(this.dir, path, entry, this.settings.afterUpload);
      if (outcome.movedTo) {
        this.journal.moveFile(this.id, path, outcome.movedTo);
        this.entries.delete(path);
      } else if (outcome.deleted) {
        this.journal.deleteFile(this.id, path);
        this.entries.delete(path);
      }
    } catch (error) {
      this.fail(new Error(`${path} was uploaded, but tidying it up failed: ${error instanceof Error ? error.message : String(error)}`));
    }
  }

  private fail(error: unknown): void {
    this.emit('error', error instanceof Error ? error : new Error(String(error)));
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
