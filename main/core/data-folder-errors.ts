// What a failed write in the data folder means for the person: its disk is full, or Slate may not
// write there. The system's own words (ENOSPC, SQLITE_FULL) name neither the folder nor a way out.
import { Refusal } from './errors.ts';

const FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);
const DENIED_CODES = new Set(['EACCES', 'EPERM']);
/** SQLITE_FULL, as node:sqlite reports it */
const SQLITE_FULL = 13;

/** The refusal a failed write in `dataDir` means, or undefined when it is not one a person can act on. */
export function dataFolderFailure(error: unknown, dataDir: string): Refusal | undefined {
  if (error instanceof Refusal) return undefined;
  const { code, errcode } = (error ?? {}) as { code?: unknown; errcode?: unknown };
  if ((typeof code === 'string' && FULL_CODES.has(code)) || errcode === SQLITE_FULL) {
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

/** Rethrows a failed data-folder write as what it means, when it means something. */
export function explainDataFolderWrite(error: unknown, dataDir: string): never {
  throw dataFolderFailure(error, dataDir) ?? error;
}
