// What happens to the files of a folder tree, at the cost of one OS watch per directory and none per
// file. Files are listed when their directory is first seen (the catch-up) and stat'ed when a watch
// names them; nothing about a file is held here. This is built on fs.watch directly because the
// general watchers stat and keep every file: for a 100,000-file offload chokidar holds about half a
// gigabyte, and Node's own recursive mode on Linux one inotify watch per file (`npm run bench --
// watch-scale`). macOS and Windows watch a whole tree natively, with a single handle.
import { EventEmitter } from 'node:events';
import { watch, type FSWatcher, type Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import type { FileStat } from './stability.ts';

/** A file as the observer saw it: the change time moves on a chmod, which leaves size and mtime alone. */
export interface SeenFile extends FileStat {
  ctimeMs: number;
}

export interface TreeObserverEvents {
  /** a file exists with this size, mtime and ctime (found by a scan, or reported changed) */
  file: [path: string, stat: SeenFile];
  gone: [path: string];
  /** a directory went away, with everything in it; '' is the watched folder itself */
  goneDir: [path: string];
  /** a full look at the tree begins: every file in it will be reported before `looked` */
  looking: [];
  /** the full look is over: a file it did not report is no longer there, event or not */
  looked: [];
  error: [Error];
  /** a folder reported unreadable has been listed after all ('' is the watched folder itself) */
  readable: [path: string];
}

export interface TreeObserverOptions {
  /** one native watch for the whole tree (macOS, Windows) rather than one per directory (Linux) */
  recursive?: boolean;
  /** how often the watched folder itself is looked at: an unplugged drive sends no event */
  checkEveryMs?: number;
  /** how often the whole tree is listed again, for file systems that send no events (network shares) */
  rescanEveryMs?: number;
  /** the first wait before an unreadable folder is listed again; each failure doubles it, up to five minutes */
  retryUnreadableMs?: number;
}

/** Directories listed at once while scanning; each stats its files in parallel. */
const SCAN_CONCURRENCY = 4;
const CHECK_EVERY_MS = 2000;
const RETRY_UNREADABLE_MS = 5000;
const RETRY_UNREADABLE_MOST_MS = 5 * 60_000;

interface KnownDir {
  /** device, inode and birth: a directory deleted and made again under the same name is a new one */
  identity: string;
  watcher: FSWatcher | undefined;
}

/** A folder whose listing was refused: reported once, then tried again by itself until it is read. */
interface UnreadableDir {
  waitMs: number;
  timer: NodeJS.Timeout | undefined;
}

export class TreeObserver extends EventEmitter<TreeObserverEvents> {
  readonly dir: string;
  private readonly ignored: (relPath: string) => boolean;
  private readonly recursive: boolean;
  private readonly checkEveryMs: number;
  private readonly rescanEveryMs: number | undefined;
  private readonly retryUnreadableMs: number;
  private lastFullLook = 0;
  /** every directory of the tree by relative path ('' is the top), while the top is there */
  private readonly dirs = new Map<string, KnownDir>();
  private readonly unreadable = new Map<string, UnreadableDir>();
  private treeWatcher: FSWatcher | undefined;
  private readonly scanQueue: Array<{ dir: string; deep: boolean }> = [];
  private scanning = 0;
  private idleWaiters: Array<() => void> = [];
  /** a path stat'ed now, and whether it was reported again meanwhile (writes report by the thousand) */
  private readonly looking = new Map<string, boolean>();
  private checkTimer: NodeJS.Timeout | undefined;
  private checkingTop: Promise<void> | undefined;
  private rescanWanted = false;
  private limitReported = false;
  private closed = false;

  constructor(dir: string, ignored: (relPath: string) => boolean, options: TreeObserverOptions = {}) {
    super();
    this.dir = dir;
    this.ignored = ignored;
    this.recursive = options.recursive ?? (process.platform === 'darwin' || process.platform === 'win32');
    this.checkEveryMs = options.checkEveryMs ?? CHECK_EVERY_MS;
    this.rescanEveryMs = options.rescanEveryMs;
    this.retryUnreadableMs = options.retryUnreadableMs ?? RETRY_UNREADABLE_MS;
  }

  /**
   * Resolves once every directory is watched and every file in them has been reported. A folder
   * that is not there (a drive not connected) is waited for, and caught up when it appears.
   */
  async start(): Promise<void> {
    await this.checkTop(false);
    this.checkTimer = setInterval(() => void this.checkTop(this.fullLookDue()), this.checkEveryMs);
  }

  /** Lists the whole tree again now; resolves once that full look is over. */
  lookAgain(): Promise<void> {
    return this.checkTop(true);
  }

  private fullLookDue(): boolean {
    return this.rescanEveryMs !== undefined && performance.now() - this.lastFullLook >= this.rescanEveryMs;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.checkTimer);
    for (const retry of this.unreadable.values()) clearTimeout(retry.timer);
    this.unreadable.clear();
    this.unwatchAll();
    for (const wake of this.idleWaiters.splice(0)) wake();
  }

  /**
   * Looks at the watched folder itself: gone, back, or replaced (another drive at the same place).
   * `rescan` lists the whole tree again even when it looks the same: it was moved away and back, or
   * a full look is due.
   */
  private checkTop(rescan: boolean): Promise<void> {
    if (rescan) this.rescanWanted = true;
    this.checkingTop ??= (async () => {
      try {
        do {
          const wanted = this.rescanWanted;
          this.rescanWanted = false;
          await this.catchUpTop(wanted);
        } while (this.rescanWanted && !this.closed);
      } finally {
        this.checkingTop = undefined;
      }
    })();
    return this.checkingTop;
  }

  private async catchUpTop(rescan: boolean): Promise<void> {
    const now = await identityOf(this.dir);
    const before = this.dirs.get('')?.identity;
    if (this.closed || (now === before && !rescan)) return;
    if (before !== undefined && now !== before) {
      this.unwatchAll();
      this.emit('goneDir', '');
    }
    if (now === undefined) return;
    this.lastFullLook = performance.now();
    if (this.recursive && !this.treeWatcher) this.treeWatcher = this.watchDir('');
    this.emit('looking');
    this.enqueueScan('', true);
    await this.scansDone();
    if (!this.closed && this.dirs.get('')?.identity === now) this.emit('looked');
  }

  private onEvent(dir: string, name: string | Buffer | null): void {
    if (this.closed) return;
    // No name: the OS lost track (an overflow); list the directory again.
    if (name === null) return this.enqueueScan(dir, true);
    const child = this.recursive && sep !== '/' ? String(name).split(sep).join('/') : String(name);
    // The watched folder's own watch names the folder itself when it is moved or deleted; a look at
    // the whole tree also finds a child of the same name, if that is what it was.
    if (dir === '' && child === basename(this.dir)) return void this.checkTop(true);
    const path = dir === '' ? child : `${dir}/${child}`;
    if (this.ignored(path)) return;
    if (this.looking.has(path)) {
      this.looking.set(path, true);
      return;
    }
    this.looking.set(path, false);
    void this.look(path);
  }

  private async look(path: string): Promise<void> {
    do {
      this.looking.set(path, false);
      let info: Stats | undefined;
      try {
        info = await stat(join(this.dir, path));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT' && code !== 'ENOTDIR') this.report(error as Error);
      }
      if (this.closed) break;
      if (info?.isFile()) {
        this.emit('file', path, seenFile(info));
      } else if (info?.isDirectory()) {
        const known = this.dirs.get(path);
        if (known && known.identity !== identity(info)) this.forgetDir(path);
        if (!known || known.identity !== identity(info)) this.enqueueScan(path, false);
      } else if (this.dirs.has(path)) {
        this.forgetDir(path);
      } else if (!info) {
        this.emit('gone', path);
      }
    } while (this.looking.get(path) === true);
    this.looking.delete(path);
  }

  private forgetDir(dir: string): void {
    const prefix = dir + '/';
    for (const [path, known] of this.dirs) {
      if (path !== dir && !path.startsWith(prefix)) continue;
      known.watcher?.close();
      this.dirs.delete(path);
    }
    for (const path of [...this.unreadable.keys()]) if (path === dir || path.startsWith(prefix)) this.stopRetrying(path);
    this.emit('goneDir', dir);
  }

  private unwatchAll(): void {
    for (const known of this.dirs.values()) known.watcher?.close();
    this.dirs.clear();
    this.treeWatcher?.close();
    this.treeWatcher = undefined;
  }

  private watchDir(dir: string): FSWatcher | undefined {
    const path = join(this.dir, dir);
    try {
      const watcher = watch(path, { persistent: true, recursive: this.recursive }, (_event, name) => this.onEvent(dir, name));
      watcher.on('error', () => this.lostWatch(dir, watcher));
      return watcher;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A folder that may not be read cannot be watched either; its listing says so, and is tried again.
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES' || code === 'EPERM') return undefined;
      if (code === 'ENOSPC' || code === 'EMFILE') {
        if (this.limitReported) return undefined;
        this.limitReported = true;
        this.report(new Error(`Slate cannot watch every folder in "${this.dir}": the system's limit on watched folders is reached (on Linux, raise fs.inotify.max_user_watches). New files in the folders past the limit are found only when the watch restarts.`));
        return undefined;
      }
      this.report(new Error(`Slate cannot watch "${path}": ${(error as Error).message}`, { cause: error }));
      return undefined;
    }
  }

  /**
   * A watch the OS gave up on (Windows reports a watched directory's deletion this way). The
   * directory is looked at again: watched anew if it is still there, otherwise its parent's watch,
   * or the look at the top, reports it gone.
   */
  private lostWatch(dir: string, watcher: FSWatcher): void {
    watcher.close();
    if (this.treeWatcher === watcher) {
      this.treeWatcher = undefined;
      void this.checkTop(true);
      return;
    }
    const known = this.dirs.get(dir);
    if (known?.watcher !== watcher) return;
    known.watcher = undefined;
    this.enqueueScan(dir, false);
  }

  private enqueueScan(dir: string, deep: boolean): void {
    if (this.closed) return;
    this.scanQueue.push({ dir, deep });
    this.pump();
  }

  private pump(): void {
    while (this.scanning < SCAN_CONCURRENCY && this.scanQueue.length > 0) {
      const next = this.scanQueue.shift()!;
      this.scanning++;
      void this.scan(next.dir, next.deep).finally(() => {
        this.scanning--;
        this.pump();
        if (this.scanning === 0 && this.scanQueue.length === 0) for (const wake of this.idleWaiters.splice(0)) wake();
      });
    }
  }

  private scansDone(): Promise<void> {
    if (this.closed || (this.scanning === 0 && this.scanQueue.length === 0)) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Watches a directory and reports every file directly in it. Sub-directories not seen before are
   * scanned in turn; `deep` scans the known ones again too (a catch-up).
   */
  private async scan(dir: string, deep: boolean): Promise<void> {
    const path = join(this.dir, dir);
    let info: Stats;
    try {
      info = await stat(path);
    } catch {
      this.stopRetrying(dir);
      return;
    }
    if (this.closed) return;
    if (!info.isDirectory()) return this.stopRetrying(dir);
    // Watched before it is listed: a file made in between is named by the watch.
    const known = this.dirs.get(dir);
    if (known?.identity !== identity(info)) {
      known?.watcher?.close();
      this.dirs.set(dir, { identity: identity(info), watcher: this.recursive ? undefined : this.watchDir(dir) });
    } else if (!this.recursive && !known.watcher) {
      known.watcher = this.watchDir(dir);
    }
    let entries;
    try {
      entries = await readdir(path, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') this.unreadableNow(dir, error as NodeJS.ErrnoException);
      return;
    }
    this.readableNow(dir);
    const files: string[] = [];
    for (const entry of entries) {
      const child = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (this.ignored(child)) continue;
      // Links to directories are not followed: a link back up the tree would never end.
      if (entry.isDirectory()) {
        if (deep || !this.dirs.has(child)) this.enqueueScan(child, deep);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        files.push(child);
      }
    }
    await Promise.all(
      files.map(async (child) => {
        try {
          const file = await stat(join(this.dir, child));
          if (file.isFile() && !this.closed) this.emit('file', child, seenFile(file));
        } catch {
          // gone between the listing and the look: nothing to report
        }
      }),
    );
  }

  /**
   * A folder that could not be listed is not kept as scanned: a look at it (its permissions fixed
   * send an event to its parent's watch) or the retry, whichever comes first, lists it again. Its
   * sub-folders already known stay watched.
   */
  private unreadableNow(dir: string, error: NodeJS.ErrnoException): void {
    const known = this.dirs.get(dir);
    known?.watcher?.close();
    this.dirs.delete(dir);
    if (this.closed) return;
    const retry = this.unreadable.get(dir);
    if (retry) {
      retry.waitMs = Math.min(retry.waitMs * 2, RETRY_UNREADABLE_MOST_MS);
    } else {
      this.report(
        new Error(
          `Slate cannot read the folder "${join(this.dir, dir)}" (${error.code ?? error.message}), so nothing in it is uploaded. Let your user read it (check its permissions or owner); Slate looks again by itself and catches it up then.`,
          { cause: error },
        ),
      );
    }
    const next: UnreadableDir = { waitMs: retry?.waitMs ?? this.retryUnreadableMs, timer: undefined };
    clearTimeout(retry?.timer);
    // The watched folder itself is looked at on every check already; a look there catches up the whole tree.
    if (dir !== '') {
      next.timer = setTimeout(() => {
        next.timer = undefined;
        if (!this.dirs.has(dir)) this.enqueueScan(dir, false);
      }, next.waitMs);
    }
    this.unreadable.set(dir, next);
  }

  private readableNow(dir: string): void {
    if (!this.unreadable.has(dir)) return;
    this.stopRetrying(dir);
    if (!this.closed) this.emit('readable', dir);
  }

  private stopRetrying(dir: string): void {
    clearTimeout(this.unreadable.get(dir)?.timer);
    this.unreadable.delete(dir);
  }

  private report(error: Error): void {
    if (!this.closed) this.emit('error', error);
  }
}

function seenFile(info: Stats): SeenFile {
  return { size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs };
}

function identity(info: Stats): string {
  // Inode numbers are reused at once; the birth time tells a new directory from the old one.
  return `${info.dev}:${info.ino}:${info.birthtimeMs}`;
}

/** The folder's identity, or undefined when it is not there (or is not a folder). */
async function identityOf(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? identity(info) : undefined;
  } catch {
    return undefined;
  }
}
