// One part: its byte range streamed from disk straight into a PUT to its presigned URL, hashed and
// metered on the way, never held in memory whole. Each attempt reads its range afresh.
//
// This is the hot path of every upload, so it talks to node:http itself rather than through got:
// got's stream layers, per-chunk progress events and timers cost more CPU than the bytes' own
// trip from disk to socket, and where the receiving end shares the machine that CPU is
// throughput. Each read goes to the socket from the buffer it was read into: no copy, no stream.
import { createHash } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Bandwidth } from './bandwidth.ts';
import type { RangeReader, TransferFs } from './fs.ts';
import { giveBack, takeBuffer } from './read-buffers.ts';

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

const CONNECT_TIMEOUT_MS = 15_000;
/** How long to wait for the go-ahead to send a body before sending it anyway (RFC 9110 §10.1.1). */
const CONTINUE_WAIT_MS = 1_000;
/** No byte sent and no answer for this long: the connection is stalled. */
const IDLE_TIMEOUT_MS = 120_000;

// Kept alive, so every part after the first few reuses a connection rather than opening one.
const agents = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };

/** A network failure, with the system's code (ECONNRESET, ETIMEDOUT…) when it has one. */
class NetworkError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code?: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** Sends one part; resolves with the sha256 (hex) of the bytes sent, or null when not hashing. */
export async function putPart(job: PartJob): Promise<string | null> {
  const hash = job.hash === false ? undefined : createHash('sha256');
  let sent = 0;
  const source = job.fs.read(job.path, job.offset, job.offset + job.size - 1);
  try {
    const status = await exchange(job, source, (chunk) => {
      hash?.update(chunk);
      sent += chunk.length;
      job.onBytes(chunk.length);
    });
    if (status >= 200 && status < 300) return hash ? hash.digest('hex') : null;
    job.onBytes(-sent);
    if (status === 403 || status === 400 || status === 404) throw new UrlRejected(status);
    throw new PartRetryable(`the upload server answered HTTP ${status}`);
  } catch (error) {
    if (error instanceof UrlRejected || error instanceof PartRetryable) throw error;
    job.onBytes(-sent);
    job.signal.throwIfAborted();
    if (error instanceof SourceReadError) throw error;
    const code = error instanceof NetworkError ? error.code : (error as NodeJS.ErrnoException).code;
    throw new PartRetryable(code ? `${code}: ${(error as Error).message}` : String(error), { cause: error });
  } finally {
    await source.close();
  }
}

/** The PUT itself: resolves with the answer's status once its body has been read. */
function exchange(job: PartJob, source: RangeReader, onChunk: (chunk: Buffer) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(job.url);
    const protocol = url.protocol === 'https:' ? 'https:' : 'http:';
    const request = protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request(url, {
      method: 'PUT',
      agent: agents[protocol],
      signal: job.signal,
      // The object store refuses a bad link (expired, forged) before the body: asked to wait for
      // its go-ahead, Slate hears the refusal instead of a reset half way through sending.
      headers: { 'content-length': String(job.size), 'content-type': job.mediaType, 'x-amz-acl': 'private', expect: '100-continue' },
    });
    let answered = false;
    req.setTimeout(IDLE_TIMEOUT_MS, () => req.destroy(new NetworkError(`no progress for ${IDLE_TIMEOUT_MS / 1000} s`, 'ETIMEDOUT')));
    req.once('socket', (socket) => {
      if (!socket.connecting) return;
      const timer = setTimeout(() => req.destroy(new NetworkError(`could not connect within ${CONNECT_TIMEOUT_MS / 1000} s`, 'ETIMEDOUT')), CONNECT_TIMEOUT_MS);
      socket.once('connect', () => clearTimeout(timer));
      socket.once('close', () => clearTimeout(timer));
    });
    req.once('error', (error: Error) => {
      if (!answered) reject(error);
    });
    req.once('response', (response: IncomingMessage) => {
      // An early answer (a refused link) ends the sending; the body, an S3 error, is not needed.
      answered = true;
      clearTimeout(unasked);
      response.resume();
      response.once('end', () => {
        // Answered before the body was all sent: the connection is half way through a request.
        if (!req.writableFinished) req.destroy();
        resolve(response.statusCode ?? 0);
      });
      response.once('error', reject);
    });
    let sending = false;
    const go = () => {
      clearTimeout(unasked);
      if (sending || answered || req.destroyed) return;
      sending = true;
      send(job, source, req, onChunk, () => answered || req.destroyed).then(
        () => {
          if (!req.destroyed) req.end();
        },
        (error: unknown) => {
          if (answered) return;
          reject(error);
          req.destroy();
        },
      );
    };
    // A server (or a proxy on the way) that ignores the expectation gets the body after a wait.
    const unasked = setTimeout(go, CONTINUE_WAIT_MS);
    req.once('continue', go);
    req.once('close', () => clearTimeout(unasked));
    req.flushHeaders();
  });
}

/**
 * Streams the part's bytes into the request under the bandwidth limit: while one buffer is on its
 * way to the socket the next is read into the other, so the disk and the network overlap.
 */
async function send(job: PartJob, source: RangeReader, req: ClientRequest, onChunk: (chunk: Buffer) => void, stopped: () => boolean): Promise<void> {
  let [current, next] = [takeBuffer(), takeBuffer()];
  let read = 0;
  let length = await readSource(source, current);
  while (length > 0 && !stopped()) {
    const chunk = current.subarray(0, length);
    read += length;
    const reading = readSource(source, next);
    // Under a bandwidth limit a read goes out in slices, so the pace stays smooth.
    const step = job.bandwidth.sliceOf(length);
    for (let at = 0; at < length && !stopped(); at += step) {
      const piece = step < length ? chunk.subarray(at, at + step) : chunk;
      await job.bandwidth.take(piece.length, job.signal).catch((error: unknown) => {
        // The read started above must finish before its buffer could be dropped or reused.
        void reading.catch(() => undefined);
        throw error;
      });
      onChunk(piece);
      await written(req, piece);
    }
    length = await reading;
    [current, next] = [next, current];
  }
  if (stopped()) return;
  if (read !== job.size) throw new SourceReadError(`read ${read} of ${job.size} bytes: the file changed during upload`);
  // Every write has completed and no read is pending: the buffers are free again.
  giveBack(current);
  giveBack(next);
}

async function readSource(source: RangeReader, buffer: Buffer): Promise<number> {
  try {
    return await source.read(buffer);
  } catch (error) {
    throw new SourceReadError((error as Error).message, { cause: error });
  }
}

/** Resolves once the socket has taken `chunk`, or the request is gone (its own error then says why). */
function written(req: ClientRequest, chunk: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      req.off('close', done);
      resolve();
    };
    req.on('close', done);
    req.write(chunk, done);
  });
}
