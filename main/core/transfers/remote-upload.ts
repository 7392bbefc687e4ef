// A remote upload: Frame.io fetches the URL itself; Slate asks once (journaling the new file's id
// straight away) and polls the status until Frame.io has it all.
import { ApiError } from '../api/errors.ts';
import { apiFailure, FileFailure, targetFolderGone } from './errors.ts';
import type { FileContext } from './file-upload.ts';

export async function runRemoteUpload(ctx: FileContext, fileId: number, folderId: string): Promise<void> {
  let file = ctx.journal.file(fileId);
  if (file.remoteId === null) {
    if (file.state === 'creating') {
      // Asked before a crash, answer lost: a file of that name made since then is ours.
      const since = (file.createdRemoteAt ?? 0) - 60_000;
      for await (const candidate of ctx.api.listFiles(folderId, ctx.signal)) {
        if (candidate.name === file.name && Date.parse(candidate.created_at) >= since) {
          ctx.update(fileId, { remoteId: candidate.id, remoteName: candidate.name, state: 'confirming' });
          break;
        }
      }
    }
    file = ctx.journal.file(fileId);
  }
  if (file.remoteId === null) {
    ctx.update(fileId, { state: 'creating', createdRemoteAt: Date.now() });
    try {
      const answer = await ctx.api.createRemoteUpload(folderId, file.name, file.source, ctx.signal);
      ctx.update(fileId, { remoteId: answer.file.id, remoteName: answer.file.name, state: 'confirming' });
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'not-found') throw targetFolderGone(error);
      throw error instanceof ApiError ? apiFailure(error, `Asking Frame.io to fetch ${file.source}`) : error;
    }
  }
  const deadline = ctx.clock.now() + ctx.confirmTimeoutMs;
  for (let attempt = 0; ; attempt++) {
    const status = await ctx.api.fileStatus(ctx.journal.file(fileId).remoteId!, ctx.signal).catch((error: unknown) => {
      throw error instanceof ApiError ? apiFailure(error, 'Checking the remote upload') : error;
    });
    if (status.upload_complete) break;
    if (status.upload_failed) {
      throw await discardFailed(ctx, fileId, new FileFailure(`Frame.io could not fetch ${file.source}.`, 'Check that the URL is public and reachable, then try again.'));
    }
    if (ctx.clock.now() >= deadline) {
      throw new FileFailure(`Frame.io is still fetching ${file.source}.`, 'Run `slate resume` later to check again.');
    }
    await ctx.clock.sleep(Math.min(5_000, 250 * 2 ** attempt), ctx.signal);
  }
  const done = await ctx.api.showFile(ctx.journal.file(fileId).remoteId!, undefined, ctx.signal);
  ctx.update(fileId, { state: 'done', size: done.file_size, bytesDone: done.file_size, error: null });
}

/** A fetch that failed leaves an empty file in Frame.io: delete it, or name it when that fails too. */
async function discardFailed(ctx: FileContext, fileId: number, failure: FileFailure): Promise<FileFailure> {
  const file = ctx.journal.file(fileId);
  try {
    await ctx.api.deleteFile(file.remoteId!, ctx.signal).catch((error: unknown) => {
      if (!(error instanceof ApiError && error.kind === 'not-found')) throw error;
    });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return new FileFailure(`${failure.message} The empty file "${file.remoteName ?? file.name}" it made is still in Frame.io: deleting it failed (${why}).`, `${failure.action} Delete the empty file in Frame.io.`, { cause: failure });
  }
  // Asked again, Frame.io makes a new file; the deleted one must not be polled.
  ctx.update(fileId, { remoteId: null, remoteName: null, createdRemoteAt: null });
  return new FileFailure(`${failure.message} The empty file it made in Frame.io was deleted.`, failure.action);
}
