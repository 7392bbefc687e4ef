// The watch's uploads through the transfer engine: one job per finished file, a version job when
// the watch found the shot to stack onto, a live job for a file growing where the account can
// upload it as it grows, and the engine's journal to find a job again after a restart, so a file
// interrupted mid-upload is finished, not uploaded twice.
import type { TransferEngine } from '../transfers/engine.ts';
import type { FileSnapshot, JobSnapshot } from '../transfers/types.ts';
import type { LiveUploads, UploadOrder, UploadResult, WatchUploader } from './uploader.ts';
import { Refusal } from '../errors.ts';

const STARTED: ReadonlySet<FileSnapshot['state']> = new Set(['creating', 'uploading', 'confirming', 'stacking', 'done']);
const ENDED: ReadonlySet<JobSnapshot['state']> = new Set(['done', 'failed', 'cancelled']);

export class EngineUploader implements WatchUploader {
  private readonly engine: TransferEngine;
  private readonly accountId: string;
  /** one engine listener for every job being waited on (hundreds at once in a big catch-up) */
  private readonly waiting = new Map<string, (file: FileSnapshot) => void>();
  private readonly onFile = (event: { jobId: string; file: FileSnapshot }) => this.waiting.get(event.jobId)?.(event.file);
  private readonly liveUploads: LiveUploads;

  constructor(engine: TransferEngine, accountId: string) {
    this.engine = engine;
    this.accountId = accountId;
    this.liveUploads = {
      submit: async (order, stableSeconds) =>
        (await engine.uploadLive({ accountId, folderId: order.folderId, path: order.source, stableMs: stableSeconds * 1000, conflict: order.policy, stackOnto: order.stackOnto?.fileId })).id,
      follows: (jobId) => engine.job(jobId)?.kind === 'live',
    };
  }

  /** Asked each time: the app's sign-in, and with it the API in use, can change. */
  get live(): LiveUploads | undefined {
    return this.engine.canUploadLive(this.accountId) ? this.liveUploads : undefined;
  }

  async submit(order: UploadOrder): Promise<string> {
    // The watch recognises a file that was only touched or moved by its content's sha256.
    const job = order.stackOnto
      ? await this.engine.uploadVersion({ accountId: this.accountId, fileId: order.stackOnto.fileId, path: order.source, recordSha256: true })
      : await this.engine.upload({ accountId: this.accountId, folderId: order.folderId, paths: [order.source], conflict: order.policy, recordSha256: true });
    return job.id;
  }

  async settle(jobId: string, onStart: () => void, signal?: AbortSignal): Promise<UploadResult> {
    let job = this.engine.job(jobId);
    if (!job) throw new Error('The upload engine has no record of this upload.');
    let started = false;
    const noteStart = (file: FileSnapshot | undefined) => {
      if (!started && file && STARTED.has(file.state)) {
        started = true;
        onStart();
      }
    };
    noteStart(this.engine.files(jobId)[0]);
    if (this.waiting.size === 0) this.engine.on('file', this.onFile);
    this.waiting.set(jobId, noteStart);
    try {
      // Left queued or running by a run that was killed: the engine picks it up where it stopped.
      if (job.state === 'queued' || job.state === 'running') this.engine.resume(jobId);
      for (;;) {
        job = await abortable(this.engine.settled(jobId), signal);
        if (ENDED.has(job.state)) break;
        // Paused (by the user, in the engine): wait until it runs again.
        await this.nextRun(jobId, signal);
      }
    } finally {
      this.waiting.delete(jobId);
      if (this.waiting.size === 0) this.engine.off('file', this.onFile);
    }
    const file = this.engine.files(jobId)[0];
    noteStart(file);
    if (job.state === 'cancelled' || file?.state === 'cancelled') throw new Refusal('watch:upload-cancelled', 'The upload was cancelled.', 'Look through the folder again to upload it.');
    if (!file || file.state === 'failed' || job.state === 'failed') throw new Error(file?.error ?? job.error ?? 'The upload failed.');
    const sha256 = contentHash(file.sha256);
    if (file.state === 'skipped') return { outcome: 'skipped', fileId: file.remoteId, sha256, reason: 'a file of this name is already in Frame.io (same-name rule: skip)', size: file.size };
    // A live job that went the ordinary way says why on its file.
    const reason = job.kind !== 'live' ? 'uploaded' : file.error ? `uploaded once it had finished: ${file.error}` : 'uploaded while it was written';
    return { outcome: 'done', fileId: file.remoteId, sha256, reason, size: file.size };
  }

  async cancel(jobId: string): Promise<void> {
    const job = this.engine.job(jobId);
    if (job && !ENDED.has(job.state)) await this.engine.cancel(jobId);
  }

  private nextRun(jobId: string, signal: AbortSignal | undefined): Promise<void> {
    signal?.throwIfAborted();
    return new Promise((resolve, reject) => {
      const done = () => {
        this.engine.off('job', onJob);
        signal?.removeEventListener('abort', onAbort);
      };
      const onJob = (job: JobSnapshot) => {
        if (job.id !== jobId || job.state === 'paused') return;
        done();
        resolve();
      };
      const onAbort = () => {
        done();
        reject(signal!.reason);
      };
      this.engine.on('job', onJob);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * The engine records `sha256:<hex>` of the whole file (or, from older journals, `sha256-parts:`,
 * which no content hash equals); the watch compares plain hex hashes of file contents.
 */
function contentHash(digest: string | null): string | null {
  return digest?.startsWith('sha256:') ? digest.slice('sha256:'.length) : null;
}
