// One byte range of a media link, fetched into its place in the temporary file under the
// bandwidth limit. The object store answers as S3 does: 206 with a Content-Range for a range, 403
// for a link that expired (or was tampered with), 416 for a range the object no longer has.
import type { FileHandle } from 'node:fs/promises';
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

export async function getRange(job: RangeJob): Promise<void> {
  const end = job.offset + job.size - 1;
  let response: Response;
  try {
    response = await fetch(job.url, { headers: { range: `bytes=${job.offset}-${end}` }, signal: job.signal });
  } catch (error) {
    job.signal.throwIfAborted();
    throw new RangeRetryable(`the download link did not answer (${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message})`, { cause: error });
  }
  const whole = response.status === 200 && job.offset === 0 && job.size === job.total;
  if (response.status === 403) throw await refused(response, LinkRefused);
  if (response.status === 404 || response.status === 416) throw await refused(response, ObjectChanged);
  if (response.status >= 500 || response.status === 429) throw await refused(response, RangeRetryable);
  if (!whole && (response.status !== 206 || response.headers.get('content-range') !== `bytes ${job.offset}-${end}/${job.total}`)) {
    throw await refused(response, ObjectChanged, `answered ${response.status} ${response.headers.get('content-range') ?? ''} for bytes ${job.offset}-${end} of ${job.total}`);
  }

  let position = job.offset;
  try {
    for await (const chunk of response.body! as AsyncIterable<Uint8Array>) {
      await job.bandwidth.take(chunk.length, job.signal);
      await write(job.target, chunk, position);
      position += chunk.length;
      job.onBytes(chunk.length);
    }
  } catch (error) {
    job.signal.throwIfAborted();
    if (error instanceof WriteFailed) throw error;
    throw new RangeRetryable(`the download was cut off after ${position - job.offset} of ${job.size} bytes`, { cause: error });
  }
  if (position !== job.offset + job.size) throw new RangeRetryable(`the download ended after ${position - job.offset} of ${job.size} bytes`);
}

async function write(target: FileHandle, chunk: Uint8Array, position: number): Promise<void> {
  try {
    for (let at = 0; at < chunk.length; ) at += (await target.write(chunk, at, chunk.length - at, position + at)).bytesWritten;
  } catch (error) {
    throw new WriteFailed(error as NodeJS.ErrnoException);
  }
}

async function refused(response: Response, Kind: new (message: string) => Error, message?: string): Promise<Error> {
  const body = await response.text().catch(() => '');
  const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
  return new Kind(message ?? `the download link answered ${response.status}${code ? ` ${code}` : ''}`);
}
