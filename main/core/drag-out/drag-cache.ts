// Files dragged out of the desktop window, brought down by the transfer engine into the data
// folder's drag cache (a folder per Frame.io file, which never changes its bytes, so a second drag
// of it starts at once), and what cannot be carried in a drag sent to the download folder as an
// ordinary download job. Copies not dragged for a day are deleted: the system may still be copying
// from one for a while after the drop, and Electron does not say when it has finished.
import { statSync } from 'node:fs';
import { mkdir, readdir, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import type { RequestOutput } from '../../../preload/contract.ts';
import { ApiError } from '../api/errors.ts';
import type { AccountApi } from '../api/resources.ts';
import { Refusal } from '../errors.ts';
import { safeName } from '../transfers/download/safe-names.ts';
import type { TransferEngine } from '../transfers/engine.ts';
import { FileFailure } from '../transfers/errors.ts';
import { planDragOut, type DragCandidate } from './plan.ts';

export type DragOutcome = RequestOutput<'drag:out'>;

const KEPT_MS = 24 * 60 * 60 * 1000;

export interface DragCacheOptions {
  /** the drag cache: dragCacheDir(dataDir) */
  dir: string;
  engine: TransferEngine;
  api(accountId: string): AccountApi;
  /** where what a drag cannot carry downloads: the last download's folder, else the system's Downloads */
  downloadFolder(): string;
  limits?: { bytes: number; files: number };
}

export function dragCacheDir(dataDir: string): string {
  return join(dataDir, 'cache', 'drag');
}

/** The folder the last download went to while it is still there, else the system's Downloads folder. */
export function downloadFolderFor(remembered: string | undefined, systemDownloads: string): string {
  return remembered !== undefined && statSync(remembered, { throwIfNoEntry: false })?.isDirectory() ? remembered : systemDownloads;
}

export class DragCache {
  private readonly options: DragCacheOptions;

  constructor(options: DragCacheOptions) {
    this.options = options;
  }

  async prepare(accountId: string, assetIds: string[]): Promise<DragOutcome> {
    const { engine } = this.options;
    const api = this.options.api(accountId);
    const ids = [...new Set(assetIds)];
    const found = await Promise.all(ids.map((id) => candidate(api, id)));
    const plan = planDragOut(found, this.options.limits);
    if (plan.way === 'refuse') {
      throw new Refusal('drag:uploading', `“${plan.name}” is still uploading to Frame.io, so there is nothing to drag out yet.`, 'Drag it again once its upload has finished.');
    }
    if (plan.way === 'download') {
      const to = this.options.downloadFolder();
      await mkdir(to, { recursive: true });
      const jobs = [];
      for (const assetId of ids) jobs.push(await engine.download({ accountId, assetId, to }));
      return { way: 'download', reason: plan.reason, to, jobs };
    }
    await this.prune();
    // A folder per file, named by the id Frame.io gave (not the page's words), made safe as any name.
    const files = found.map((file) => ({ file, folder: safeName(file.id), path: join(this.options.dir, safeName(file.id), safeName(file.name)) }));
    const missing = [];
    for (const entry of files) {
      const copy = await stat(entry.path).catch(() => undefined);
      if (copy?.isFile() && copy.size === entry.file.size) await utimes(join(this.options.dir, entry.folder), new Date(), new Date());
      else missing.push(entry);
    }
    if (missing.length > 0) await this.fetch(accountId, missing);
    return { way: 'drag', files: files.map((entry) => entry.path) };
  }

  /** One download job for the files not in the cache yet, awaited: the drag starts once they are all there. */
  private async fetch(accountId: string, missing: Array<{ file: DragCandidate & { folderId: string; createdAt: string }; folder: string; path: string }>): Promise<void> {
    const { engine, dir } = this.options;
    const names = missing.map(({ file }) => file.name);
    const job = engine.downloadFound({
      accountId,
      folderId: missing[0]!.file.folderId,
      label: `Dragged out: ${names.join(', ')}`,
      to: dir,
      files: missing.map(({ file, folder, path }) => ({ source: path, relDir: folder, name: file.name, size: file.size, mtimeMs: Date.parse(file.createdAt), remoteId: file.id })),
      folders: missing.map(({ folder }) => folder),
      conflict: 'overwrite',
    });
    const settled = await engine.settled(job.id);
    if (settled.state === 'done') return;
    // A drag that cannot start now leaves nothing waiting to land in the cache later.
    if (settled.state !== 'cancelled') await engine.cancel(job.id);
    const reason = settled.state === 'paused' ? 'Transfers are paused' : (engine.files(job.id).find((f) => f.error)?.error ?? settled.error ?? 'the download did not finish');
    throw new FileFailure(`Slate could not bring “${names.join('”, “')}” down for the drag: ${reason}.`, settled.state === 'paused' ? 'Resume transfers, then drag again.' : 'Drag again, or use Download… to choose a folder.');
  }

  /** Deletes the copies not dragged for a day. */
  private async prune(): Promise<void> {
    const { dir } = this.options;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const now = Date.now();
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const info = await stat(path).catch(() => undefined);
      if (info && now - info.mtimeMs > KEPT_MS) await rm(path, { recursive: true, force: true });
    }
  }
}

/** The asset behind an id the page asked to drag: a file with its size, or a folder or stack (which a drag cannot carry). */
async function candidate(api: AccountApi, id: string): Promise<DragCandidate & { folderId: string; createdAt: string }> {
  try {
    const file = await api.showFile(id);
    return { id: file.id, name: file.name, type: 'file', size: file.file_size, complete: file.status !== 'created', folderId: file.parent_id ?? '', createdAt: file.created_at };
  } catch (error) {
    if (!(error instanceof ApiError && error.kind === 'not-found')) throw error;
  }
  // Not a file: the download job finds out what it is, and says so when it is nothing at all.
  return { id, name: id, type: 'folder', size: 0, complete: true, folderId: '', createdAt: '' };
}
