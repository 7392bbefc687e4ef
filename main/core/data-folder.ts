// The data folder holds sign-ins, the journal (24-hour upload URLs, local paths) and staged media:
// it is the person's alone, whoever made it and with whatever umask. Checked at every start: a
// folder of someone else's is refused, loose modes are tightened and said.
import { chmodSync, lstatSync, mkdirSync, readdirSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { explainDataFolderWrite } from './data-folder-errors.ts';
import { Refusal } from './errors.ts';

export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Where dropped files wait; its whole tree is the person's media. */
export const STAGING_FOLDER = 'staging';

/**
 * Creates `dataDir` private, or makes an existing one private again, with everything in it.
 * Returns what had to be tightened, for a warning; throws when the folder belongs to another user.
 */
export function makeDataFolderPrivate(dataDir: string): string[] {
  if (process.platform === 'win32') return []; // the profile folder's ACLs protect it there
  try {
    mkdirSync(dataDir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  } catch (error) {
    explainDataFolderWrite(error, dataDir);
  }
  const info = lstatSync(dataDir);
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid) {
    throw new Refusal(
      'data-folder:not-yours',
      `Slate's data folder ${dataDir} belongs to another user (uid ${info.uid}), who can read the sign-ins and the journal kept there.`,
      'Give Slate a folder of your own with --data-dir or SLATE_DATA_DIR, or have that folder handed over to you (chown).',
    );
  }
  const tightened: string[] = [];
  tighten(dataDir, info, tightened);
  for (const name of readdirSync(dataDir)) {
    const path = join(dataDir, name);
    const entry = lstatSync(path);
    if (name === STAGING_FOLDER && entry.isDirectory()) tightenTree(path, entry, tightened);
    else tighten(path, entry, tightened);
  }
  return tightened;
}

/** In words, for standard error. */
export function describeTightened(dataDir: string, tightened: string[]): string {
  const shown = tightened.slice(0, 5).join(', ') + (tightened.length > 5 ? ` and ${tightened.length - 5} more` : '');
  return `Slate's data folder ${dataDir} was readable by other users (${shown}); it is private again (folders 700, files 600). If others may have read it, sign out and in again.`;
}

function tighten(path: string, info: Stats, tightened: string[]): void {
  // Links are not followed: what they point to is not Slate's.
  if (info.isSymbolicLink()) return;
  const wanted = info.isDirectory() ? PRIVATE_FOLDER_MODE : PRIVATE_FILE_MODE;
  if ((info.mode & 0o077) === 0) return;
  chmodSync(path, wanted);
  tightened.push(path);
}

function tightenTree(path: string, info: Stats, tightened: string[]): void {
  tighten(path, info, tightened);
  if (!info.isDirectory()) return;
  for (const name of readdirSync(path)) {
    const child = join(path, name);
    tightenTree(child, lstatSync(child), tightened);
  }
}
