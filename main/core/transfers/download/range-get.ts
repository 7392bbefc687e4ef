// One byte range of a media link, fetched into its place in the temporary file under the
// bandwidth limit. The object store answers as S3 does: 206 with a Content-Range for a range, 403
// for a link that expired (or was tampered with), 416 for a range the object no longer has.
//
// This is the hot path of every download, and where the sending end shares the machine, its CPU
// is throughput. Its bytes come over Slate's own HTTP/1.1 client (http1-range.ts), which reads the
// socket straight into a pooled buffer, half a MiB at a time; those bytes go to the disk as they
// are while the socket waits. Over node:http the same path cost twice the CPU.
//
// The disk gets them in writes of 32 KiB, as curl's are small (16 KiB), all of a buffer's at once.
// On Linux 6.x ext4 fills the page cache in folios as large as each write, and large ones come
// from memory the kernel has not touched lately: on a virtual machine each first touch is a trip
// to the hypervisor, and writes of 512 KiB cost 2-3 times the system CPU of 32 KiB ones there
// (measured on the development VM; 32 KiB is the largest folio the kernel keeps lists of
// just-freed pages for). Sent together, the small writes cost one wake-up of this thread rather
// than one each: one after the other they took more CPU and a quarter more time.
import type { FileHandle } from 'node:fs/promises';
import type { Bandwidth } from '../bandwidth.ts';
import { Http1RangeClient, type Answer } from './http1-range.ts';

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

/** Bytes per write to the disk: see above. */
const WRITE_SIZE = 32 * 1024;
const CONNECT_TIMEOUT_MS = 15_000;
/** No byte received for this long: the connection is stalled. */
const IDLE_TIMEOUT_MS = 120_000;
/** Enough of an error body to read S3's <Code>; the rest is not read. */
const ERROR_BODY_LIMIT = 64 * 1024;

// A kept connection's wait for the next range: the next range of a file follows at once, and an
// object store closes idle connections after a few seconds anyway.
const client = new Http1RangeClient({ connectTimeoutMs: CONNECT_TIMEOUT_MS, idleTimeoutMs: IDLE_TIMEOUT_MS, keepMs: 5_000 });

export async function getRange(job: RangeJob): Promise<void> {
  const end = job.offset + job.size - 1;
  let answer: Answer;
  try {
    answer = await client.get(job.url, `bytes=${job.offset}-${end}`, job.signal);
  } catch (error) {
    job.signal.throwIfAborted();
    throw new RangeRetryable(`the download link did not answer (${(error as Error).message})`, { cause: error });
  }
  try {
    await check(job, answer);
    await receive(job, answer);
  } finally {
    answer.release();
  }
}

/** Refuses an answer that is not this range of the object as planned, reading S3's <Code> if it says one. */
async function check(job: RangeJob, answer: Answer): Promise<void> {
  const { status, headers, length } = answer.head;
  const end = job.offset + job.size - 1;
  const whole = status === 200 && job.offset === 0 && job.size === job.total;
  if (status === 403) throw await refused(answer, LinkRefused);
  if (status === 404 || status === 416) throw await refused(answer, ObjectChanged);
  if (status >= 500 || status === 429) throw await refused(answer, RangeRetryable);
  const contentRange = headers.get('content-range');
  if (!whole && (status !== 206 || contentRange !== `bytes ${job.offset}-${end}/${job.total}`)) {
    throw await refused(answer, ObjectChanged, `answered ${status} ${contentRange ?? ''} for bytes ${job.offset}-${end} of ${job.total}`);
  }
  // The body's length is where the range ends on the wire; without one, where it ended could not be told.
  if (length === undefined) throw await refused(answer, ObjectChanged, `answered ${status} without a Content-Length for bytes ${job.offset}-${end}`);
  if (length > job.size) throw await refused(answer, ObjectChanged, `answered more than the ${job.size} bytes of bytes ${job.offset}-${end} (${length})`);
  if (length < job.size) throw await refused(answer, ObjectChanged, `answered ${length} bytes for the ${job.size} of bytes ${job.offset}-${end}`);
}

/**
 * Writes the body at the range's place as it comes, a half buffer at a time: the socket is paused
 * while bytes are on their way to the disk, so nothing piles up in memory, and the file is never
 * written after this returns.
 */
async function receive(job: RangeJob, answer: Answer): Promise<void> {
  const limit = job.offset + job.size;
  let position = job.offset;
  while (position < limit) {
    let bytes: Buffer;
    try {
      // Under a bandwidth limit an eighth of a second's worth at a time, so the pace stays smooth.
      bytes = await answer.read(job.bandwidth.sliceOf(limit - position));
    } catch (error) {
      job.signal.throwIfAborted();
      throw new RangeRetryable(`the download was cut off after ${position - job.offset} of ${job.size} bytes`, { cause: error });
    }
    if (bytes.length === 0) throw new RangeRetryable(`the download ended after ${position - job.offset} of ${job.size} bytes`);
    await job.bandwidth.take(bytes.length, job.signal);
    await writeAll(job.target, bytes, position);
    position += bytes.length;
    job.onBytes(bytes.length);
  }
}

/**
 * Writes every byte of `bytes` at `position`, in pieces written side by side. Every piece is done,
 * or has failed, before this settles: the buffer goes back to be filled again after it.
 */
async function writeAll(target: FileHandle, bytes: Buffer, position: number): Promise<void> {
  const pieces = [];
  for (let at = 0; at < bytes.length; at += WRITE_SIZE) pieces.push(writePiece(target, bytes.subarray(at, at + WRITE_SIZE), position + at));
  const failed = (await Promise.allSettled(pieces)).find((outcome) => outcome.status === 'rejected');
  if (failed) throw new WriteFailed(failed.reason as NodeJS.ErrnoException);
}

/** One piece, continuing after a short write. */
async function writePiece(target: FileHandle, piece: Buffer, position: number): Promise<void> {
  for (let done = 0; done < piece.length; ) done += (await target.write(piece, done, piece.length - done, position + done)).bytesWritten;
}

async function refused(answer: Answer, Kind: new (message: string) => Error, message?: string): Promise<Error> {
  const body = await answer.text(ERROR_BODY_LIMIT);
  const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
  return new Kind(message ?? `the download link answered ${answer.head.status}${code ? ` ${code}` : ''}`);
}
