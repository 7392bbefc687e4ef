// One Frame.io file brought home: skipped when the same file is already there, else fetched in
// parallel byte ranges into a temporary name beside the target, each range journaled once it is on
// the disk, then checked (size, and the whole-file sha256 when Slate uploaded it) and renamed into
// place. A kill leaves only finished ranges marked done; the next run fetches the rest. An expired
// link is fetched again from the API; a passing failure goes to the engine, which waits for
// Frame.io and calls this again.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, utimes, type FileHandle } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { ApiError } from '../../api/errors.ts';
import { backoffDelay, defaultRetryPolicy } from '../../api/retry.ts';
import { apiFailure, FileFailure, Passing } from '../errors.ts';
import type { FileContext } from '../file-upload.ts';
import type { FileRow, PartRow } from '../journal.ts';
import type { DownloadConflictPolicy } from '../types.ts';
import { diskFull, freeBytes } from './disk.ts';
import { getRange, LinkRefused, ObjectChanged, RangeRetryable, WriteFailed } from './range-get.ts';

export interface DownloadContext extends FileContext {
  /** bytes per range of a large file */
  rangeSize: number;
  conflict: DownloadConflictPolicy;
}

/** Fresh links in a row that were refused at once: more and something else is wrong (the clock). */
const MAX_RENEWALS = 3;

/** The temporary name a file comes down under, beside its target, so no half file has the final name. */
export function partialPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.slate-download`);
}

export async function downloadFile(ctx: DownloadContext, fileId: number): Promise<void> {
  let file = ctx.journal.file(fileId);
  const known = ctx.journal.knownDigest(file.remoteId!);
  if (file.state === 'pending' && (await settledWithoutFetching(ctx, file, known))) return;
  file = ctx.journal.file(fileId);
  const temp = partialPath(file.source);
  await mkdir(dirname(file.source), { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw writeFailure(new WriteFailed(error), dirname(file.source), file.size);
  });

  let parts = ctx.journal.parts(fileId);
  if (parts.length > 0 && parts.every((p) => p.state === 'done') && (await placedAlready(ctx, file))) return;
  if (parts.length === 0 || !(await partialHolds(temp, parts))) {
    parts = await startOver(ctx, file, temp);
  }
  await ensureRoom(ctx, file, parts);

  const target = await open(temp, 'r+');
  try {
    await fetchRanges(ctx, file, target);
    await target.datasync();
  } finally {
    await target.close();
  }
  await verify(ctx, file, temp, known);
  await place(ctx, ctx.journal.file(fileId), temp);
}

/** Before any byte: the same file already on the disk is skipped, and so, under `skip`, is a different one. */
async function settledWithoutFetching(ctx: DownloadContext, file: FileRow, known: string | null): Promise<boolean> {
  const existing = await stat(file.source).catch(() => undefined);
  if (!existing?.isFile()) return false;
  const same = await identicalCopy(ctx, file, known);
  if (same !== undefined) {
    ctx.update(file.id, { state: 'skipped', remoteName: basename(same), error: 'The same file is already on the disk.' });
    return true;
  }
  if (ctx.conflict !== 'skip') return false;
  ctx.update(file.id, {
    state: 'skipped',
    remoteName: basename(file.source),
    error: 'A different file of the same name is on the disk and was kept (--on-conflict skip); choose rename to keep both, or overwrite.',
  });
  return true;
}

/**
 * The file on the disk that is this one: under its own name or, since `rename` keeps earlier
 * downloads beside a different file, under one of the `name (n).ext` names a run before gave it.
 */
async function identicalCopy(ctx: DownloadContext, file: FileRow, known: string | null): Promise<string | undefined> {
  if (await identical(file, file.source, known)) return file.source;
  if (ctx.conflict !== 'rename') return undefined;
  for (let n = 2; ; n++) {
    const beside = numbered(file.source, n);
    if (!(await stat(beside).catch(() => undefined))) return undefined;
    if (await identical(file, beside, known)) return beside;
  }
}

/** Same size and, when Slate knows the file's sha256, the same bytes; otherwise the same time as in Frame.io. */
async function identical(file: FileRow, path: string, known: string | null): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile() || info.size !== file.size) return false;
  if (Math.abs(info.mtimeMs - file.mtimeMs) < 1) return true;
  return known !== null && (await sha256Of(path)) === known;
}

/** Killed after the rename but before the journal heard of it: the file is in place. */
async function placedAlready(ctx: DownloadContext, file: FileRow): Promise<boolean> {
  const final = join(dirname(file.source), file.remoteName ?? basename(file.source));
  const info = await stat(final).catch(() => undefined);
  if (!info?.isFile() || info.size !== file.size || Math.abs(info.mtimeMs - file.mtimeMs) >= 1) return false;
  ctx.update(file.id, { state: 'done', bytesDone: file.size });
  return true;
}

/** Whether the temporary file still holds every range the journal marks done (it may have been deleted). */
async function partialHolds(temp: string, parts: PartRow[]): Promise<boolean> {
  const info = await stat(temp).catch(() => undefined);
  if (!info) return false;
  const needed = Math.max(0, ...parts.filter((p) => p.state === 'done').map((p) => p.offset + p.size));
  return info.size >= needed;
}

async function startOver(ctx: DownloadContext, file: FileRow, temp: string): Promise<PartRow[]> {
  const url = await freshLink(ctx, file);
  const ranges = [];
  for (let offset = 0; offset < file.size; offset += ctx.rangeSize) ranges.push({ offset, size: Math.min(ctx.rangeSize, file.size - offset), url });
  // The temporary file first, then the journal: a journal entry always has its file.
  const handle = await open(temp, 'w').catch((error: NodeJS.ErrnoException) => {
    throw writeFailure(new WriteFailed(error), temp, file.size);
  });
  await handle.close();
  ctx.journal.setParts(file.id, ranges);
  ctx.update(file.id, { state: 'downloading', bytesDone: 0, error: null });
  return ctx.journal.parts(file.id);
}

async function ensureRoom(ctx: DownloadContext, file: FileRow, parts: PartRow[]): Promise<void> {
  const needed = parts.filter((p) => p.state !== 'done').reduce((sum, p) => sum + p.size, 0);
  const free = await freeBytes(dirname(file.source));
  if (free < needed) throw diskFull(dirname(file.source), needed, free);
}

/** The file's media link, fresh from the API. */
async function freshLink(ctx: DownloadContext, file: FileRow): Promise<string> {
  let answer;
  try {
    answer = await ctx.api.showFile(file.remoteId!, 'media_links.original', ctx.signal);
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'not-found') {
      throw new FileFailure(`"${file.name}" is no longer in Frame.io (deleted, or access was removed).`, 'Nothing to download; run the download again to bring the folder up to date.');
    }
    throw error instanceof ApiError ? apiFailure(error, `Asking Frame.io for "${file.name}"`) : error;
  }
  const url = answer.media_links?.original?.download_url;
  if (!url) throw new FileFailure(`"${file.name}" has no original to download yet (it is still uploading to Frame.io).`, 'Run the download again once its upload has finished.');
  if (answer.file_size !== file.size) {
    throw new FileFailure(`"${file.name}" changed in Frame.io since the download began (${answer.file_size} bytes, not ${file.size}).`, 'Run the download again to fetch it as it is now.');
  }
  return url;
}

async function fetchRanges(ctx: DownloadContext, file: FileRow, target: FileHandle): Promise<void> {
  const pending = ctx.journal.parts(file.id).filter((p) => p.state !== 'done');
  let url = pending[0]?.url ?? '';
  let renewing: Promise<string> | undefined;
  let renewals = 0;
  const renew = (refusedUrl: string) => {
    if (refusedUrl !== url) return Promise.resolve(url);
    if (++renewals > MAX_RENEWALS) {
      throw new FileFailure(`Frame.io's download links for "${file.name}" were refused however often they were renewed.`, 'Check the computer clock, then run the download again.');
    }
    renewing ??= freshLink(ctx, file).then((fresh) => {
      ctx.journal.setPartUrls(file.id, fresh);
      url = fresh;
      renewing = undefined;
      return fresh;
    });
    return renewing;
  };

  const one = async (part: PartRow) => {
    for (let attempt = 0; ; attempt++) {
      const release = await ctx.partSlots.acquire(ctx.priority, ctx.signal);
      const using = url;
      let sent = 0;
      try {
        await getRange({
          url: using,
          offset: part.offset,
          size: part.size,
          total: file.size,
          target,
          bandwidth: ctx.bandwidth,
          signal: ctx.signal,
          onBytes: (delta) => {
            sent += delta;
            ctx.onBytes(delta);
          },
        });
        await target.datasync();
        ctx.journal.setPart(file.id, part.idx, 'done');
        ctx.update(file.id, { bytesDone: ctx.journal.file(file.id).bytesDone + part.size });
        renewals = 0;
        return;
      } catch (error) {
        ctx.onBytes(-sent);
        ctx.signal.throwIfAborted();
        if (error instanceof LinkRefused) await renew(using);
        else if (error instanceof WriteFailed) throw writeFailure(error, dirname(file.source), part.size);
        else if (error instanceof ObjectChanged) throw new FileFailure(`"${file.name}" is not in Frame.io as it was listed (${error.message}).`, 'Run the download again to fetch it as it is now.');
        else if (error instanceof RangeRetryable && attempt < ctx.partRetries) await ctx.clock.sleep(backoffDelay(defaultRetryPolicy, attempt), ctx.signal);
        else if (error instanceof RangeRetryable) throw new Passing(`Downloading "${file.name}": ${error.message}`, { cause: error });
        else throw error;
      } finally {
        release();
      }
    }
  };

  const queue = [...pending];
  await Promise.all(
    Array.from({ length: Math.min(ctx.partConcurrency, queue.length) }, async () => {
      for (let part = queue.shift(); part && !ctx.draining.aborted; part = queue.shift()) await one(part);
    }),
  );
  ctx.draining.throwIfAborted();
}

function writeFailure(error: WriteFailed, folder: string, needed: number): Error {
  if (error.code === 'ENOSPC' || error.code === 'EDQUOT') return diskFull(folder, needed, null);
  return new FileFailure(`Slate could not write in "${folder}": ${error.message}.`, 'Check the folder exists and can be written to, then run the download again.');
}

/** The size, and the bytes when Slate knows their sha256; a mismatch starts the file over. */
async function verify(ctx: DownloadContext, file: FileRow, temp: string, known: string | null): Promise<void> {
  const size = (await stat(temp)).size;
  const digest = known === null ? null : await sha256Of(temp);
  if (size === file.size && (known === null || digest === known)) {
    if (digest) ctx.update(file.id, { sha256: `sha256:${digest}` });
    return;
  }
  await rm(temp, { force: true });
  ctx.journal.setParts(file.id, []);
  ctx.update(file.id, { state: 'pending', bytesDone: 0 });
  throw new FileFailure(
    `"${file.name}" came down different from what is in Frame.io (${size === file.size ? 'its sha256 does not match the upload' : `${size} bytes, not ${file.size}`}); it was discarded.`,
    'Run the download again.',
  );
}

/** Renames the checked file into place as the conflict policy says, stamped with its time in Frame.io. */
async function place(ctx: DownloadContext, file: FileRow, temp: string): Promise<void> {
  await utimes(temp, new Date(), new Date(file.mtimeMs));
  let final = file.remoteName !== null ? join(dirname(file.source), file.remoteName) : file.source;
  if (file.remoteName === null) {
    const taken = await stat(final).catch(() => undefined);
    if (taken && ctx.conflict === 'rename') final = await freeName(file.source);
    if (taken && ctx.conflict === 'skip') {
      await rm(temp, { force: true });
      ctx.update(file.id, { state: 'skipped', remoteName: basename(file.source), error: 'A file of the same name appeared on the disk during the download and was kept.' });
      return;
    }
    // Journaled before the rename, so a kill between the two finds the file where it went.
    ctx.update(file.id, { remoteName: basename(final) });
  }
  await rename(temp, final);
  ctx.update(file.id, { state: 'done', bytesDone: file.size });
}

/** `take.mov` → `take (2).mov`, the first such name not on the disk. */
async function freeName(path: string): Promise<string> {
  for (let n = 2; ; n++) {
    const candidate = numbered(path, n);
    if (!(await stat(candidate).catch(() => undefined))) return candidate;
  }
}

function numbered(path: string, n: number): string {
  const extension = extname(path);
  return `${path.slice(0, path.length - extension.length)} (${n})${extension}`;
}

function sha256Of(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
