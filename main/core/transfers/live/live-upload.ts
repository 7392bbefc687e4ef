// Uploads a file while it is still being written, through Frame.io V2's real-time upload: the
// asset is made without a size, a part is registered and PUT as soon as a part's worth of new
// bytes exists, and once the file has stopped growing for the stability window the bytes already
// sent are read again and compared, then the rest goes up at once as the final part, with the
// whole size. Every part is journaled, so a killed run resumes with the next part.
//
// A file that shrank, or whose sent bytes changed (an app rewriting its header at the end), cannot
// be finished this way without a corrupt file in Frame.io: the real-time asset is deleted and the
// caller is told to upload the file the ordinary way, with the reason.
//
// The parts share the engine's bandwidth limit and its cap on parts in flight when the engine runs
// this as a job (live-job.ts).
import { basename, extname, resolve } from 'node:path';
import type { Clock } from '../../api/clock.ts';
import { ApiError } from '../../api/errors.ts';
import { filetypeFor } from '../../api/v2/filetype.ts';
import type { V2Api } from '../../api/v2/resources.ts';
import type { Database } from '../../db.ts';
import type { Bandwidth } from '../bandwidth.ts';
import { nodeFs } from '../fs.ts';
import { PartRetryable, putPart, SourceReadError, UrlRejected } from '../part-upload.ts';
import { GrowingFile, hashRange } from './growing-file.ts';
import { LiveJournal, type LivePart, type LiveRecord } from './journal.ts';

/** What a real-time upload asks of Frame.io: a legacy (V2) account's API provides it. */
export type RealtimeApi = Pick<V2Api, 'createRealtimeFile' | 'registerRealtimeParts' | 'asset' | 'deleteAsset'>;

/** S3's smallest part but the last, which Frame.io's real-time upload keeps to. */
export const LIVE_PART_SIZE = 5 * 1024 * 1024;
const PUT_ATTEMPTS = 5;
const COMPLETE_WAIT_MS = 120_000;

export type LiveEvent =
  | { type: 'live-started'; assetId: string; name: string; resumedParts: number }
  | { type: 'live-part'; number: number; offset: number; size: number; final: boolean; fileSizeSeen: number }
  | { type: 'live-complete'; assetId: string; size: number };

export type LiveOutcome = { kind: 'complete'; assetId: string; size: number } | { kind: 'restart'; reason: string };

export interface LiveUploadOptions {
  api: RealtimeApi;
  db: Database;
  path: string;
  folderId: string;
  /** the name in Frame.io; the file's own unless a same-name rule chose another */
  name?: string;
  stableMs: number;
  pollMs?: number;
  partSize?: number;
  clock: Clock;
  signal: AbortSignal;
  /** the limit shared with every other upload */
  bandwidth: Bandwidth;
  /** waits for a turn to send a part among other uploads' parts; answers how to give it back */
  partSlot: (signal: AbortSignal) => Promise<() => void>;
  /** bytes handed to the network as they go (negative: an attempt that failed, taken back) */
  onBytes: (delta: number) => void;
  /** said synchronously: a listener that journals `live-complete` does so before the run is forgotten */
  onEvent?: (event: LiveEvent) => void;
}

/** Why a live upload cannot be finished as one; the caller uploads the file the ordinary way. */
class StartOver extends Error {}

export async function liveUpload(options: LiveUploadOptions): Promise<LiveOutcome> {
  const path = resolve(options.path);
  const name = options.name ?? basename(path);
  if (extname(name) === '') return { kind: 'restart', reason: `Frame.io's real-time upload needs a file name with an extension, and ${name} has none` };
  const journal = new LiveJournal(options.db);
  const upload = new LiveRun({ ...options, path, journal, name });
  return upload.run();
}

interface RunContext extends LiveUploadOptions {
  path: string;
  name: string;
  journal: LiveJournal;
}

class LiveRun {
  private readonly ctx: RunContext;
  private readonly pollMs: number;
  private readonly partSize: number;
  private readonly mediaType: string;
  private record: LiveRecord | undefined;

  constructor(ctx: RunContext) {
    this.ctx = ctx;
    this.pollMs = ctx.pollMs ?? 250;
    this.partSize = Math.max(LIVE_PART_SIZE, ctx.partSize ?? LIVE_PART_SIZE);
    this.mediaType = filetypeFor(ctx.name) ?? 'application/octet-stream';
  }

  async run(): Promise<LiveOutcome> {
    try {
      const record = await this.open();
      // Stopped after its final part went up: Frame.io has every byte, or soon will.
      const last = record.parts.at(-1);
      if (last?.final && last.sha256 !== null) return await this.completed(record, last.offset + last.size);
      const file = new GrowingFile(this.ctx.path, this.ctx.stableMs, this.ctx.clock);
      let sent = await this.resumeSent(record);
      for (;;) {
        const growth = await file.look();
        if (growth.size < sent) throw new StartOver(`${this.ctx.name} shrank to ${growth.size} bytes after ${sent} bytes of it had been sent`);
        // Always keep at least a byte back: the final part, sent once the file has settled, cannot be empty.
        while (growth.size - sent > this.partSize) sent += await this.send(record, sent, this.partSize, false, growth.size);
        if (growth.stable) break;
        await this.ctx.clock.sleep(this.pollMs, this.ctx.signal);
      }
      return await this.completed(record, await this.finish(record, file, sent));
    } catch (error) {
      if (!(error instanceof StartOver)) throw error;
      await this.abandon();
      return { kind: 'restart', reason: error.message };
    }
  }

  private async completed(record: LiveRecord, size: number): Promise<LiveOutcome> {
    await this.complete(record.assetId);
    this.ctx.onEvent?.({ type: 'live-complete', assetId: record.assetId, size });
    this.ctx.journal.forget(record.id);
    return { kind: 'complete', assetId: record.assetId, size };
  }

  private async open(): Promise<LiveRecord> {
    const { journal, api, folderId, path, name } = this.ctx;
    const found = await this.stillThere(journal.find(path, folderId));
    if (found) {
      this.record = found;
      this.ctx.onEvent?.({ type: 'live-started', assetId: found.assetId, name, resumedParts: found.parts.filter((p) => p.sha256).length });
      return found;
    }
    const asset = await api.createRealtimeFile(folderId, name, this.mediaType, this.ctx.signal);
    this.record = journal.start(path, folderId, asset.id);
    this.ctx.onEvent?.({ type: 'live-started', assetId: asset.id, name: asset.name, resumedParts: 0 });
    return this.record;
  }

  /** A journaled run whose asset was deleted meanwhile (its job cancelled, or by someone in Frame.io) is forgotten. */
  private async stillThere(record: LiveRecord | undefined): Promise<LiveRecord | undefined> {
    if (!record) return undefined;
    try {
      await this.ctx.api.asset(record.assetId, this.ctx.signal);
      return record;
    } catch (error) {
      if (!(error instanceof ApiError && error.kind === 'not-found')) throw error;
      this.ctx.journal.forget(record.id);
      return undefined;
    }
  }

  /** After a kill: the parts that arrived, checked against the file; a registered one not sent goes again. */
  private async resumeSent(record: LiveRecord): Promise<number> {
    let sent = 0;
    for (const part of record.parts) {
      // Frame.io does not register a final part twice, and its link was not kept (see FIDELITY.md).
      if (part.final) throw new StartOver(`the run that was uploading ${this.ctx.name} stopped while sending its final part, which Frame.io does not let a client register twice`);
      if (part.sha256 === null) {
        sent += await this.send(record, part.offset, part.size, false, part.offset + part.size);
        continue;
      }
      await this.checkUnchanged(part);
      sent += part.size;
    }
    return sent;
  }

  /** Registers and sends one part; answers its size. */
  private async send(record: LiveRecord, offset: number, size: number, final: boolean, fileSizeSeen: number): Promise<number> {
    const number = record.parts.findIndex((p) => p.offset === offset) + 1 || record.parts.length + 1;
    const part: LivePart = { number, offset, size, final, sha256: null };
    this.ctx.journal.registering(record.id, part);
    record.parts[number - 1] = part;
    const register = async () => (await this.ctx.api.registerRealtimeParts(record.assetId, [{ number, size, is_final: final }], final ? offset + size : undefined, this.ctx.signal))[0]!;
    let url = await register();
    for (let attempt = 1; ; attempt++) {
      try {
        part.sha256 = await this.put(url, offset, size);
        this.ctx.journal.sent(record.id, number, part.sha256);
        this.ctx.onEvent?.({ type: 'live-part', number, offset, size, final, fileSizeSeen });
        return size;
      } catch (error) {
        if (error instanceof SourceReadError) throw new StartOver(`${this.ctx.name} became shorter while part ${number} was being sent`);
        if (attempt >= PUT_ATTEMPTS) throw error;
        if (error instanceof UrlRejected && !final) url = await register();
        else if (!(error instanceof PartRetryable)) throw error;
        await this.ctx.clock.sleep(1_000 * 2 ** (attempt - 1), this.ctx.signal);
      }
    }
  }

  /** One attempt at a part's PUT, in its turn among other uploads' parts; answers the sha256 of what was sent. */
  private async put(url: string, offset: number, size: number): Promise<string> {
    const { signal } = this.ctx;
    const release = await this.ctx.partSlot(signal);
    try {
      return (await putPart({ url, path: this.ctx.path, offset, size, mediaType: this.mediaType, fs: nodeFs, bandwidth: this.ctx.bandwidth, signal, onBytes: this.ctx.onBytes }))!;
    } finally {
      release();
    }
  }

  /** Reads every sent part again: the final part goes only if the bytes in Frame.io are still the file's. */
  private async finish(record: LiveRecord, file: GrowingFile, sent: number): Promise<number> {
    for (const part of record.parts) await this.checkUnchanged(part);
    const size = (await file.look()).size;
    if (size < sent) throw new StartOver(`${this.ctx.name} shrank to ${size} bytes after ${sent} bytes of it had been sent`);
    if (size === 0) throw new StartOver(`${this.ctx.name} is empty, and a real-time upload needs at least one byte`);
    await this.send(record, sent, size - sent, true, size);
    return size;
  }

  private async checkUnchanged(part: LivePart): Promise<void> {
    const now = await hashRange(this.ctx.path, part.offset, part.size);
    if (now !== part.sha256) throw new StartOver(`bytes ${part.offset}–${part.offset + part.size - 1} of ${this.ctx.name} changed after they were sent (part ${part.number}; some apps rewrite a file's header when they finish)`);
  }

  /** Frame.io marks the file complete once its last part has arrived; waits for it to say so. */
  private async complete(assetId: string): Promise<void> {
    const started = this.ctx.clock.now();
    for (;;) {
      const asset = await this.ctx.api.asset(assetId, this.ctx.signal);
      if (asset.upload_completed_at) return;
      if (this.ctx.clock.now() - started > COMPLETE_WAIT_MS) {
        throw new ApiError({ kind: 'unexpected-answer', operation: 'getAsset', detail: `every part of ${this.ctx.name} was sent, but Frame.io has not marked it complete after ${COMPLETE_WAIT_MS / 1000} s` });
      }
      await this.ctx.clock.sleep(this.pollMs, this.ctx.signal);
    }
  }

  /** Deletes the real-time asset, so no partial or mixed file stays in Frame.io, and forgets the run. */
  private async abandon(): Promise<void> {
    if (!this.record) return;
    try {
      await this.ctx.api.deleteAsset(this.record.assetId, this.ctx.signal);
    } catch (error) {
      if (!(error instanceof ApiError && error.kind === 'not-found')) throw error;
    }
    this.ctx.journal.forget(this.record.id);
  }
}
