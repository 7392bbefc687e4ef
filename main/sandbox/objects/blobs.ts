// Uploaded bytes on disk: one directory per blob, one file per part. A part is streamed to a
// temporary file and renamed into place only when it arrived whole, so a half-sent part never
// replaces a good one. A blob is read back by concatenating its parts, which makes "assembly"
// free and keeps a re-sent part's replacement exact.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export class PartSizeError extends Error {
  readonly received: number;

  constructor(expected: number, received: number) {
    super(`The part must be exactly ${expected} bytes; received ${received}`);
    this.received = received;
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

  /**
   * Streams one part to disk and returns its size and ETag (the MD5 of its bytes, as S3 does).
   * With `expectedSize`, anything but exactly that many bytes is refused.
   */
  async writePart(blobId: string, partNumber: number, body: Readable, expectedSize?: number): Promise<{ etag: string; size: number }> {
    await mkdir(this.dir(blobId), { recursive: true });
    const final = this.partPath(blobId, partNumber);
    const temporary = `${final}.${randomBytes(6).toString('hex')}.partial`;
    const md5 = createHash('md5');
    let received = 0;
    try {
      await pipeline(
        body,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            received += chunk.length;
            if (expectedSize !== undefined && received > expectedSize) throw new PartSizeError(expectedSize, received);
            md5.update(chunk);
            yield chunk;
          }
          if (expectedSize !== undefined && received !== expectedSize) throw new PartSizeError(expectedSize, received);
        },
        createWriteStream(temporary, { highWaterMark: 1024 * 1024 }),
      );
      await rename(temporary, final);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return { etag: `"${md5.digest('hex')}"`, size: received };
  }

  /** The blob's bytes: its parts one after another. */
  read(blobId: string, partCount: number): Readable {
    const out = new PassThrough({ highWaterMark: 1024 * 1024 });
    const paths = Array.from({ length: partCount }, (_, i) => this.partPath(blobId, i + 1));
    void (async () => {
      for (const path of paths) await pipeline(createReadStream(path, { highWaterMark: 1024 * 1024 }), out, { end: false });
      out.end();
    })().catch((error: unknown) => out.destroy(error as Error));
    return out;
  }

  async remove(blobId: string): Promise<void> {
    await rm(this.dir(blobId), { recursive: true, force: true });
  }
}
