// One part: its byte range streamed from disk straight into a PUT to its presigned URL, hashed and
// metered on the way, never held in memory whole. Each attempt opens a fresh read stream.
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import got, { RequestError } from 'got';
import type { Bandwidth } from './bandwidth.ts';
import type { TransferFs } from './fs.ts';

export interface PartJob {
  url: string;
  path: string;
  offset: number;
  size: number;
  mediaType: string;
  fs: TransferFs;
  bandwidth: Bandwidth;
  signal: AbortSignal;
  /** bytes handed to the socket; negative to take back an attempt that failed */
  onBytes: (delta: number) => void;
  /** hash the part's bytes (default true); off when a whole-file hash is taken another way */
  hash?: boolean;
}

/** The object store refused the presigned URL itself (expired, or its signature no longer matches). */
export class UrlRejected extends Error {
  readonly status: number;
  constructor(status: number) {
    super(`the upload link was refused (HTTP ${status})`);
    this.status = status;
  }
}

/** The source ended early or could not be read while its bytes were being sent. */
export class SourceReadError extends Error {}

/** A failure worth another attempt: a reset, a timeout, a 5xx. */
export class PartRetryable extends Error {}

const objectStore = got.extend({ retry: { limit: 0 }, throwHttpErrors: false, timeout: { connect: 15_000, send: 120_000, response: 120_000 } });

/** Sends one part; resolves with the sha256 (hex) of the bytes sent, or null when not hashing. */
export async function putPart(job: PartJob): Promise<string | null> {
  const hash = job.hash === false ? undefined : createHash('sha256');
  let sent = 0;
  let readError: Error | undefined;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      job.bandwidth.take(chunk.length, job.signal).then(
        () => {
          hash?.update(chunk);
          sent += chunk.length;
          job.onBytes(chunk.length);
          callback(null, chunk);
        },
        (error: Error) => callback(error),
      );
    },
    flush(callback) {
      callback(sent === job.size ? null : (readError = new SourceReadError(`read ${sent} of ${job.size} bytes: the file changed during upload`)));
    },
  });
  const source = job.fs.read(job.path, job.offset, job.offset + job.size - 1);
  source.once('error', (error) => {
    readError = new SourceReadError(error.message, { cause: error });
    meter.destroy(readError);
  });
  source.pipe(meter);

  try {
    const response = await objectStore.put(job.url, {
      body: meter,
      headers: { 'content-length': String(job.size), 'content-type': job.mediaType, 'x-amz-acl': 'private' },
      signal: job.signal,
    });
    if (response.statusCode >= 200 && response.statusCode < 300) return hash ? hash.digest('hex') : null;
    job.onBytes(-sent);
    if (response.statusCode === 403 || response.statusCode === 400 || response.statusCode === 404) throw new UrlRejected(response.statusCode);
    throw new PartRetryable(`the upload server answered HTTP ${response.statusCode}`);
  } catch (error) {
    source.destroy();
    if (error instanceof UrlRejected || error instanceof PartRetryable) throw error;
    job.onBytes(-sent);
    job.signal.throwIfAborted();
    if (readError) throw readError;
    const code = error instanceof RequestError ? error.code : undefined;
    throw new PartRetryable(code ? `${code}: ${(error as Error).message}` : String(error), { cause: error });
  }
}
