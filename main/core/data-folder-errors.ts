// What a failed write in the data folder means for the person: its disk is full, or Slate may not
// write there. The system's own words (ENOSPC, SQLITE_FULL) name neither the folder nor a way out.
import { statfsSync } from 'node:fs';
import { Refusal } from './errors.ts';

const FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);
const DENIED_CODES = new Set(['EACCES', 'EPERM']);
/** SQLITE_FULL and SQLITE_IOERR (primary codes), as node:sqlite reports them */
const SQLITE_FULL = 13;
const SQLITE_IOERR = 10;
/** Below this, an I/O error writing the journal is taken for a full disk (SQLite's shared memory fails that way). */
const NEARLY_FULL_BYTES = 16 * 1024 * 1024;

/** The refusal a failed write in `dataDir` means, or undefined when it is not one a person can act on. */
export function dataFolderFailure(error: unknown, dataDir: string): Refusal | undefined {
  if (error instanceof Refusal) return undefined;
  const { code, errcode } = (error ?? {}) as { code?: unknown; errcode?: unknown };
  const sqlite = typeof errcode === 'number' ? errcode & 0xff : undefined;
  if ((typeof code === 'string' && FULL_CODES.has(code)) || sqlite === SQLITE_FULL || (sqlite === SQLITE_IOERR && nearlyFull(dataDir))) {
    return new Refusal(
      'data-folder:full',
      `The disk that holds Slate's data folder ${dataDir} is full, so Slate cannot write its journal there.`,
      'Free some space on that disk, or give Slate a data folder on another disk with --data-dir or SLATE_DATA_DIR, then try again; uploads pick up where they stopped.',
      { cause: error },
    );
  }
  if (typeof code === 'string' && DENIED_CODES.has(code)) {
    return new Refusal(
      'data-folder:denied',
      `Slate may not write in its data folder ${dataDir}.`,
      'Make the folder writable by your user, or give Slate another data folder with --data-dir or SLATE_DATA_DIR.',
      { cause: error },
    );
  }
  if (code === 'EROFS') {
    return new Refusal('data-folder:read-only', `Slate's data folder ${dataDir} is on a read-only disk.`, 'Give Slate a writable data folder with --data-dir or SLATE_DATA_DIR.', {
      cause: error,
    });
  }
  return undefined;
}

function nearlyFull(dir: string): boolean {
  try {
    const disk = statfsSync(dir);
    return disk.bavail * disk.bsize < NEARLY_FULL_BYTES;
  } catch {
    return false;
  }
}

/** Rethrows a failed data-folder write as what it means, when it means something. */
export function explainDataFolderWrite(error: unknown, dataDir: string): never {
  throw dataFolderFailure(error, dataDir) ?? error;
}
