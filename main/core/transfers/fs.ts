// The file system as the engine sees it: injected, so tests can make files vanish, shrink or fail
// to read at exactly the wrong moment.
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';

export interface SourceStat {
  size: number;
  mtimeMs: number;
  isFile: boolean;
  isDirectory: boolean;
}

export interface TransferFs {
  stat(path: string): Promise<SourceStat>;
  /** names directly inside a folder */
  list(path: string): Promise<string[]>;
  /** bytes `start` to `end` inclusive, streamed */
  read(path: string, start: number, end: number): Readable;
}

export const nodeFs: TransferFs = {
  async stat(path) {
    const s = await stat(path);
    return { size: s.size, mtimeMs: s.mtimeMs, isFile: s.isFile(), isDirectory: s.isDirectory() };
  },
  list: (path) => readdir(path),
  read: (path, start, end) => createReadStream(path, { start, end, highWaterMark: 64 * 1024 }),
};
