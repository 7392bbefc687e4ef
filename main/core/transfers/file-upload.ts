// One local file, start to finish: decide its name, create it in Frame.io (journaling the id
// before the first byte goes), send its parts in parallel with per-part retries, check the source
// did not change, confirm through the file status, and stack it when asked. A passing failure
// (Frame.io out of reach or busy) is thrown to the engine, which waits for Frame.io and calls this
// again: every step starts from what the journal says is already done.
import { createHash } from 'node:crypto';
import type { Clock } from '../api/clock.ts';
import { ApiError } from '../api/errors.ts';
import { backoffDelay, defaultRetryPolicy } from '../api/retry.ts';
import type { Bandwidth } from './bandwidth.ts';
import type { FolderIndex } from './conflicts.ts';
import { apiFailure, FileFailure, isPassing, JobStop, SourceUnavailable, targetFolderGone } from './errors.ts';
import { TrailingHasher } from './file-hash.ts';
import type { TransferFs } from './fs.ts';
import type { FilePatch, FileRow, Journal, PartRow } from './journal.ts';
import { PartRetryable, putPart, SourceReadError, UrlRejected } from './part-upload.ts';
import { describeFsError } from './plan.ts';
import type { Slots } from './slots.ts';
import type { TransferApi } from './transfer-api.ts';
import type { ConflictPolicy, FileRetry } from './types.ts';

export interface FileContext {
  api: TransferApi;
  journal: Journal;
  fs: TransferFs;
  clock: Clock;
  bandwidth: Bandwidth;
  partSlots: Slots;
  partConcurrency: number;
  /** quick retries of a part before its file waits for Frame.io to answer a probe */
  partRetries: number;
  confirmTimeoutMs: number;
  /** hash each file's whole content as it is sent (the job asked for it) */
  recordSha256: boolean;
  priority: () => number;
  /** aborts everything, parts in flight included */
  signal: AbortSignal;
  /** the job is pausing: start nothing new, let parts in flight finish */
  draining: AbortSignal;
  /** whether Frame.io answered last time anyone asked */
  reachable: () => boolean;
  onBytes: (delta: number) => void;
  /** journals a change of the file and tells listeners */
  update: (fileId: number, patch: FilePatch) => void;
  /** tells listeners a passing failure is being retried (null: no longer) */
  retrying: (fileId: number, retry: FileRetry | null) => void;
}


/** The source is no longer what was planned; the upload must start over or fail. */
class SourceChanged extends Error {}

/** Re-creating an upload after its links were refused: more than this and something else is wrong. */
const MAX_RECREATES = 2;

export async function uploadLocalFile(
  ctx: FileContext,
  fileId: number,
  folderId: string,
  index: FolderIndex,
  policy: ConflictPolicy,
  releaseSlot: () => void,
): Promise<void> {
  let file = ctx.journal.file(fileId);
  if (file.remoteId === null) {
    await checkSource(ctx, file, false);
    file = ctx.journal.file(fileId);
  }
  if (file.remoteName === null) {
    const decision = index.decide(file.name.normalize('NFC'), file.size, policy);
    if (decision.skip) {
      ctx.update(fileId, { remoteName: decision.remoteName, state: 'skipped', error: 'A file of the same name and size is already in the folder.' });
      return;
    }
    ctx.update(fileId, { remoteName: decision.remoteName, stackOnto: decision.stackOnto ?? file.stackOnto });
    file = ctx.journal.file(fileId);
  }
  if (file.size === 0 && file.remoteId === null) {
    ctx.update(fileId, { state: 'skipped', error: 'The file is empty (0 bytes), and Frame.io does not store empty files.' });
    return;
  }

  let recreates = 0;
  // The whole-file sha256 of a file sent in several parts, taken beside the senders.
  let whole: string | null | undefined;
  for (;;) {
    try {
      await checkSource(ctx, file, file.remoteId !== null && file.state !== 'creating');
      file = ctx.journal.file(fileId);
      if (file.remoteId === null || ctx.journal.parts(fileId).length === 0) file = await createUpload(ctx, file, folderId);
      if (file.state === 'uploading' || file.state === 'pending') {
        whole = await sendParts(ctx, file);
        await checkSource(ctx, file, true);
      }
      break;
    } catch (error) {
      ctx.signal.throwIfAborted();
      if (error instanceof UrlRejected && (await alreadyComplete(ctx, file))) {
        // The links were refused because Frame.io already has every byte (the answer to the last
        // part was lost): nothing to resend.
        for (const part of ctx.journal.parts(fileId)) if (part.state !== 'done') ctx.journal.setPart(fileId, part.idx, 'done', part.sha256);
        break;
      } else if (error instanceof UrlRejected && recreates++ < MAX_RECREATES) {
        await discardRemote(ctx, file);
        ctx.update(fileId, {
          error: `Frame.io refused the upload links for "${file.name}" (${error.message}), so Slate deleted the unfinished file there and is uploading it again from the start.`,
        });
      } else if (error instanceof SourceChanged && file.attempts === 0) {
        // Once: the file may have been finishing a write when the upload began. A second change fails.
        await discardRemote(ctx, file);
        ctx.update(fileId, { attempts: 1 });
      } else if (error instanceof SourceChanged) {
        await discardRemote(ctx, file);
        throw new FileFailure(`"${file.name}" changed during upload; nothing partial was kept.`, 'Upload it again once it has finished being written.');
      } else if (error instanceof UrlRejected) {
        throw await abandon(ctx, fileId, new FileFailure(`The upload links for "${file.name}" kept being refused (${error.message}).`, 'Run the upload again; if it persists, check the computer clock.'));
      } else if (error instanceof SourceUnavailable) {
        throw await keepForRetry(ctx, fileId, error);
      } else if (error instanceof FileFailure && !(error instanceof JobStop)) {
        throw await abandon(ctx, fileId, error);
      } else {
        throw error;
      }
      file = ctx.journal.file(fileId);
    }
  }
  // The bytes are out; confirming and stacking need no upload slot.
  releaseSlot();
  file = ctx.journal.file(fileId);
  if (file.state === 'uploading' || file.state === 'pending') {
    const parts = ctx.journal.parts(fileId);
    // Sent before the answer to the last part was lost: the one case with no digest in hand.
    if (ctx.recordSha256 && parts.length > 1 && whole === undefined) {
      const hasher = new TrailingHasher(ctx.fs, file.source, parts, ctx.signal);
      parts.forEach((_, i) => hasher.release(i));
      whole = await hasher.result().catch(() => null);
    }
    ctx.update(fileId, { state: 'confirming', sha256: fileDigest(parts, whole), bytesDone: file.size });
  }
  if (ctx.journal.file(fileId).state === 'confirming') await confirm(ctx, ctx.journal.file(fileId));
  if (file.stackOnto) await stack(ctx, ctx.journal.file(fileId), folderId);
  // Any message left on the file (a re-created upload) stays: it is part of what happened.
  ctx.update(fileId, { state: 'done' });
}

/** Compares the source with what was planned (or uploaded so far). */
async function checkSource(ctx: FileContext, file: FileRow, strict: boolean): Promise<void> {
  let info;
  try {
    info = await ctx.fs.stat(file.source);
  } catch (error) {
    throw new SourceUnavailable(`Could not read "${file.source}": ${describeFsError(error)}.`, 'Check the file is there and readable, then retry.', { cause: error });
  }
  if (info.size === file.size && info.mtimeMs === file.mtimeMs) return;
  if (strict) throw new SourceChanged();
  // Nothing sent yet: take the file as it is now.
  ctx.update(file.id, { size: info.size, mtimeMs: info.mtimeMs });
}

async function createUpload(ctx: FileContext, file: FileRow, folderId: string): Promise<FileRow> {
  const name = file.remoteName ?? file.name;
  // Asked before, answer never journaled (a crash, a lost connection): clear up what that left.
  if (file.createdRemoteAt !== null) await removeOrphan(ctx, file, folderId, name);
  ctx.update(file.id, { state: 'creating', createdRemoteAt: Date.now() });
  let created;
  try {
    created = await ctx.api.createLocalUpload(folderId, name, file.size, ctx.signal);
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'not-found') throw targetFolderGone(error);
    if (error instanceof ApiError && error.kind === 'invalid') {
      ctx.update(file.id, { state: 'pending', createdRemoteAt: null });
      throw new FileFailure(`Frame.io refused "${name}": ${error.detail ?? error.message}.`, 'Rename the file and upload it again.', { cause: error });
    }
    throw error instanceof ApiError ? apiFailure(error, `Creating "${name}" in Frame.io`) : error;
  }
  let offset = 0;
  const parts = created.upload_urls.map((part) => {
    const entry = { offset, size: part.size, url: part.url };
    offset += part.size;
    return entry;
  });
  if (offset !== file.size) throw new FileFailure(`Frame.io handed out parts for ${offset} bytes, not ${file.size}.`, 'Run the upload again.');
  ctx.journal.setParts(file.id, parts);
  // The id is journaled before the first PUT: a resumed job finishes this file, never makes another.
  ctx.update(file.id, { remoteId: created.id, mediaType: created.media_type ?? 'application/octet-stream', state: 'uploading', bytesDone: 0 });
  return ctx.journal.file(file.id);
}

/**
 * A crash between asking Frame.io for the file and journaling its id leaves a placeholder nobody
 * will fill. Find it (same name and size, still `created`, made since we asked) and delete it.
 */
async function removeOrphan(ctx: FileContext, file: FileRow, folderId: string, name: string): Promise<void> {
  const since = (file.createdRemoteAt ?? 0) - 60_000;
  for await (const candidate of ctx.api.listFiles(folderId, ctx.signal)) {
    if (candidate.name === name && candidate.file_size === file.size && candidate.status === 'created' && Date.parse(candidate.created_at) >= since) {
      await ctx.api.deleteFile(candidate.id, ctx.signal).catch(() => undefined);
    }
  }
}

async function alreadyComplete(ctx: FileContext, file: FileRow): Promise<boolean> {
  if (!file.remoteId) return false;
  const status = await ctx.api.fileStatus(file.remoteId, ctx.signal).catch(() => undefined);
  return status?.upload_complete === true;
}

/** Drops the Frame.io placeholder of an upload that must start over, so no half file is left behind. */
async function discardRemote(ctx: FileContext, file: FileRow): Promise<void> {
  if (file.remoteId) {
    await ctx.api.deleteFile(file.remoteId, ctx.signal).catch((error: unknown) => {
      if (!(error instanceof ApiError && error.kind === 'not-found')) throw error;
    });
  }
  ctx.journal.setParts(file.id, []);
  const info = await ctx.fs.stat(file.source).catch(() => undefined);
  ctx.update(file.id, { remoteId: null, mediaType: null, createdRemoteAt: null, state: 'pending', bytesDone: 0, sha256: null, ...(info ? { size: info.size, mtimeMs: info.mtimeMs } : {}) });
}

/**
 * A source that went away mid-upload keeps what was sent, so a retry goes on from its finished
 * parts; the failure names the unfinished copy in Frame.io, and cancelling the job deletes it.
 */
async function keepForRetry(ctx: FileContext, fileId: number, failure: SourceUnavailable): Promise<FileFailure> {
  const file = ctx.journal.file(fileId);
  const sent = ctx.journal.parts(fileId).filter((p) => p.state === 'done').length;
  // Nothing sent: nothing worth keeping, so no empty file is left behind either.
  if (sent === 0) return abandon(ctx, fileId, failure);
  return new SourceUnavailable(
    `${failure.message} The ${sent} part${sent === 1 ? '' : 's'} already sent stay in Frame.io as the unfinished file "${file.remoteName ?? file.name}".`,
    `${failure.action} Retry goes on from there; cancelling the job deletes the unfinished file.`,
    { cause: failure.cause ?? failure },
  );
}

/**
 * A file that failed for good after Frame.io made it would stay there half made (status `created`,
 * some or none of its bytes): delete it, or when that fails too, name it in the failure.
 */
async function abandon(ctx: FileContext, fileId: number, failure: FileFailure): Promise<FileFailure> {
  const file = ctx.journal.file(fileId);
  if (!file.remoteId) return failure;
  try {
    await discardRemote(ctx, file);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return new FileFailure(
      `${failure.message} Its unfinished copy "${file.remoteName ?? file.name}" is still in Frame.io: deleting it failed (${why}).`,
      `${failure.action} Delete the unfinished copy in Frame.io.`,
      { cause: failure },
    );
  }
  return new FileFailure(`${failure.message} The unfinished copy in Frame.io was deleted.`, failure.action, { cause: failure.cause ?? failure });
}

/**
 * Sends the parts not yet sent, in parallel. For a file of several parts whose job records digests
 * it resolves with the sha256 (hex) of the whole file, read in order beside the senders (null if
 * that read failed).
 * A passing failure of one part stops new parts from starting but lets the others in flight
 * finish, so what they carry is kept; so does a pause.
 */
async function sendParts(ctx: FileContext, file: FileRow): Promise<string | null | undefined> {
  const all = ctx.journal.parts(file.id);
  const queue = all.filter((p) => p.state !== 'done');
  let bytesDone = file.size - queue.reduce((sum, p) => sum + p.size, 0);
  const inner = new AbortController();
  const signal = AbortSignal.any([ctx.signal, inner.signal]);
  // Stops parts from starting: a pause, or a sibling's failure.
  const halt = new AbortController();
  const starting = AbortSignal.any([signal, ctx.draining, halt.signal]);
  const position = new Map(all.map((p, i) => [p.idx, i]));
  const hasher = ctx.recordSha256 && all.length > 1 ? new TrailingHasher(ctx.fs, file.source, all, signal) : undefined;
  // Parts sent on an earlier run are read by the hasher alone; the others once a sender has them.
  for (const part of all) if (part.state === 'done') hasher?.release(position.get(part.idx)!);
  const worker = async () => {
    while (!starting.aborted && queue.length > 0) {
      const part = queue.shift()!;
      let release: () => void;
      try {
        release = await ctx.partSlots.acquire(ctx.priority, starting);
      } catch (error) {
        queue.unshift(part);
        if (ctx.signal.aborted || !starting.aborted) throw error;
        return;
      }
      try {
        hasher?.release(position.get(part.idx)!);
        // A file of one part is hashed as it is sent; several parts, by the trailing hasher.
        const sha256 = await sendPart(ctx, file, part, signal, ctx.recordSha256 && all.length === 1);
        bytesDone += part.size;
        ctx.journal.setPart(file.id, part.idx, 'done', sha256);
        ctx.journal.updateFile(file.id, { bytesDone });
      } catch (error) {
        queue.unshift(part);
        throw error;
      } finally {
        release();
      }
    }
  };
  let firstError: unknown;
  const workers = Array.from({ length: Math.min(ctx.partConcurrency, queue.length) }, () =>
    worker().catch((error: unknown) => {
      if (firstError !== undefined || ctx.signal.aborted) return;
      firstError = error;
      halt.abort(error);
      // A lasting failure (the source changed, the links were refused) dooms the siblings too.
      if (!isPassing(error)) inner.abort(error);
    }),
  );
  await Promise.all(workers);
  ctx.signal.throwIfAborted();
  if (firstError !== undefined || queue.length > 0) {
    // The hasher waits for parts that will not be read now.
    inner.abort(firstError ?? ctx.draining.reason);
    hasher?.result().catch(() => undefined);
    if (firstError !== undefined) throw firstError;
    ctx.draining.throwIfAborted();
  }
  ctx.retrying(file.id, null);
  if (!hasher) return undefined;
  try {
    return await hasher.result();
  } catch {
    ctx.signal.throwIfAborted();
    return null;
  }
}

async function sendPart(ctx: FileContext, file: FileRow, part: PartRow, signal: AbortSignal, hash: boolean): Promise<string | null> {
  ctx.journal.setPart(file.id, part.idx, 'sending');
  for (let attempt = 0; ; attempt++) {
    try {
      const sha256 = await putPart({
        url: part.url,
        path: file.source,
        offset: part.offset,
        size: part.size,
        mediaType: file.mediaType ?? 'application/octet-stream',
        fs: ctx.fs,
        bandwidth: ctx.bandwidth,
        signal,
        onBytes: ctx.onBytes,
        hash,
      });
      if (attempt > 0) ctx.retrying(file.id, null);
      return sha256;
    } catch (error) {
      signal.throwIfAborted();
      if (error instanceof SourceReadError) {
        const info = await ctx.fs.stat(file.source).catch(() => undefined);
        if (!info) throw new SourceUnavailable(`"${file.source}" vanished during upload.`, 'Put it back and retry.', { cause: error });
        if (info.size !== file.size || info.mtimeMs !== file.mtimeMs) throw new SourceChanged();
        throw new SourceUnavailable(`Could not read "${file.source}": ${error.message}.`, 'Check the disk, then retry.', { cause: error });
      }
      // Past a few quick tries, or with Frame.io known to be away, the file waits for it to answer.
      if (!(error instanceof PartRetryable) || attempt >= ctx.partRetries || !ctx.reachable()) throw error;
      const wait = backoffDelay({ ...defaultRetryPolicy, baseDelayMs: 500, maxDelayMs: 15_000 }, attempt);
      ctx.retrying(file.id, { attempt: attempt + 1, reason: `Sending part ${part.idx + 1} failed: ${error.message}`, nextAt: Date.now() + wait });
      await ctx.clock.sleep(wait, signal);
    }
  }
}

/**
 * A file's digest, computed from what was read while sending: `sha256:<hex>` of its bytes (a
 * one-part file's part hash, or for several parts the whole-file hash read beside the senders).
 * Without a whole-file hash, parts that each carry a sha256 (as journals of earlier versions
 * have) give `sha256-parts:<hex>`, the sha256 of their digests in order.
 */
export function fileDigest(parts: PartRow[], whole?: string | null): string | null {
  if (parts.length === 1) return parts[0]!.sha256 ? `sha256:${parts[0]!.sha256}` : null;
  if (whole) return `sha256:${whole}`;
  if (parts.length === 0 || parts.some((p) => !p.sha256)) return null;
  const tree = createHash('sha256');
  for (const part of parts) tree.update(Buffer.from(part.sha256!, 'hex'));
  return `sha256-parts:${tree.digest('hex')}`;
}

/** Waits for Frame.io to report the upload complete. */
export async function confirm(ctx: FileContext, file: FileRow): Promise<void> {
  const deadline = ctx.clock.now() + ctx.confirmTimeoutMs;
  for (let attempt = 0; ; attempt++) {
    let status;
    try {
      status = await ctx.api.fileStatus(file.remoteId!, ctx.signal);
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'not-found') {
        throw new FileFailure(`"${file.remoteName}" was deleted in Frame.io before the upload was confirmed.`, 'Upload it again.', { cause: error });
      }
      throw error instanceof ApiError ? apiFailure(error, 'Checking the upload') : error;
    }
    if (status.upload_complete) return;
    if (status.upload_failed) {
      throw await abandon(ctx, file.id, new FileFailure(`Frame.io reports the upload of "${file.remoteName}" failed.`, 'Upload it again.'));
    }
    if (ctx.clock.now() >= deadline) {
      throw new FileFailure(`Frame.io has not confirmed "${file.remoteName}" yet.`, 'Run `slate resume` later to check again; nothing will be re-sent.');
    }
    await ctx.clock.sleep(Math.min(5_000, 100 * 2 ** attempt), ctx.signal);
  }
}

/** Makes the uploaded file the newest version of an existing file or stack. */
export async function stack(ctx: FileContext, file: FileRow, folderId: string): Promise<void> {
  const [kind, targetId] = file.stackOnto!.split(':') as ['file' | 'stack', string];
  if (file.state === 'stacking') {
    // A resumed job: the stacking call may already have happened.
    const now = await ctx.api.showFile(file.remoteId!, undefined, ctx.signal);
    if (now.parent_id !== folderId) return;
  }
  ctx.update(file.id, { state: 'stacking' });
  try {
    if (kind === 'stack') await ctx.api.moveFile(file.remoteId!, targetId, ctx.signal);
    else await ctx.api.createVersionStack(folderId, [targetId, file.remoteId!], ctx.signal);
  } catch (error) {
    throw error instanceof ApiError ? apiFailure(error, `Adding "${file.remoteName}" as a new version`) : error;
  }
}
