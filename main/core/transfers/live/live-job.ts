// A live job's one file, as the transfer engine runs it: uploaded with Frame.io's real-time upload
// while it is still being written where the account has one (legacy V2), else, or when a real-time
// upload cannot be finished as one (the file shrank, or bytes already sent were rewritten), the
// ordinary way once it has stopped changing, saying why. Its parts take the engine's bandwidth
// limit and part slots, its progress is the job's, and each step is journaled before it happens, so
// a killed run resumes into the same Frame.io asset and never leaves a second one behind.
import type { Database } from '../../db.ts';
import { FolderIndex } from '../conflicts.ts';
import { stack, uploadLocalFile, type FileContext } from '../file-upload.ts';
import type { ConflictPolicy } from '../types.ts';
import { GrowingFile } from './growing-file.ts';
import { LiveJournal } from './journal.ts';
import { liveUpload, type LiveEvent } from './live-upload.ts';

/** What the engine says of a live job as it goes: its real-time parts, and why it went the ordinary way. */
export type LiveJobEvent = LiveEvent | { type: 'live-restart'; reason: string };

export interface LiveFile {
  fileId: number;
  folderId: string;
  policy: ConflictPolicy;
  /** how long the file must stay unchanged to count as finished */
  stableMs: number;
  /** the journal's database, where the real-time parts are kept */
  db: Database;
  pollMs?: number;
  onEvent: (event: LiveJobEvent) => void;
}

/** Said where real-time upload is not to be had; the file goes up once it has settled. */
export function notAvailableHere(stableMs: number): string {
  return `Upload while it grows needs a legacy (V2) account: Frame.io V4 has no real-time upload. Uploading the file once it has not changed for ${stableMs / 1000} s`;
}

export async function uploadLiveFile(ctx: FileContext, live: LiveFile): Promise<void> {
  const { fileId, folderId, policy } = live;
  const file = ctx.journal.file(fileId);
  // Every byte is in Frame.io; only stacking (or saying so) is left.
  if (file.state === 'confirming' || file.state === 'stacking') return finished(ctx, fileId, folderId);
  // An ordinary upload under way (Frame.io handed it parts) is finished as one.
  const ordinaryUnderWay = file.remoteId !== null && ctx.journal.parts(fileId).length > 0;
  if (!ordinaryUnderWay) {
    const reason = await realtime(ctx, live);
    if (reason === undefined) return;
    live.onEvent({ type: 'live-restart', reason });
    await new GrowingFile(file.source, live.stableMs, ctx.clock).settled(live.pollMs ?? 250, ctx.signal);
    const now = await ctx.fs.stat(file.source);
    // The reason stays on the file: it is part of what happened to it.
    ctx.update(fileId, { size: now.size, mtimeMs: now.mtimeMs, remoteId: null, createdRemoteAt: null, state: 'pending', bytesDone: 0, error: `${reason}.` });
  }
  const index = policy === 'new' ? FolderIndex.empty() : await FolderIndex.load(ctx.api, folderId, ctx.signal);
  await uploadLocalFile(ctx, fileId, folderId, index, policy, () => {});
}

/** The real-time upload; answers why the file must go the ordinary way instead, or undefined once it is done. */
async function realtime(ctx: FileContext, live: LiveFile): Promise<string | undefined> {
  const api = ctx.api.realtime;
  if (!api) return notAvailableHere(live.stableMs);
  const { fileId, folderId } = live;
  let file = ctx.journal.file(fileId);
  if (!new LiveJournal(live.db).find(file.source, folderId)) {
    if (file.remoteName === null) {
      const index = live.policy === 'new' ? FolderIndex.empty() : await FolderIndex.load(ctx.api, folderId, ctx.signal);
      // Whether a file of this name is the same one can be known only once this one is finished.
      if (live.policy === 'skip' && index.has(file.name)) return `a file named ${file.name} is already in Frame.io, and the same-name rule (skip) compares the two once this one has finished`;
      const decision = index.decide(file.name, Number.NaN, live.policy);
      ctx.update(fileId, { remoteName: decision.remoteName, stackOnto: decision.stackOnto ?? file.stackOnto });
    }
    // Asked for before, answer never journaled (a kill): what that left is deleted, so there is never a second asset.
    if (file.createdRemoteAt !== null) await removeHalfMade(ctx, ctx.journal.file(fileId).remoteName!, folderId, file.createdRemoteAt);
    ctx.update(fileId, { state: 'creating', createdRemoteAt: Date.now() });
  }
  file = ctx.journal.file(fileId);
  const outcome = await liveUpload({
    api,
    db: live.db,
    path: file.source,
    folderId,
    name: file.remoteName ?? file.name,
    stableMs: live.stableMs,
    pollMs: live.pollMs,
    clock: ctx.clock,
    signal: ctx.signal,
    bandwidth: ctx.bandwidth,
    partSlot: (signal) => ctx.partSlots.acquire(ctx.priority, signal),
    onBytes: ctx.onBytes,
    onEvent: (event) => {
      journal(ctx, fileId, event);
      live.onEvent(event);
    },
  });
  if (outcome.kind === 'restart') {
    ctx.update(fileId, { remoteId: null, state: 'pending', bytesDone: 0 });
    return `${outcome.reason}. The real-time upload was deleted from Frame.io; uploading the file the ordinary way once it has stopped changing`;
  }
  await finished(ctx, fileId, folderId);
  return undefined;
}

/** The file's row follows the real-time upload: its asset, its size as it grows, the bytes sent. */
function journal(ctx: FileContext, fileId: number, event: LiveEvent): void {
  if (event.type === 'live-started') ctx.update(fileId, { remoteId: event.assetId, state: 'uploading' });
  else if (event.type === 'live-part') ctx.update(fileId, { size: Math.max(event.fileSizeSeen, event.offset + event.size), bytesDone: event.offset + event.size });
  // Written before the real-time run is forgotten, so a kill after it never makes the file again.
  else ctx.update(fileId, { state: 'confirming', size: event.size, bytesDone: event.size });
}

async function finished(ctx: FileContext, fileId: number, folderId: string): Promise<void> {
  const file = ctx.journal.file(fileId);
  if (file.stackOnto) await stack(ctx, file, folderId);
  ctx.update(fileId, { state: 'done' });
}

/**
 * A kill between asking Frame.io for the real-time asset and journaling its id leaves one that no
 * run will fill: the same name, unfinished, made since it was asked for. It is deleted.
 */
async function removeHalfMade(ctx: FileContext, name: string, folderId: string, askedAt: number): Promise<void> {
  for await (const candidate of ctx.api.listFiles(folderId, ctx.signal)) {
    if (candidate.name === name && candidate.status === 'created' && Date.parse(candidate.created_at) >= askedAt - 60_000) await ctx.api.deleteFile(candidate.id, ctx.signal);
  }
}
