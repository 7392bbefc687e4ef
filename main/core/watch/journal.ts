// The watch journal, in SQLite beside the transfer journal: the watches (with enabled/paused), the
// Frame.io folder each watched sub-folder maps to, and every file that reached a decision (done,
// skipped, failed, or handed to the upload engine) with the size, mtime and hash it had then.
// Catch-up compares the disk with it, so what was uploaded is never uploaded again. Files still
// settling are not written: the next start finds them on disk anyway. The tables carry their own
// schema version, so they can share one database with the transfer journal.
import type { DatabaseSync } from 'node:sqlite';
import { transaction } from '../db.ts';
import type { WatchFileState } from './states.ts';
import { Refusal } from '../errors.ts';

const MIGRATIONS: string[] = [
  `CREATE TABLE watches (
     id TEXT PRIMARY KEY,
     dir TEXT NOT NULL,
     account_id TEXT NOT NULL,
     folder_id TEXT NOT NULL,
     settings TEXT NOT NULL,
     paused INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE watch_folders (
     watch_id TEXT NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
     rel_dir TEXT NOT NULL,
     remote_id TEXT NOT NULL,
     PRIMARY KEY (watch_id, rel_dir)
   );
   CREATE TABLE watch_files (
     watch_id TEXT NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
     path TEXT NOT NULL,
     size INTEGER NOT NULL,
     mtime_ms REAL NOT NULL,
     sha256 TEXT,
     state TEXT NOT NULL,
     reason TEXT NOT NULL,
     remote_id TEXT,
     job_id TEXT,
     updated_at INTEGER NOT NULL,
     PRIMARY KEY (watch_id, path)
   );
   CREATE INDEX watch_files_by_stat ON watch_files (watch_id, size, mtime_ms);`,
  // A file that failed to be read is tried again when its permissions are fixed: a chmod moves only
  // the change time. Null for files journaled before.
  `ALTER TABLE watch_files ADD COLUMN ctime_ms REAL;`,
];

export interface WatchRecord<Settings = unknown> {
  id: string;
  dir: string;
  accountId: string;
  folderId: string;
  settings: Settings;
  paused: boolean;
  createdAt: number;
}

export interface FileRecord {
  path: string;
  size: number;
  mtimeMs: number;
  /** the change time it had then; null when journaled by a Slate that did not keep it */
  ctimeMs: number | null;
  sha256: string | null;
  state: WatchFileState;
  reason: string;
  remoteId: string | null;
  /** the upload engine's job, while the file is queued or uploading */
  jobId: string | null;
  updatedAt: number;
}

const FILE_COLUMNS = 'path, size, mtime_ms AS mtimeMs, ctime_ms AS ctimeMs, sha256, state, reason, remote_id AS remoteId, job_id AS jobId, updated_at AS updatedAt';
/** FILE_COLUMNS as an array row, in their order */
type FileRow = [string, number, number, number | null, string | null, WatchFileState, string, string | null, string | null, number];

interface WatchRow {
  id: string;
  dir: string;
  account_id: string;
  folder_id: string;
  settings: string;
  paused: number;
  created_at: number;
}

export class WatchJournal {
  private readonly db: DatabaseSync;
  private readonly now: () => number;

  /** Adds (or upgrades) the watch tables in `db`, which may be the transfer journal's database. */
  constructor(db: DatabaseSync, now: () => number = Date.now) {
    this.db = db;
    this.now = now;
    migrate(db);
  }

  addWatch<S>(watch: Omit<WatchRecord<S>, 'createdAt'>): void {
    const now = this.now();
    this.db
      .prepare('INSERT INTO watches (id, dir, account_id, folder_id, settings, paused, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(watch.id, watch.dir, watch.accountId, watch.folderId, JSON.stringify(watch.settings), watch.paused ? 1 : 0, now, now);
  }

  watches<S>(): Array<WatchRecord<S>> {
    const rows = this.db.prepare('SELECT * FROM watches ORDER BY created_at, rowid').all() as unknown as WatchRow[];
    return rows.map((row) => toWatch<S>(row));
  }

  watch<S>(id: string): WatchRecord<S> | undefined {
    const row = this.db.prepare('SELECT * FROM watches WHERE id = ?').get(id) as WatchRow | undefined;
    return row && toWatch<S>(row);
  }

  setPaused(id: string, paused: boolean): void {
    this.db.prepare('UPDATE watches SET paused = ?, updated_at = ? WHERE id = ?').run(paused ? 1 : 0, this.now(), id);
  }

  setSettings<S>(id: string, settings: S): void {
    this.db.prepare('UPDATE watches SET settings = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(settings), this.now(), id);
  }

  /**
   * Points a watch at another Frame.io folder. The sub-folders it made under the old one are
   * forgotten, so new files' folders are made again under the new one.
   */
  setDestination(id: string, folderId: string): void {
    transaction(this.db, () => {
      this.db.prepare('UPDATE watches SET folder_id = ?, updated_at = ? WHERE id = ?').run(folderId, this.now(), id);
      this.db.prepare('DELETE FROM watch_folders WHERE watch_id = ?').run(id);
    });
  }

  /** Forgets a watch and everything journaled for it; nothing in Frame.io is touched. */
  removeWatch(id: string): void {
    transaction(this.db, () => {
      for (const table of ['watch_files', 'watch_folders', 'watches']) this.db.prepare(`DELETE FROM ${table} WHERE ${table === 'watches' ? 'id' : 'watch_id'} = ?`).run(id);
    });
  }

  folders(watchId: string): Map<string, string> {
    const rows = this.db.prepare('SELECT rel_dir AS relDir, remote_id AS remoteId FROM watch_folders WHERE watch_id = ?').all(watchId) as Array<{ relDir: string; remoteId: string }>;
    return new Map(rows.map((r) => [r.relDir, r.remoteId]));
  }

  setFolder(watchId: string, relDir: string, remoteId: string): void {
    this.db.prepare('INSERT OR REPLACE INTO watch_folders (watch_id, rel_dir, remote_id) VALUES (?, ?, ?)').run(watchId, relDir, remoteId);
  }

  /** Every journaled file of a watch, by path. */
  /**
   * Every file of a watch, one row at a time: a big tree's journal is not held twice while it is
   * read. Rows come as arrays and become plain objects here: a row object is built key by key, and
   * 100,000 of them cost more than the watch keeps.
   */
  *files(watchId: string): Generator<FileRecord> {
    const statement = this.db.prepare(`SELECT ${FILE_COLUMNS} FROM watch_files WHERE watch_id = ?`);
    statement.setReturnArrays(true);
    for (const row of statement.iterate(watchId) as Iterable<FileRow>) {
      const [path, size, mtimeMs, ctimeMs, sha256, state, reason, remoteId, jobId, updatedAt] = row;
      yield { path, size, mtimeMs, ctimeMs, sha256, state, reason, remoteId, jobId, updatedAt };
    }
  }

  file(watchId: string, path: string): FileRecord | undefined {
    return this.db.prepare(`SELECT ${FILE_COLUMNS} FROM watch_files WHERE watch_id = ? AND path = ?`).get(watchId, path) as FileRecord | undefined;
  }

  /** Uploaded files that had exactly this size and mtime: where a moved or renamed file may have come from. */
  doneWithStat(watchId: string, size: number, mtimeMs: number): FileRecord[] {
    return this.db
      .prepare(`SELECT ${FILE_COLUMNS} FROM watch_files WHERE watch_id = ? AND size = ? AND mtime_ms = ? AND state = 'done'`)
      .all(watchId, size, mtimeMs) as unknown as FileRecord[];
  }

  putFile(watchId: string, file: Omit<FileRecord, 'updatedAt'>): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO watch_files (watch_id, path, size, mtime_ms, ctime_ms, sha256, state, reason, remote_id, job_id, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(watchId, file.path, file.size, file.mtimeMs, file.ctimeMs, file.sha256, file.state, file.reason, file.remoteId, file.jobId, this.now());
  }

  /** A finished file moved inside the tree keeps its record under its new path. */
  moveFile(watchId: string, from: string, to: string): void {
    transaction(this.db, () => {
      this.db.prepare('DELETE FROM watch_files WHERE watch_id = ? AND path = ?').run(watchId, to);
      this.db.prepare('UPDATE watch_files SET path = ?, updated_at = ? WHERE watch_id = ? AND path = ?').run(to, this.now(), watchId, from);
    });
  }

  deleteFile(watchId: string, path: string): void {
    this.db.prepare('DELETE FROM watch_files WHERE watch_id = ? AND path = ?').run(watchId, path);
  }

}

function toWatch<S>(row: WatchRow): WatchRecord<S> {
  return {
    id: row.id,
    dir: row.dir,
    accountId: row.account_id,
    folderId: row.folder_id,
    settings: JSON.parse(row.settings) as S,
    paused: row.paused === 1,
    createdAt: row.created_at,
  };
}

/** The watch tables' version lives in a row of their own: `user_version` belongs to the transfer journal. */
function migrate(db: DatabaseSync): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_versions (component TEXT PRIMARY KEY, version INTEGER NOT NULL)');
  const row = db.prepare("SELECT version FROM schema_versions WHERE component = 'watch'").get() as { version: number } | undefined;
  const current = row?.version ?? 0;
  if (current > MIGRATIONS.length) {
    throw new Refusal('data-folder:newer', `The watch journal was written by a newer Slate (schema ${current}, this one knows ${MIGRATIONS.length}).`, 'Update Slate.');
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    transaction(db, () => {
      db.exec(MIGRATIONS[version]!);
      db.prepare("INSERT OR REPLACE INTO schema_versions (component, version) VALUES ('watch', ?)").run(version + 1);
    });
  }
}
