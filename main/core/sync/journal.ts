// Follows in the journal, so they survive restarts: each follow's settings and whether it is paused,
// every Frame.io file it has queued (by id: a file is never queued twice, whatever its name on the
// disk), every download job it queued, and each version stack's newest version seen, with the local
// path a replacing version goes to.
import { randomUUID } from 'node:crypto';
import { transaction, type Database } from '../db.ts';
import type { DownloadConflictPolicy } from '../transfers/types.ts';

/** What a new version of a followed stack does: take the place of the file on the disk, or sit beside it as `name vN.ext`. */
export type VersionsPolicy = 'replace' | 'beside';
export const VERSIONS_POLICIES: readonly VersionsPolicy[] = ['replace', 'beside'];

export interface FollowSettings {
  versions: VersionsPolicy;
  conflict: DownloadConflictPolicy;
}

export interface FollowRecord extends FollowSettings {
  id: string;
  accountId: string;
  folderId: string;
  /** the local folder the Frame.io folder comes down into (as a folder of its name) */
  dir: string;
  /** the Frame.io folder's name when the follow began: the local folder keeps it */
  label: string;
  lastPassAt: number | null;
  /** paused by the person: it does not look until resumed, also after a restart */
  paused: boolean;
}

export interface SeenStack {
  headId: string;
  /** where the stack's file is on the disk, relative to the follow's folder */
  relPath: string;
}

export interface Queued {
  remoteId: string;
  relPath: string;
}

interface FollowRow {
  id: string;
  account_id: string;
  folder_id: string;
  dir: string;
  label: string;
  versions: VersionsPolicy;
  conflict: DownloadConflictPolicy;
  last_pass_at: number | null;
  paused: number;
}

export class FollowJournal {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  /** The follow of this folder into this local folder, made if new; the settings given replace the kept ones. */
  ensure(follow: Omit<FollowRecord, 'id' | 'lastPassAt' | 'paused'>): FollowRecord {
    const existing = this.db.prepare('SELECT id FROM follows WHERE account_id = ? AND folder_id = ? AND dir = ?').get(follow.accountId, follow.folderId, follow.dir) as { id: string } | undefined;
    if (existing) {
      this.db.prepare('UPDATE follows SET versions = ?, conflict = ? WHERE id = ?').run(follow.versions, follow.conflict, existing.id);
      return this.get(existing.id)!;
    }
    const id = randomUUID();
    this.db
      .prepare('INSERT INTO follows (id, account_id, folder_id, dir, label, versions, conflict, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, follow.accountId, follow.folderId, follow.dir, follow.label, follow.versions, follow.conflict, Date.now());
    return this.get(id)!;
  }

  all(): FollowRecord[] {
    const rows = this.db.prepare('SELECT * FROM follows ORDER BY created_at').all() as unknown as FollowRow[];
    return rows.map(record);
  }

  setSettings(id: string, settings: FollowSettings): void {
    this.db.prepare('UPDATE follows SET versions = ?, conflict = ? WHERE id = ?').run(settings.versions, settings.conflict, id);
  }

  setPaused(id: string, paused: boolean): void {
    this.db.prepare('UPDATE follows SET paused = ? WHERE id = ?').run(paused ? 1 : 0, id);
  }

  /** Forgets a follow and what it queued; its jobs stay in Transfers and its files on the disk. */
  remove(id: string): void {
    this.db.prepare('DELETE FROM follows WHERE id = ?').run(id);
  }

  /** How many of this follow's queued files are in each transfer state, over every job it queued. */
  fileStates(followId: string): Map<string, number> {
    const rows = this.db
      .prepare(
        `SELECT f.state AS state, COUNT(*) AS n FROM follow_files ff JOIN files f ON f.job_id = ff.job_id AND f.remote_id = ff.remote_id
         WHERE ff.follow_id = ? GROUP BY f.state`,
      )
      .all(followId) as Array<{ state: string; n: number }>;
    return new Map(rows.map((row) => [row.state, row.n]));
  }

  /** The file of this follow that came down last, and when (epoch ms). */
  lastDown(followId: string): { name: string; relPath: string; at: number } | undefined {
    const row = this.db
      .prepare(
        `SELECT f.name AS name, ff.rel_path AS relPath, f.updated_at AS at FROM follow_files ff JOIN files f ON f.job_id = ff.job_id AND f.remote_id = ff.remote_id
         WHERE ff.follow_id = ? AND f.state = 'done' ORDER BY f.updated_at DESC LIMIT 1`,
      )
      .get(followId) as { name: string; relPath: string; at: number } | undefined;
    return row && { ...row };
  }

  get(id: string): FollowRecord | undefined {
    const row = this.db.prepare('SELECT * FROM follows WHERE id = ?').get(id) as FollowRow | undefined;
    return row && record(row);
  }

  /** The Frame.io files this follow has queued. */
  queued(followId: string): Set<string> {
    const rows = this.db.prepare('SELECT remote_id FROM follow_files WHERE follow_id = ?').all(followId) as Array<{ remote_id: string }>;
    return new Set(rows.map((row) => row.remote_id));
  }

  pathOf(followId: string, remoteId: string): string | undefined {
    return (this.db.prepare('SELECT rel_path FROM follow_files WHERE follow_id = ? AND remote_id = ?').get(followId, remoteId) as { rel_path: string } | undefined)?.rel_path;
  }

  stacks(followId: string): Map<string, SeenStack> {
    const rows = this.db.prepare('SELECT stack_id, head_id, rel_path FROM follow_stacks WHERE follow_id = ?').all(followId) as Array<{ stack_id: string; head_id: string; rel_path: string }>;
    return new Map(rows.map((row) => [row.stack_id, { headId: row.head_id, relPath: row.rel_path }]));
  }

  /** Files queued in `jobId` and the stacks' newest versions seen in the same pass, all at once. */
  record(followId: string, jobId: string | null, files: Queued[], stacks: Map<string, SeenStack>): void {
    const file = this.db.prepare('INSERT OR REPLACE INTO follow_files (follow_id, remote_id, rel_path, job_id) VALUES (?, ?, ?, ?)');
    const stack = this.db.prepare('INSERT OR REPLACE INTO follow_stacks (follow_id, stack_id, head_id, rel_path) VALUES (?, ?, ?, ?)');
    transaction(this.db, () => {
      if (jobId !== null) this.db.prepare('INSERT OR IGNORE INTO follow_jobs (follow_id, job_id) VALUES (?, ?)').run(followId, jobId);
      for (const f of files) file.run(followId, f.remoteId, f.relPath, jobId);
      for (const [stackId, s] of stacks) stack.run(followId, stackId, s.headId, s.relPath);
    });
  }

  /** Files to be queued again by the next pass that still finds them in Frame.io (their download failed). */
  forget(followId: string, remoteIds: string[]): void {
    const statement = this.db.prepare('DELETE FROM follow_files WHERE follow_id = ? AND remote_id = ?');
    transaction(this.db, () => {
      for (const id of remoteIds) statement.run(followId, id);
    });
  }

  /** This follow's download jobs that have not finished, or failed with files it still counts: a restart takes them up. */
  unfinishedJobs(followId: string): string[] {
    const rows = this.db
      .prepare(
        `SELECT DISTINCT f.job_id AS id FROM follow_files f JOIN jobs j ON j.id = f.job_id
         WHERE f.follow_id = ? AND j.state IN ('queued','running','paused','failed')`,
      )
      .all(followId) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  /** Every download job this follow queued that has not ended done or cancelled, failed ones too. */
  openJobs(followId: string): string[] {
    const rows = this.db
      .prepare(`SELECT fj.job_id AS id FROM follow_jobs fj JOIN jobs j ON j.id = fj.job_id WHERE fj.follow_id = ? AND j.state NOT IN ('done','cancelled')`)
      .all(followId) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  passed(followId: string, at: number): void {
    this.db.prepare('UPDATE follows SET last_pass_at = ? WHERE id = ?').run(at, followId);
  }
}

function record(row: FollowRow): FollowRecord {
  return { id: row.id, accountId: row.account_id, folderId: row.folder_id, dir: row.dir, label: row.label, versions: row.versions, conflict: row.conflict, lastPassAt: row.last_pass_at, paused: row.paused === 1 };
}
