// What happens to the files of a folder tree, at the cost of directories only. chokidar tracks the
// directories (one OS watch each, reappearing drives and folders included) and is told to ignore
// every file: left to track 100,000 files itself it holds about half a gigabyte. Files are listed
// when their directory appears (the catch-up) and stat'ed when the directory's watch names them.
import { watch, type FSWatcher } from 'chokidar';
import { EventEmitter } from 'node:events';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { FileStat } from './stability.ts';

export interface TreeObserverEvents {
  /** a file exists with this size and mtime (found by a scan, or reported changed) */
  file: [path: string, stat: FileStat];
  gone: [path: string];
  goneDir: [path: string];
  error: [Error];
}

/** Directories listed at once while scanning; each lists and stats its files in parallel. */
const SCAN_CONCURRENCY = 4;

export class TreeObserver extends EventEmitter<TreeObserverEvents> {
  readonly dir: string;
  private readonly ignored: (relPath: string) => boolean;
  private watcher: FSWatcher | undefined;
  private readonly scanQueue: string[] = [];
  private scanning = 0;
  private idleWaiters: Array<() => void> = [];
  /** a path stat'ed now, and whether it was reported again meanwhile (writes report by the thousand) */
  private readonly looking = new Map<string, boolean>();
  private closed = false;

  constructor(dir: string, ignored: (relPath: string) => boolean) {
    super();
    this.dir = dir;
    this.ignored = ignored;
  }

  /** Resolves once every directory is watched and every file in them has been reported. */
  async start(): Promise<void> {
    const watcher = watch(this.dir, {
      ignored: (path, stats) => stats?.isFile() === true || (path !== this.dir && this.ignored(this.relative(path))),
      persistent: true,
    });
    this.watcher = watcher;
    watcher.on('addDir', (path) => this.enqueueScan(path));
    watcher.on('unlinkDir', (path) => this.emit('goneDir', this.relative(path)));
    watcher.on('raw', (_event, name, details) => this.onRaw(name, details));
    watcher.on('error', (error) => this.emit('error', error instanceof Error ? error : new Error(String(error))));
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    await this.scansDone();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.watcher?.close();
    this.watcher = undefined;
  }

  /** chokidar reports paths as the watched folder joined with the rest: slicing is all it takes. */
  relative(path: string): string {
    const rel = path.startsWith(this.dir + sep) ? path.slice(this.dir.length + 1) : path === this.dir ? '' : relative(this.dir, path);
    return sep === '/' ? rel : rel.split(sep).join('/');
  }

  private onRaw(name: string | null, details: unknown): void {
    const watched = (details as { watchedPath?: string } | undefined)?.watchedPath;
    if (this.closed || !watched) return;
    // No name: the OS lost track (an overflow); list the directory again.
    if (!name) return this.enqueueScan(watched);
    const path = this.relative(join(watched, name));
    if (path === '' || path.startsWith('..') || this.ignored(path)) return;
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
      try {
        const info = await stat(join(this.dir, path));
        if (info.isFile() && !this.closed) this.emit('file', path, { size: info.size, mtimeMs: info.mtimeMs });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') {
          if (!this.closed) this.emit('gone', path);
        } else if (!this.closed) {
          this.emit('error', error as Error);
        }
      }
    } while (this.looking.get(path) === true);
    this.looking.delete(path);
  }

  private enqueueScan(dir: string): void {
    if (this.closed) return;
    this.scanQueue.push(dir);
    this.pump();
  }

  private pump(): void {
    while (this.scanning < SCAN_CONCURRENCY && this.scanQueue.length > 0) {
      const dir = this.scanQueue.shift()!;
      this.scanning++;
      void this.scan(dir).finally(() => {
        this.scanning--;
        this.pump();
        if (this.scanning === 0 && this.scanQueue.length === 0) for (const wake of this.idleWaiters.splice(0)) wake();
      });
    }
  }

  private scansDone(): Promise<void> {
    if (this.scanning === 0 && this.scanQueue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Reports every file directly in a directory (sub-directories get their own addDir). */
  private async scan(dir: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR' && !this.closed) this.emit('error', error as Error);
      return;
    }
    const base = this.relative(dir);
    await Promise.all(
      entries
        .filter((entry) => entry.isFile() || entry.isSymbolicLink())
        .map(async (entry) => {
          const path = base === '' ? entry.name : `${base}/${entry.name}`;
          if (this.ignored(path)) return;
          try {
            const info = await stat(join(dir, entry.name));
            if (info.isFile() && !this.closed) this.emit('file', path, { size: info.size, mtimeMs: info.mtimeMs });
          } catch {
            // gone between the listing and the look: nothing to report
          }
        }),
    );
  }
}
