// Uploaded bytes on disk: one directory per blob, one file per part. A part is streamed to a
// temporary file and renamed into place only when it arrived whole, so a half-sent part never
// replaces a good one. A blob is read back by concatenating its parts, which makes "assembly"
// free and keeps a re-sent part's replacement exact. A part is renamed into place only after its
// file is complete and closed, and the caller records it only after that, so an acknowledged part
// survives a kill -9 (its bytes are in the kernel when the rename happens).
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export class PartSizeError extends Error {
  readonly received: number;

  constructor(expected: number, received: number) {
    super(`The part must be exactly ${expected} bytes; received ${received}`);
    this.received = received;
  }
}

/**
 * One part's bytes on their way to its file: each chunk is hashed as it arrives (no per-chunk
 * promise or async iteration), and whatever arrived while the previous write was in the kernel
 * goes down in one vectored write. (Deeper buffers measured slower: hashing and writing then
 * alternate in coarse steps.)
 */
class PartSink extends Writable {
  readonly md5 = createHash('md5');
  received = 0;
  private readonly file: FileHandle;
  private readonly expectedSize: number | undefined;

  constructor(file: FileHandle, expectedSize: number | undefined) {
    super({ highWaterMark: 1024 * 1024 });
    this.file = file;
    this.expectedSize = expectedSize;
  }

  override _writev(chunks: Array<{ chunk: Buffer }>, callback: (error?: Error | null) => void): void {
    const buffers: Buffer[] = [];
    let length = 0;
    for (const { chunk } of chunks) {
      this.received += chunk.length;
      if (this.expectedSize !== undefined && this.received > this.expectedSize) return callback(new PartSizeError(this.expectedSize, this.received));
      this.md5.update(chunk);
      buffers.push(chunk);
      length += chunk.length;
    }
    void writeAll(this.file, buffers, length).then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (this.expectedSize !== undefined && this.received !== this.expectedSize) return callback(new PartSizeError(this.expectedSize, this.received));
    callback();
  }
}

/** Writes every byte of `buffers`, continuing after a short write. */
async function writeAll(file: FileHandle, buffers: Buffer[], length: number): Promise<void> {
  let { bytesWritten } = await file.writev(buffers);
  while (bytesWritten < length) {
    const rest = Buffer.concat(buffers).subarray(bytesWritten);
    bytesWritten += (await file.write(rest)).bytesWritten;
  }
}

export class BlobStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  private dir(blobId: string): string {
    return join(this.root, blobId);
  }

  private partPath(blobId: string, partNumber: number): string {
    return join(this.dir(blobId), String(partNumber));
  }

  /** Where a blob's parts lie on disk, in order, for tools that read files (ffmpeg). */
  partPaths(blobId: string, partCount: number): string[] {
    return Array.from({ length: partCount }, (_, index) => this.partPath(blobId, index + 1));
  }

  /**
   * Streams one part to disk and returns its size and ETag (the MD5 of its bytes, as S3 does).
   * With `expectedSize`, anything but exactly that many bytes is refused.
   */
  async writePart(blobId: string, partNumber: number, body: Readable, expectedSize?: number): Promise<{ etag: string; size: number }> {
    await mkdir(this.dir(blobId), { recursive: true });
    const final = this.partPath(blobId, partNumber);
    const temporary = `${final}.${randomBytes(6).toString('hex')}.partial`;
    const file = await open(temporary, 'w');
    const sink = new PartSink(file, expectedSize);
    try {
      try {
        await pipeline(body, sink);
      } finally {
        await file.close();
      }
      await rename(temporary, final);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return { etag: `"${sink.md5.digest('hex')}"`, size: sink.received };
  }

  /** The blob's bytes: its parts one after another. */
  /** The object's bytes, parts in order; `range` (inclusive, as HTTP counts) narrows them. */
  read(blobId: string, partSizes: readonly number[], range?: { start: number; end: number }): Readable {
    const out = new PassThrough({ highWaterMark: 1024 * 1024 });
    const total = partSizes.reduce((sum, size) => sum + size, 0);
    const { start, end } = range ?? { start: 0, end: total - 1 };
    const slices: Array<{ path: string; start: number; end: number }> = [];
    let offset = 0;
    partSizes.forEach((size, i) => {
      const from = Math.max(start, offset);
      const to = Math.min(end, offset + size - 1);
      if (from <= to) slices.push({ path: this.partPath(blobId, i + 1), start: from - offset, end: to - offset });
      offset += size;
    });
    // Written by hand rather than one pipeline per part: those would each leave listeners on `out`.
    const room = () =>
      new Promise<void>((resolve) => {
        const done = () => {
          out.off('drain', done);
          out.off('close', done);
          resolve();
        };
        out.on('drain', done);
        out.on('close', done);
      });
    void (async () => {
      for (const slice of slices) {
        for await (const chunk of createReadStream(slice.path, { start: slice.start, end: slice.end, highWaterMark: 1024 * 1024 })) {
          if (out.destroyed) return;
          if (!out.write(chunk)) await room();
        }
      }
      out.end();
    })().catch((error: unknown) => out.destroy(error as Error));
    return out;
  }

  async remove(blobId: string): Promise<void> {
    await rm(this.dir(blobId), { recursive: true, force: true });
  }
}
