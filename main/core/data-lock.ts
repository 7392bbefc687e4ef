// One Slate at a time runs the transfers and watches of a data folder. Two would each resume the
// other's unfinished uploads and run the same watches, and every file would go up twice. The holder
// is named in a lock file; a holder that died (a crash, kill -9) leaves the file behind, and the next
// Slate takes it over after checking that its process is gone.
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { explainDataFolderWrite } from './data-folder-errors.ts';
import { Refusal, SlateError } from './errors.ts';

export const LOCK_FILE = 'slate.lock';

interface Holder {
  pid: number;
  host: string;
  /** what holds it, in words: "the Slate app", "`slate serve`" */
  what: string;
  since: string;
}

export class DataFolderBusy extends SlateError {
  readonly code = 'data-folder:busy';
  readonly action = 'Try again once it has finished.';

  constructor(dataDir: string, holder: Holder) {
    const where = holder.host === hostname() ? `process ${holder.pid}` : `process ${holder.pid} on ${holder.host}`;
    super(
      `${holder.what} (${where}, since ${holder.since}) is already using the data folder ${dataDir}. ` +
        'Let it do the work, or close it first; to run separately, give this one its own folder with --data-dir or SLATE_DATA_DIR. ' +
        `(If no Slate is running there, delete ${join(dataDir, LOCK_FILE)}.)`,
    );
    this.name = 'DataFolderBusy';
  }
}

export interface DataLock {
  release(): void;
}

/** Takes the data folder for this process, or throws DataFolderBusy naming the one that has it. */
export function lockDataFolder(dataDir: string, what: string): DataLock {
  const path = join(dataDir, LOCK_FILE);
  const me: Holder = { pid: process.pid, host: hostname(), what, since: new Date().toISOString() };
  // Written whole under a name of its own, then linked into place: the link fails if another Slate
  // got there first, and a lock file is never seen half-written.
  const mine = `${path}.${process.pid}`;
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(mine, JSON.stringify(me), { mode: 0o600 });
  } catch (error) {
    // A full disk creates the file and then cannot write it: no empty lock file is left behind.
    rmSync(mine, { force: true });
    explainDataFolderWrite(error, dataDir);
  }
  try {
    // Twice at most: a second try only after a dead holder's file was removed.
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        linkSync(mine, path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = readHolder(path);
        if (holder && alive(holder)) throw new DataFolderBusy(dataDir, holder);
        rmSync(path, { force: true });
        continue;
      }
      return held(path, me);
    }
  } finally {
    rmSync(mine, { force: true });
  }
  throw new Refusal(
    'data-folder:busy',
    `Could not take the data folder ${dataDir}: its lock file ${path} keeps coming back. Is another Slate starting at this moment?`,
    'Try again.',
  );
}

function held(path: string, me: Holder): DataLock {
  const release = () => {
    process.off('exit', release);
    if (readHolder(path)?.pid === me.pid) rmSync(path, { force: true });
  };
  // Released on a normal exit too; a crash leaves it for the next Slate to find dead.
  process.on('exit', release);
  return { release };
}

/** The holder named in the file; undefined when the file is gone or cannot be read (damaged). */
function readHolder(path: string): Holder | undefined {
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as Partial<Holder>;
    return typeof holder.pid === 'number' ? (holder as Holder) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the holder may still be running. One on another machine (a shared folder) cannot be checked, so it counts. */
function alive(holder: Holder): boolean {
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
