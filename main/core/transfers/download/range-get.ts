// One byte range of a media link, fetched into its place in the temporary file under the
// bandwidth limit. The object store answers as S3 does: 206 with a Content-Range for a range, 403
// for a link that expired (or was tampered with), 416 for a range the object no longer has.
//
// This is the hot path of every download, so it talks to node:http itself, as part uploads do:
// fetch's web streams, a promise per chunk and a write per chunk cost more CPU than the bytes'
// trip from socket to disk (measured: 2.9 against 1.7 CPU seconds a GiB), and where the sending
// end shares the machine that CPU is throughput. What the socket delivers is gathered and goes to
// the disk in one vectored write, the socket paused meanwhile so nothing piles up in memory.
import type { FileHandle } from 'node:fs/promises';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Bandwidth } from '../bandwidth.ts';

/** The link was refused (expired): a fresh one from the API fetches the range. */
export class LinkRefused extends Error {}
/** The object is not what was planned (gone, or another size): the file cannot come down as listed. */
export class ObjectChanged extends Error {}
/** A failure of the fetch worth a quick retry (a reset, a 5xx). */
export class RangeRetryable extends Error {}
/** Writing to the disk failed; `code` is the system's (ENOSPC for a full disk). */
export class WriteFailed extends Error {
  readonly code: string | undefined;
  constructor(cause: NodeJS.ErrnoException) {
    super(cause.message, { cause });
    this.code = cause.code;
  }
}

export interface RangeJob {
  url: string;
  offset: number;
  size: number;
  /** the whole object's size, which Content-Range must name */
  total: number;
  target: FileHandle;
  bandwidth: Bandwidth;
  signal: AbortSignal;
  onBytes: (delta: number) => void;
}

/** Bytes gathered from the socket before they go to the disk in one write (fewer, larger writes). */
const WRITE_BATCH = 1024 * 1024;
const CONNECT_TIMEOUT_MS = 15_000;
/** No byte received for this long: the connection is stalled. */
const IDLE_TIMEOUT_MS = 120_000;
/** Enough of an error body to read S3's <Code>; the rest is not read. */
const ERROR_BODY_LIMIT = 64 * 1024;

// Kept alive, so every range after the first few reuses a connection rather than opening one.
const agents = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };

export async function getRange(job: RangeJob): Promise<void> {
  const end = job.offset + job.size - 1;
  let response: IncomingMessage;
  try {
    response = await send(job, `bytes=${job.offset}-${end}`);
  } catch (error) {
    job.signal.throwIfAborted();
    throw new RangeRetryable(`the download link did not answer (${(error as Error).message})`, { cause: error });
  }
  const status = response.statusCode ?? 0;
  const whole = status === 200 && job.offset === 0 && job.size === job.total;
  if (status === 403) throw await refused(response, LinkRefused);
  if (status === 404 || status === 416) throw await refused(response, ObjectChanged);
  if (status >= 500 || status === 429) throw await refused(response, RangeRetryable);
  if (!whole && (status !== 206 || response.headers['content-range'] !== `bytes ${job.offset}-${end}/${job.total}`)) {
    throw await refused(response, ObjectChanged, `answered ${status} ${response.headers['content-range'] ?? ''} for bytes ${job.offset}-${end} of ${job.total}`);
  }
  await receive(job, response);
}

/** The GET itself: resolves with the answer once its headers are in. */
function send(job: RangeJob, range: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const url = new URL(job.url);
    const protocol = url.protocol === 'https:' ? 'https:' : 'http:';
    const req = (protocol === 'https:' ? httpsRequest : httpRequest)(url, { agent: agents[protocol], signal: job.signal, headers: { range } });
    req.setTimeout(IDLE_TIMEOUT_MS, () => req.destroy(new Error(`no byte for ${IDLE_TIMEOUT_MS / 1000} s`)));
    req.once('socket', (socket) => {
      if (!socket.connecting) return;
      const timer = setTimeout(() => req.destroy(new Error(`could not connect within ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS);
      socket.once('connect', () => clearTimeout(timer));
      socket.once('close', () => clearTimeout(timer));
    });
    req.once('error', reject);
    req.once('response', resolve);
    req.end();
  });
}

/**
 * Streams the answer's body into the file at the range's place: chunks gather until a batch and go
 * down in one write while the socket waits.
 */
function receive(job: RangeJob, response: IncomingMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    const limit = job.offset + job.size;
    // Under a bandwidth limit an eighth of a second's worth, so the pace stays smooth.
    const batch = job.bandwidth.sliceOf(WRITE_BATCH);
    let position = job.offset;
    let gathered: Buffer[] = [];
    let length = 0;
    let writing: Promise<void> = Promise.resolve();
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      response.destroy();
      if (job.signal.aborted) reject(job.signal.reason);
      else if (error instanceof WriteFailed || error instanceof ObjectChanged || error instanceof RangeRetryable) reject(error);
      else reject(new RangeRetryable(`the download was cut off after ${position - job.offset} of ${job.size} bytes`, { cause: error }));
    };
    const flush = (): Promise<void> => {
      const buffers = gathered;
      const bytes = length;
      const at = position;
      gathered = [];
      length = 0;
      position += bytes;
      writing = writing.then(async () => {
        await job.bandwidth.take(bytes, job.signal);
        await writeAll(job.target, buffers, bytes, at);
        job.onBytes(bytes);
      });
      return writing;
    };
    response.on('data', (chunk: Buffer) => {
      if (failed) return;
      if (position + length + chunk.length > limit) return fail(new ObjectChanged(`answered more than the ${job.size} bytes of bytes ${job.offset}-${limit - 1}`));
      gathered.push(chunk);
      length += chunk.length;
      if (length < batch) return;
      response.pause();
      flush().then(() => {
        if (!failed) response.resume();
      }, fail);
    });
    response.once('end', () => {
      if (failed) return;
      flush().then(() => {
        if (position !== limit) fail(new RangeRetryable(`the download ended after ${position - job.offset} of ${job.size} bytes`));
        else resolve();
      }, fail);
    });
    // A reset or an abort mid-body; 'end' never comes. A write under way finishes before the
    // failure is told, so the file handle is never written after the caller moved on.
    response.once('error', (error) => void writing.then(() => fail(error), fail));
    response.once('aborted', () => void writing.then(() => fail(new Error('the connection closed')), fail));
  });
}

/** Writes every byte of `buffers` at `position`, continuing after a short write. */
async function writeAll(target: FileHandle, buffers: Buffer[], length: number, position: number): Promise<void> {
  try {
    let done = (await target.writev(buffers, position)).bytesWritten;
    if (done === length) return;
    const rest = Buffer.concat(buffers, length);
    while (done < length) done += (await target.write(rest, done, length - done, position + done)).bytesWritten;
  } catch (error) {
    throw new WriteFailed(error as NodeJS.ErrnoException);
  }
}

async function refused(response: IncomingMessage, Kind: new (message: string) => Error, message?: string): Promise<Error> {
  const body = await bodyText(response).catch(() => '');
  const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
  return new Kind(message ?? `the download link answered ${response.statusCode}${code ? ` ${code}` : ''}`);
}

/** The start of an error answer's body; a longer one is cut off with its connection. */
function bodyText(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= ERROR_BODY_LIMIT) {
        response.destroy();
        resolve(Buffer.concat(chunks).toString('utf8'));
      }
    });
    response.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.once('error', reject);
  });
}
