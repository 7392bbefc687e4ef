// The SQLite journal (node:sqlite): every transfer job, file and part, written before and after
// each change so a crash, kill or sleep resumes where it stopped. WAL keeps writers from blocking
// readers (`slate status` while an upload runs); the schema version lives in `user_version`.
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { dataFolderFailure } from './data-folder-errors.ts';
import { Refusal } from './errors.ts';

/** Each entry upgrades the schema by one version; never edit one that has shipped, append. */
const MIGRATIONS: string[] = [
  `CREATE TABLE jobs (
     id TEXT PRIMARY KEY,
     kind TEXT NOT NULL,
     account_id TEXT NOT NULL,
     folder_id TEXT NOT NULL,
     label TEXT NOT NULL,
     spec TEXT NOT NULL,
     conflict TEXT NOT NULL,
     priority INTEGER NOT NULL DEFAULT 0,
     state TEXT NOT NULL,
     error TEXT,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE job_folders (
     job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
     rel_path TEXT NOT NULL,
     remote_id TEXT,
     PRIMARY KEY (job_id, rel_path)
   );
   CREATE TABLE files (
     id INTEGER PRIMARY KEY,
     job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     source TEXT NOT NULL,
     rel_dir TEXT NOT NULL,
     name TEXT NOT NULL,
     size INTEGER NOT NULL,
     mtime_ms REAL NOT NULL,
     stack_onto TEXT,
     remote_name TEXT,
     remote_id TEXT,
     media_type TEXT,
     state TEXT NOT NULL,
     error TEXT,
     sha256 TEXT,
     created_remote_at INTEGER,
     bytes_done INTEGER NOT NULL DEFAULT 0,
     attempts INTEGER NOT NULL DEFAULT 0,
     updated_at INTEGER NOT NULL
   );
   CREATE INDEX files_by_job ON files (job_id, state, seq);
   CREATE TABLE parts (
     file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
     idx INTEGER NOT NULL,
     offset INTEGER NOT NULL,
     size INTEGER NOT NULL,
     url TEXT NOT NULL,
     state TEXT NOT NULL,
     sha256 TEXT,
     PRIMARY KEY (file_id, idx)
   );`,
  // What the transfers screen tells: when a job ran, who paused it, since when it waits for
  // Frame.io, and the destination folder as it was named when the job began.
  `ALTER TABLE jobs ADD COLUMN started_at INTEGER;
   ALTER TABLE jobs ADD COLUMN ended_at INTEGER;
   ALTER TABLE jobs ADD COLUMN paused_by TEXT;
   ALTER TABLE jobs ADD COLUMN waiting_since INTEGER;
   ALTER TABLE jobs ADD COLUMN dest_label TEXT;
   ALTER TABLE jobs ADD COLUMN dest_url TEXT;`,
  // A job's counts kept on its row as its files change, by triggers in the same statement, so a
  // snapshot reads one row however many files the job has (aggregating them made every update
  // cost the whole job). `planned` is 0 while the drop is still being walked: a resumed job walks
  // it again for the files the first walk had not reached.
  `ALTER TABLE jobs ADD COLUMN planned INTEGER NOT NULL DEFAULT 1;
   ALTER TABLE jobs ADD COLUMN files_total INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE jobs ADD COLUMN files_done INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE jobs ADD COLUMN files_skipped INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE jobs ADD COLUMN files_failed INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE jobs ADD COLUMN files_cancelled INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE jobs ADD COLUMN bytes_total INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE jobs ADD COLUMN bytes_done INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE jobs ADD COLUMN bytes_verified INTEGER NOT NULL DEFAULT 0;
   UPDATE jobs SET (files_total, files_done, files_skipped, files_failed, files_cancelled, bytes_total, bytes_done, bytes_verified) = (
     SELECT COUNT(*), COALESCE(SUM(state = 'done'), 0), COALESCE(SUM(state = 'skipped'), 0), COALESCE(SUM(state = 'failed'), 0),
       COALESCE(SUM(state = 'cancelled'), 0), COALESCE(SUM(size), 0),
       COALESCE(SUM(CASE WHEN state IN ('done','skipped') THEN size ELSE bytes_done END), 0),
       COALESCE(SUM(CASE WHEN state = 'done' THEN size ELSE 0 END), 0)
     FROM files WHERE files.job_id = jobs.id);
   CREATE TRIGGER files_count_insert AFTER INSERT ON files BEGIN
     UPDATE jobs SET files_total = files_total + 1,
       files_done = files_done + (NEW.state = 'done'), files_skipped = files_skipped + (NEW.state = 'skipped'),
       files_failed = files_failed + (NEW.state = 'failed'), files_cancelled = files_cancelled + (NEW.state = 'cancelled'),
       bytes_total = bytes_total + NEW.size,
       bytes_done = bytes_done + CASE WHEN NEW.state IN ('done','skipped') THEN NEW.size ELSE NEW.bytes_done END,
       bytes_verified = bytes_verified + CASE WHEN NEW.state = 'done' THEN NEW.size ELSE 0 END
     WHERE id = NEW.job_id;
   END;
   CREATE TRIGGER files_count_delete AFTER DELETE ON files BEGIN
     UPDATE jobs SET files_total = files_total - 1,
       files_done = files_done - (OLD.state = 'done'), files_skipped = files_skipped - (OLD.state = 'skipped'),
       files_failed = files_failed - (OLD.state = 'failed'), files_cancelled = files_cancelled - (OLD.state = 'cancelled'),
       bytes_total = bytes_total - OLD.size,
       bytes_done = bytes_done - CASE WHEN OLD.state IN ('done','skipped') THEN OLD.size ELSE OLD.bytes_done END,
       bytes_verified = bytes_verified - CASE WHEN OLD.state = 'done' THEN OLD.size ELSE 0 END
     WHERE id = OLD.job_id;
   END;
   CREATE TRIGGER files_count_update AFTER UPDATE OF state, size, bytes_done ON files BEGIN
     UPDATE jobs SET
       files_done = files_done + (NEW.state = 'done') - (OLD.state = 'done'),
       files_skipped = files_skipped + (NEW.state = 'skipped') - (OLD.state = 'skipped'),
       files_failed = files_failed + (NEW.state = 'failed') - (OLD.state = 'failed'),
       files_cancelled = files_cancelled + (NEW.state = 'cancelled') - (OLD.state = 'cancelled'),
       bytes_total = bytes_total + NEW.size - OLD.size,
       bytes_done = bytes_done + CASE WHEN NEW.state IN ('done','skipped') THEN NEW.size ELSE NEW.bytes_done END
         - CASE WHEN OLD.state IN ('done','skipped') THEN OLD.size ELSE OLD.bytes_done END,
       bytes_verified = bytes_verified + CASE WHEN NEW.state = 'done' THEN NEW.size ELSE 0 END - CASE WHEN OLD.state = 'done' THEN OLD.size ELSE 0 END
     WHERE id = NEW.job_id;
   END;
   -- Files in the order they were planned: a page of the list, or the next files to send, is a range.
   CREATE INDEX files_by_seq ON files (job_id, seq);`,
  // Follows: a Frame.io folder kept in sync into a local one. What each has already queued (by
  // Frame.io file id, so nothing comes down twice) and each version stack's newest version seen,
  // with the local path a replacing version goes to.
  `CREATE TABLE follows (
     id TEXT PRIMARY KEY,
     account_id TEXT NOT NULL,
     folder_id TEXT NOT NULL,
     dir TEXT NOT NULL,
     label TEXT NOT NULL,
     versions TEXT NOT NULL,
     conflict TEXT NOT NULL,
     last_pass_at INTEGER,
     created_at INTEGER NOT NULL,
     UNIQUE (account_id, folder_id, dir)
   );
   CREATE TABLE follow_files (
     follow_id TEXT NOT NULL REFERENCES follows(id) ON DELETE CASCADE,
     remote_id TEXT NOT NULL,
     rel_path TEXT NOT NULL,
     job_id TEXT,
     PRIMARY KEY (follow_id, remote_id)
   );
   CREATE INDEX follow_files_by_job ON follow_files (job_id);
   CREATE TABLE follow_stacks (
     follow_id TEXT NOT NULL REFERENCES follows(id) ON DELETE CASCADE,
     stack_id TEXT NOT NULL,
     head_id TEXT NOT NULL,
     rel_path TEXT NOT NULL,
     PRIMARY KEY (follow_id, stack_id)
   );`,
  // Live (real-time) uploads of files still being written: the Frame.io asset made for one, and
  // each part registered (sha256 once its PUT succeeded), so a kill resumes with the next part and
  // the bytes already sent can be checked against the file before the final part.
  `CREATE TABLE live_uploads (
     id INTEGER PRIMARY KEY,
     source TEXT NOT NULL,
     folder_id TEXT NOT NULL,
     asset_id TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     UNIQUE (source, folder_id)
   );
   CREATE TABLE live_parts (
     upload_id INTEGER NOT NULL REFERENCES live_uploads(id) ON DELETE CASCADE,
     number INTEGER NOT NULL,
     offset INTEGER NOT NULL,
     size INTEGER NOT NULL,
     final INTEGER NOT NULL,
     sha256 TEXT,
     PRIMARY KEY (upload_id, number)
   );`,
  // A follow can be paused (it survives restarts paused), and every download job a follow queued is
  // kept by it, also once its failed files are forgotten to be queued again: removing the follow
  // cancels those still under way.
  `ALTER TABLE follows ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;
   CREATE TABLE follow_jobs (
     follow_id TEXT NOT NULL REFERENCES follows(id) ON DELETE CASCADE,
     job_id TEXT NOT NULL,
     PRIMARY KEY (follow_id, job_id)
   );
   INSERT INTO follow_jobs (follow_id, job_id) SELECT DISTINCT follow_id, job_id FROM follow_files WHERE job_id IS NOT NULL;`,
  // Unfinished uploads a cancel could not delete from Frame.io (it was out of reach), deleted once it
  // answers again (remote-cleanup.ts).
  `CREATE TABLE remote_cleanup (
     account_id TEXT NOT NULL,
     file_id TEXT NOT NULL,
     name TEXT NOT NULL,
     added_at INTEGER NOT NULL,
     PRIMARY KEY (account_id, file_id)
   );`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export type Database = DatabaseSync;

/** Where Slate keeps its journal when SLATE_DATA_DIR does not say: the platform's per-user app data folder. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.SLATE_DATA_DIR) return env.SLATE_DATA_DIR;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Slate');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Slate');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'slate');
}

/** Opens (creating and upgrading as needed) the journal in `dataDir`; ':memory:' for a throwaway one. */
export function openDatabase(dataDir: string): Database {
  let path = ':memory:';
  if (dataDir !== ':memory:') {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    path = join(dataDir, 'slate.db');
    // Created private before SQLite opens it: its -wal and -shm files take the journal's mode.
    closeSync(openSync(path, 'a', 0o600));
  }
  const db = new DatabaseSync(path, { timeout: 5_000 });
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;');
  migrate(db);
  return db;
}

function migrate(db: DatabaseSync): void {
  const { user_version: current } = db.prepare('PRAGMA user_version').get() as { user_version: number };
  if (current > SCHEMA_VERSION) {
    throw new Refusal(
      'data:newer-journal',
      `The journal in Slate's data folder was written by a newer Slate (schema ${current}; this one knows ${SCHEMA_VERSION}).`,
      'Update Slate, or use another data folder (SLATE_DATA_DIR) with this version.',
    );
  }
  for (let version = current; version < SCHEMA_VERSION; version++) {
    transaction(db, () => {
      db.exec(MIGRATIONS[version]!);
      db.exec(`PRAGMA user_version = ${version + 1}`);
    });
  }
}

/** Runs `work` as one write transaction: all of it lands, or none of it. */
export function transaction(db: DatabaseSync, work: () => void): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    work();
    db.exec('COMMIT');
  } catch (error) {
    // SQLite may already have rolled back (a full disk does): a second ROLLBACK would hide why.
    if (db.isTransaction) db.exec('ROLLBACK');
    const location = db.location();
    throw (location && dataFolderFailure(error, dirname(location))) || error;
  }
}
