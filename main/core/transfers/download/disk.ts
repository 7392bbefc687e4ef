// The local disk as a download meets it: room checked before a file starts, and a full disk
// turned into a stop of the whole job with words, never a corrupt file.
import { statfs } from 'node:fs/promises';
import { JobStop } from '../errors.ts';

/** The disk cannot take what is coming down; the job pauses, keeping every finished range. */
export class DiskFull extends JobStop {
  override readonly code: string = 'transfer:disk-full';
}

export function diskFull(folder: string, needed: number, free: number | null): DiskFull {
  const sizes = free === null ? '' : ` (${formatBytes(needed)} needed, ${formatBytes(free)} free)`;
  return new DiskFull(
    `The disk holding "${folder}" is full${sizes}; the download is paused with what came down so far kept.`,
    'Free some space (or choose another folder), then resume the download or run the same command again.',
  );
}

/** Bytes free for this user on the disk holding `folder`. */
export async function freeBytes(folder: string): Promise<number> {
  const info = await statfs(folder);
  return info.bavail * info.bsize;
}

function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
