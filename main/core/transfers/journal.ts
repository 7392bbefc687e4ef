// The transfer journal: jobs, their folders, files and parts in SQLite. Every change of state is
// one short write, made before the work it announces and again after it, so whatever is found here
// after a crash is the truth to resume from.
import { sep } from 'node:path';
import { transaction, type Database } from '../db.ts';
import { SOURCE_RELEASED_STATES, type ConflictPolicy, type FileSnapshot, type FileState, type JobKind, type JobSnapshot, type JobState, type PartState } from './types.ts';

export interface NewJob {
  id: string;
  kind: JobKind;
  accountId: string;
  folderId: string;
  label: string;
  /** what was asked, as JSON: re-running the same request finds the same job */
  spec: string;
  conflict: ConflictPolicy;
  priority: number;
}

export interface NewFile {
  source: string;
  relDir: string;
  name: string;
  size: number;
  mtimeMs: number;
  stackOnto?: string;
  /** set when the file is known to be unusable at planning time (unreadable, vanished) */
  error?: string;
}

export interface FileRow extends FileSnapshot {
  jobId: string;
  seq: number;
  mtimeMs: number;
  stackOnto: string | null;
  mediaType: string | null;
  createdRemoteAt: number | null;
  attempts: number;
}

export interface PartRow {
  idx: number;
  offset: number;
  size: number;
  url: string;
  state: PartState;
  sha256: string | null;
}

interface JobRecord {
  id: string;
  kind: JobKind;
  account_id: string;
  folder_id: string;
  label: string;
  spec: string;
  conflict: ConflictPolicy;
  priority: number;
  state: JobState;
  error: string | null;
  created_at: number;
  updated_at: number;
}

const FILE_COLUMNS = `id, job_id AS jobId, seq, source, rel_dir AS relDir, name, size, mtime_ms AS mtimeMs, stack_onto AS stackOnto,
  remote_name AS remoteName, remote_id AS remoteId, media_type AS mediaType, state, error, sha256,
  created_remote_at AS createdRemoteAt, bytes_done AS bytesDone, attempts`;

const FILE_FIELDS = {
  remoteName: 'remote_name',
  remoteId: 'remote_id',
  mediaType: 'media_type',
  state: 'state',
  error: 'error',
  sha256: 'sha256',
  createdRemoteAt: 'created_remote_at',
  bytesDone: 'bytes_done',
  attempts: 'attempts',
  size: 'size',
  mtimeMs: 'mtime_ms',
  stackOnto: 'stack_onto',
} as const;

export type FilePatch = Partial<Pick<FileRow, keyof typeof FILE_FIELDS>>;

export class Journal {
  private readonly db: Database;
  private readonly now: () => number;

  constructor(db: Database, now: () => number = Date.now) {
    this.db = db;
    this.now = now;
  }

  createJob(job: NewJob, files: NewFile[], folders: string[]): void {
    const now = this.now();
    transaction(this.db, () => {
      this.db
        .prepare(
          `INSERT INTO jobs (id, kind, account_id, folder_id, label, spec, conflict, priority, state, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)`,
        )
        .run(job.id, job.kind, job.accountId, job.folderId, job.label, job.spec, job.conflict, job.priority, now, now);
      const folder = this.db.prepare('INSERT INTO job_folders (job_id, rel_path) VALUES (?, ?)');
      for (const relPath of folders) folder.run(job.id, relPath);
      const file = this.db.prepare(
        `INSERT INTO files (job_id, seq, source, rel_dir, name, size, mtime_ms, stack_onto, state, error, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      files.forEach((f, seq) =>
        file.run(job.id, seq, f.source, f.relDir, f.name, f.size, f.mtimeMs, f.stackOnto ?? null, f.error ? 'failed' : 'pending', f.error ?? null, now),
      );
    });
  }

  job(id: string): JobSnapshot | undefined {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRecord | undefined;
    return row && this.snapshot(row);
  }

  /** Jobs, newest first; only those in `states` when given. */
  jobs(states?: readonly JobState[]): JobSnapshot[] {
    const rows = (
      states
        ? this.db.prepare(`SELECT * FROM jobs WHERE state IN (${states.map(() => '?').join(',')}) ORDER BY created_at DESC, rowid DESC`).all(...states)
        : this.db.prepare('SELECT * FROM jobs ORDER BY created_at DESC, rowid DESC').all()
    ) as unknown as JobRecord[];
    return rows.map((row) => this.snapshot(row));
  }

  /** The most recent job for exactly this request that has not finished well. */
  findRepeat(kind: JobKind, accountId: string, folderId: string, spec: string): JobSnapshot | undefined {
    const row = this.db
      .prepare(
        `SELECT * FROM jobs WHERE kind = ? AND account_id = ? AND folder_id = ? AND spec = ? AND state IN ('queued','running','paused','failed')
         ORDER BY created_at DESC LIMIT 1`,
      )
      .get(kind, accountId, folderId, spec) as JobRecord | undefined;
    return row && this.snapshot(row);
  }

  /** Sources inside `folder` that some file will still read: it is in none of SOURCE_RELEASED_STATES. */
  sourcesStillNeeded(folder: string): Set<string> {
    const released = SOURCE_RELEASED_STATES.map(() => '?').join(',');
    const rows = this.db
      .prepare(`SELECT DISTINCT source FROM files WHERE state NOT IN (${released}) AND instr(source, ?) = 1`)
      .all(...SOURCE_RELEASED_STATES, folder.endsWith(sep) ? folder : folder + sep) as Array<{ source: string }>;
    return new Set(rows.map((row) => row.source));
  }

  jobSpec(id: string): string {
    return (this.db.prepare('SELECT spec FROM jobs WHERE id = ?').get(id) as { spec: string }).spec;
  }

  setJobState(id: string, state: JobState, error: string | null = null): void {
    this.db.prepare('UPDATE jobs SET state = ?, error = ?, updated_at = ? WHERE id = ?').run(state, error, this.now(), id);
  }

  /** Puts failed and cancelled files of a job back in line, keeping what they had already sent. */
  retryFiles(jobId: string): void {
    this.db.prepare(`UPDATE files SET state = 'pending', error = NULL, attempts = 0, updated_at = ? WHERE job_id = ? AND state IN ('failed','cancelled')`).run(this.now(), jobId);
  }

  setJobPriority(id: string, priority: number): void {
    this.db.prepare('UPDATE jobs SET priority = ?, updated_at = ? WHERE id = ?').run(priority, this.now(), id);
  }

  /** Every folder path of the job and the Frame.io folder it maps to, once known. */
  folders(jobId: string): Map<string, string | null> {
    const rows = this.db.prepare('SELECT rel_path AS relPath, remote_id AS remoteId FROM job_folders WHERE job_id = ?').all(jobId) as Array<{ relPath: string; remoteId: string | null }>;
    return new Map(rows.map((r) => [r.relPath, r.remoteId]));
  }

  setFolder(jobId: string, relPath: string, remoteId: string): void {
    this.db.prepare('UPDATE job_folders SET remote_id = ? WHERE job_id = ? AND rel_path = ?').run(remoteId, jobId, relPath);
  }

  files(jobId: string): FileRow[] {
    return this.db.prepare(`SELECT ${FILE_COLUMNS} FROM files WHERE job_id = ? ORDER BY seq`).all(jobId) as unknown as FileRow[];
  }

  file(id: number): FileRow {
    return this.db.prepare(`SELECT ${FILE_COLUMNS} FROM files WHERE id = ?`).get(id) as unknown as FileRow;
  }

  updateFile(id: number, patch: FilePatch): void {
    const entries = Object.entries(patch).filter(([, v]) => v !== undefined) as Array<[keyof typeof FILE_FIELDS, string | number | null]>;
    if (entries.length === 0) return;
    const sets = entries.map(([key]) => `${FILE_FIELDS[key]} = ?`).join(', ');
    this.db.prepare(`UPDATE files SET ${sets}, updated_at = ? WHERE id = ?`).run(...entries.map(([, v]) => v), this.now(), id);
  }

  /** Replaces a file's parts with the ones a fresh upload handed out. */
  setParts(fileId: number, parts: Array<{ offset: number; size: number; url: string }>): void {
    transaction(this.db, () => {
      this.db.prepare('DELETE FROM parts WHERE file_id = ?').run(fileId);
      const insert = this.db.prepare(`INSERT INTO parts (file_id, idx, offset, size, url, state) VALUES (?, ?, ?, ?, ?, 'pending')`);
      parts.forEach((p, idx) => insert.run(fileId, idx, p.offset, p.size, p.url));
    });
  }

  parts(fileId: number): PartRow[] {
    return this.db.prepare('SELECT idx, offset, size, url, state, sha256 FROM parts WHERE file_id = ? ORDER BY idx').all(fileId) as unknown as PartRow[];
  }

  setPart(fileId: number, idx: number, state: PartState, sha256: string | null = null): void {
    this.db.prepare('UPDATE parts SET state = ?, sha256 = ? WHERE file_id = ? AND idx = ?').run(state, sha256, fileId, idx);
  }

  private snapshot(row: JobRecord): JobSnapshot {
    const counts = this.db
      .prepare(
        `SELECT COUNT(*) AS total,
           SUM(state = 'done') AS done, SUM(state = 'skipped') AS skipped, SUM(state = 'failed') AS failed,
           COALESCE(SUM(size), 0) AS bytesTotal,
           COALESCE(SUM(CASE WHEN state IN ('done','skipped') THEN size ELSE bytes_done END), 0) AS bytesDone
         FROM files WHERE job_id = ?`,
      )
      .get(row.id) as { total: number; done: number | null; skipped: number | null; failed: number | null; bytesTotal: number; bytesDone: number };
    return {
      id: row.id,
      kind: row.kind,
      accountId: row.account_id,
      folderId: row.folder_id,
      label: row.label,
      conflict: row.conflict,
      priority: row.priority,
      state: row.state,
      error: row.error,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      filesTotal: counts.total,
      filesDone: counts.done ?? 0,
      filesSkipped: counts.skipped ?? 0,
      filesFailed: counts.failed ?? 0,
      bytesTotal: counts.bytesTotal,
      bytesDone: counts.bytesDone,
    };
  }
}

export function fileSnapshot(row: FileRow): FileSnapshot {
  return {
    id: row.id,
    source: row.source,
    relDir: row.relDir,
    name: row.name,
    remoteName: row.remoteName,
    remoteId: row.remoteId,
    size: row.size,
    state: row.state as FileState,
    bytesDone: row.bytesDone,
    sha256: row.sha256,
    error: row.error,
  };
}
