// The file system as the engine sees it: injected, so tests can make files vanish, shrink or fail
// to read at exactly the wrong moment.
import { lstat, readdir, open, realpath, stat, type FileHandle } from 'node:fs/promises';

export interface SourceStat {
  size: number;
  mtimeMs: number;
  isFile: boolean;
  isDirectory: boolean;
}

/**
 * One byte range of a file, read in order into buffers the caller owns. The caller reuses its
 * buffers from read to read: a stream would hand out a fresh buffer for every chunk, and faulting
 * in that new memory costs more CPU than the read itself.
 */
export interface RangeReader {
  /** Fills `buffer` from its start with the range's next bytes; resolves with how many, 0 at the end. */
  read(buffer: Buffer): Promise<number>;
  /** Releases the file; safe to call at any time, and more than once. */
  close(): Promise<void>;
}

export interface TransferFs {
  stat(path: string): Promise<SourceStat>;
  /** whether the path itself is a symbolic link (not followed) */
  isLink(path: string): Promise<boolean>;
  /** the path with every link resolved */
  realPath(path: string): Promise<string>;
  /** names directly inside a folder */
  list(path: string): Promise<string[]>;
  /** bytes `start` to `end` inclusive; the file is opened by the first read */
  read(path: string, start: number, end: number): RangeReader;
}

export const nodeFs: TransferFs = {
  async stat(path) {
    const s = await stat(path);
    return { size: s.size, mtimeMs: s.mtimeMs, isFile: s.isFile(), isDirectory: s.isDirectory() };
  },
  isLink: async (path) => (await lstat(path)).isSymbolicLink(),
  realPath: (path) => realpath(path),
  list: (path) => readdir(path),
  read: (path, start, end) => rangeReader(path, start, end),
};

function rangeReader(path: string, start: number, end: number): RangeReader {
  let file: Promise<FileHandle> | undefined;
  let position = start;
  return {
    async read(buffer) {
      const length = Math.min(buffer.length, end + 1 - position);
      if (length <= 0) return 0;
      const { bytesRead } = await (await (file ??= open(path, 'r'))).read(buffer, 0, length, position);
      position += bytesRead;
      return bytesRead;
    },
    async close() {
      // Marks the range as read, so a read racing the close finds nothing left rather than a closed file.
      position = end + 1;
      const opened = await file?.catch(() => undefined);
      await opened?.close().catch(() => undefined);
    },
  };
}
