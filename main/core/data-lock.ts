// One Slate at a time runs the transfers and watches of a data folder. Two would each resume the
// other's unfinished uploads and run the same watches, and every file would go up twice. The holder
// is named in a lock file; a holder that died (a crash, kill -9) leaves the file behind, and the next
// Slate takes it over after checking that its process is gone. Two Slates may find the same dead
// lock at once; only one of them may remove it (takeOver), or each could remove the other's new one.
import { createHash, randomUUID } from 'node:crypto';
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
  /** tells this holding from any other, even one by a later process of the same number */
  id?: string;
}

/** How often a starter looks again while another takes over a dead lock; together, about half a second. */
const ATTEMPTS = 50;
const WAIT_MS = 10;

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
  const me: Holder = { pid: process.pid, host: hostname(), what, since: new Date().toISOString(), id: randomUUID() };
  // Written whole under a name of its own, then linked into place: the link fails if another Slate
  // got there first, and a lock file is never seen half-written.
  const mine = `${path}.${process.pid}`;
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(mine, JSON.stringify(me), { mode: 0o600 });
  } catch (error) {
    // A full disk creates the file and then cannot write it: no empty lock file is left behind.
    rmSync(mine, { force: true });
    explainDataFolderWrite(error, dataDir);
  }
  try {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        linkSync(mine, path);
        return held(path, me);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const found = readLock(path);
      if (found?.holder && alive(found.holder)) throw new DataFolderBusy(dataDir, found.holder);
      if (found) takeOver(dataDir, path, found.text);
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

/**
 * Removes a dead holder's lock, if this starter is the one allowed to. The right is a mark file
 * named after that very lock's contents, created exclusively: of two starters that read the same
 * dead lock, one creates the mark, and removes the lock only if it is still the dead one; the other
 * waits and looks again, finding the winner's lock by then. Nobody else ever removes a dead lock,
 * so between the winner's second look and its removal the file cannot change.
 */
function takeOver(dataDir: string, path: string, dead: string): void {
  const mark = `${path}.takeover-${createHash('sha256').update(dead).digest('hex').slice(0, 16)}`;
  try {
    writeFileSync(mark, String(process.pid), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const taker = Number(readLock(mark)?.text);
    // Left by a starter that died in the middle of a takeover: nothing safe can be done without a person.
    if (Number.isInteger(taker) && taker > 0 && !running(taker)) {
      throw new Refusal(
        'data-folder:busy',
        `Could not take the data folder ${dataDir}: a Slate (process ${taker}) stopped while taking over the lock a crashed one left.`,
        `If no Slate is running there, delete ${path} and ${mark}, then start again.`,
        { cause: error },
      );
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, WAIT_MS);
    return;
  }
  try {
    if (readLock(path)?.text === dead) rmSync(path, { force: true });
  } finally {
    rmSync(mark, { force: true });
  }
}

function held(path: string, me: Holder): DataLock {
  const release = () => {
    process.off('exit', release);
    if (readLock(path)?.holder?.id === me.id) rmSync(path, { force: true });
  };
  // Released on a normal exit too; a crash leaves it for the next Slate to find dead.
  process.on('exit', release);
  return { release };
}

/** The lock as written, and its holder unless damaged; undefined when there is no lock. */
function readLock(path: string): { text: string; holder: Holder | undefined } | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const holder = JSON.parse(text) as Partial<Holder>;
    return { text, holder: typeof holder.pid === 'number' ? (holder as Holder) : undefined };
  } catch {
    return { text, holder: undefined };
  }
}

/** Whether the holder may still be running. One on another machine (a shared folder) cannot be checked, so it counts. */
function alive(holder: Holder): boolean {
  return holder.host !== hostname() || (holder.pid !== process.pid && running(holder.pid));
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
