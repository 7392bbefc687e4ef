// One byte range of a media link, fetched into its place in the temporary file under the
// bandwidth limit. The object store answers as S3 does: 206 with a Content-Range for a range, 403
// for a link that expired (or was tampered with), 416 for a range the object no longer has.
//
// This is the hot path of every download, and where the sending end shares the machine, its CPU
// is throughput. Its bytes come over Slate's own HTTP/1.1 client (http1-range.ts), which reads the
// socket straight into shared memory, half a MiB at a time; those bytes go to the disk as they
// are, by a thread of their own (range-writer.ts), while the socket waits. Over node:http, with
// one write per MiB through the FileHandle, the same path cost about twice the CPU.
import type { FileHandle } from 'node:fs/promises';
import type { Bandwidth } from '../bandwidth.ts';
import { Http1RangeClient, type Answer } from './http1-range.ts';
import { giveBackShared, openRangeWriter, takeSharedBuffer } from './range-writer.ts';

export { WriteFailed } from './range-writer.ts';

/** The link was refused (expired): a fresh one from the API fetches the range. */
export class LinkRefused extends Error {}
/** The object is not what was planned (gone, or another size): the file cannot come down as listed. */
export class ObjectChanged extends Error {}
/** A failure of the fetch worth a quick retry (a reset, a 5xx). */
export class RangeRetryable extends Error {}

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

const CONNECT_TIMEOUT_MS = 15_000;
/** No byte received for this long: the connection is stalled. */
const IDLE_TIMEOUT_MS = 120_000;
/** Enough of an error body to read S3's <Code>; the rest is not read. */
const ERROR_BODY_LIMIT = 64 * 1024;

// A kept connection's wait for the next range: the next range of a file follows at once, and an
// object store closes idle connections after a few seconds anyway.
const client = new Http1RangeClient({
  connectTimeoutMs: CONNECT_TIMEOUT_MS,
  idleTimeoutMs: IDLE_TIMEOUT_MS,
  keepMs: 5_000,
  buffers: { take: takeSharedBuffer, giveBack: giveBackShared },
});

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
  const writer = openRangeWriter(job.target);
  try {
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
      await writer.write(bytes, position);
      position += bytes.length;
      job.onBytes(bytes.length);
    }
  } finally {
    await writer.close();
  }
}

async function refused(answer: Answer, Kind: new (message: string) => Error, message?: string): Promise<Error> {
  const body = await answer.text(ERROR_BODY_LIMIT);
  const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
  return new Kind(message ?? `the download link answered ${answer.head.status}${code ? ` ${code}` : ''}`);
}
