// The transfer journal: jobs, their folders, files and parts in SQLite. Every change of state is
// one short write, made before the work it announces and again after it, so whatever is found here
// after a crash is the truth to resume from.
import { sep } from 'node:path';
import type { StatementSync } from 'node:sqlite';
import { transaction, type Database } from '../db.ts';
import {
  FINISHED_FILE_STATES,
  SOURCE_RELEASED_STATES,
  type ConflictPolicy,
  type FileRetry,
  type FileSnapshot,
  type FileState,
  type JobKind,
  type JobSnapshot,
  type JobState,
  type PartState,
  type PausedBy,
} from './types.ts';

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
  /** a download's file in Frame.io, known when it is planned */
  remoteId?: string;
  /** set when the file is known to be unusable at planning time (unreadable, vanished) */
  error?: string;
  /** set when the walk left the entry out on purpose (a link to a folder), with why */
  skipped?: string;
}

export interface FileRow extends Omit<FileSnapshot, 'state' | 'retry'> {
  state: FileState;
  /** the state of the file's job, which decides whether an unfinished file shows as paused */
  jobState: JobState;
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
  started_at: number | null;
  ended_at: number | null;
  paused_by: PausedBy | null;
  waiting_since: number | null;
  dest_label: string | null;
  dest_url: string | null;
  planned: number;
  files_total: number;
  files_done: number;
  files_skipped: number;
  files_failed: number;
  files_cancelled: number;
  bytes_total: number;
  bytes_done: number;
  bytes_verified: number;
}

// The folder a file lands in: the job's target for the top of the drop, else the folder made for its path.
const FILE_COLUMNS = `files.id, files.job_id AS jobId, seq, source, rel_dir AS relDir, name, size, mtime_ms AS mtimeMs, stack_onto AS stackOnto,
  remote_name AS remoteName, files.remote_id AS remoteId, media_type AS mediaType, files.state, files.error, sha256,
  created_remote_at AS createdRemoteAt, files.bytes_done AS bytesDone, attempts, jobs.state AS jobState,
  CASE WHEN rel_dir = '' THEN jobs.folder_id ELSE job_folders.remote_id END AS parentId`;
const FILE_FROM = `files JOIN jobs ON jobs.id = files.job_id
  LEFT JOIN job_folders ON job_folders.job_id = files.job_id AND job_folders.rel_path = files.rel_dir`;

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

/** What a cancelled job's files keep: a failed file is given up, and so becomes cancelled. */
const KEPT_BY_CANCEL: readonly FileState[] = ['done', 'skipped', 'cancelled'];

export type FilePatch = Partial<Pick<FileRow, keyof typeof FILE_FIELDS>>;

export interface JobCounts {
  filesTotal: number;
  filesDone: number;
  filesSkipped: number;
  filesFailed: number;
  filesCancelled: number;
  bytesTotal: number;
  bytesDone: number;
  bytesVerified: number;
}

export class Journal {
  private readonly db: Database;
  private readonly now: () => number;

  /** Statements compiled once: a job of 30,000 files runs the same few hundred thousand times. */
  private readonly statements = new Map<string, StatementSync>();

  constructor(db: Database, now: () => number = Date.now) {
    this.db = db;
    this.now = now;
  }

  private sql(text: string): StatementSync {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  /** A job whose files and folders are all known now. */
  createJob(job: NewJob, files: NewFile[], folders: string[]): void {
    transaction(this.db, () => {
      this.openJob(job, true);
      this.insertPlanned(job.id, folders, files);
    });
  }

  /** A job's row; with `planned` false its files are added as the drop is walked, then `setPlanned`. */
  openJob(job: NewJob, planned: boolean): void {
    const now = this.now();
    this.sql(
        `INSERT INTO jobs (id, kind, account_id, folder_id, label, spec, conflict, priority, state, created_at, updated_at, planned)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)`,
      )
      .run(job.id, job.kind, job.accountId, job.folderId, job.label, job.spec, job.conflict, job.priority, now, now, planned ? 1 : 0);
  }

  /**
   * Adds folders and files found by the walk, in one transaction: files take the next places in
   * the job's order, and a folder is in before any file that goes in it.
   */
  addPlanned(jobId: string, folders: string[], files: NewFile[]): void {
    transaction(this.db, () => this.insertPlanned(jobId, folders, files));
  }

  private insertPlanned(jobId: string, folders: string[], files: NewFile[]): void {
    const now = this.now();
    const folder = this.sql('INSERT OR IGNORE INTO job_folders (job_id, rel_path) VALUES (?, ?)');
    for (const relPath of folders) folder.run(jobId, relPath);
    let { seq } = this.sql('SELECT files_total AS seq FROM jobs WHERE id = ?').get(jobId) as { seq: number };
    const file = this.sql(
      `INSERT INTO files (job_id, seq, source, rel_dir, name, size, mtime_ms, stack_onto, remote_id, state, error, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const f of files) {
      file.run(jobId, seq++, f.source, f.relDir, f.name, f.size, f.mtimeMs, f.stackOnto ?? null, f.remoteId ?? null, f.error ? 'failed' : f.skipped ? 'skipped' : 'pending', f.error ?? f.skipped ?? null, now);
    }
  }

  /** The walk of the job's drop reached its end. */
  setPlanned(jobId: string): void {
    this.sql('UPDATE jobs SET planned = 1 WHERE id = ?').run(jobId);
  }

  isPlanned(jobId: string): boolean {
    return (this.sql('SELECT planned FROM jobs WHERE id = ?').get(jobId) as { planned: number } | undefined)?.planned === 1;
  }

  /** Sources already in a job whose walk was cut short: walking again adds only the others. */
  plannedSources(jobId: string): Set<string> {
    const rows = this.sql('SELECT source FROM files WHERE job_id = ?').all(jobId) as Array<{ source: string }>;
    return new Set(rows.map((row) => row.source));
  }

  job(id: string): JobSnapshot | undefined {
    const row = this.sql('SELECT * FROM jobs WHERE id = ?').get(id) as JobRecord | undefined;
    return row && this.snapshot(row);
  }

  /** Jobs, newest first; only those in `states` when given. */
  jobs(states?: readonly JobState[]): JobSnapshot[] {
    const rows = (
      states
        ? this.sql(`SELECT * FROM jobs WHERE state IN (${states.map(() => '?').join(',')}) ORDER BY created_at DESC, rowid DESC`).all(...states)
        : this.sql('SELECT * FROM jobs ORDER BY created_at DESC, rowid DESC').all()
    ) as unknown as JobRecord[];
    return rows.map((row) => this.snapshot(row));
  }

  /** The most recent job for exactly this request that has not finished well. */
  findRepeat(kind: JobKind, accountId: string, folderId: string, spec: string): JobSnapshot | undefined {
    const row = this.sql(
        `SELECT * FROM jobs WHERE kind = ? AND account_id = ? AND folder_id = ? AND spec = ? AND state IN ('queued','running','paused','failed')
         ORDER BY created_at DESC LIMIT 1`,
      )
      .get(kind, accountId, folderId, spec) as JobRecord | undefined;
    return row && this.snapshot(row);
  }

  /** Sources inside `folder` that some file will still read: it is in none of SOURCE_RELEASED_STATES. */
  sourcesStillNeeded(folder: string): Set<string> {
    const released = SOURCE_RELEASED_STATES.map(() => '?').join(',');
    const rows = this.sql(`SELECT DISTINCT source FROM files WHERE state NOT IN (${released}) AND instr(source, ?) = 1`)
      .all(...SOURCE_RELEASED_STATES, folder.endsWith(sep) ? folder : folder + sep) as Array<{ source: string }>;
    return new Set(rows.map((row) => row.source));
  }

  /** Files of the job not yet done, skipped, failed or cancelled, from its counts. */
  unfinishedCount(id: string): number {
    const row = this.sql('SELECT files_total - files_done - files_skipped - files_failed - files_cancelled AS n FROM jobs WHERE id = ?')
      .get(id) as { n: number } | undefined;
    return row?.n ?? 0;
  }

  jobSpec(id: string): string {
    return (this.sql('SELECT spec FROM jobs WHERE id = ?').get(id) as { spec: string }).spec;
  }

  /**
   * A job's new state. Running stamps the first start; a finished state stamps the end, which an
   * unfinished one clears; `pausedBy` is kept only while paused.
   */
  setJobState(id: string, state: JobState, error: string | null = null, pausedBy: PausedBy | null = null): void {
    const now = this.now();
    const finished = state === 'done' || state === 'failed' || state === 'cancelled';
    this.sql(
        `UPDATE jobs SET state = ?, error = ?, updated_at = ?, paused_by = ?,
           started_at = CASE WHEN ? AND started_at IS NULL THEN ? ELSE started_at END,
           ended_at = CASE WHEN ? THEN ? ELSE NULL END,
           waiting_since = CASE WHEN ? THEN NULL ELSE waiting_since END
         WHERE id = ?`,
      )
      .run(state, error, now, state === 'paused' ? pausedBy : null, state === 'running' ? 1 : 0, now, finished ? 1 : 0, now, state === 'running' ? 0 : 1, id);
  }

  /** Since when the job's work waits for Frame.io (null: it no longer does). */
  setWaiting(id: string, since: number | null): void {
    this.sql('UPDATE jobs SET waiting_since = ? WHERE id = ?').run(since, id);
  }

  /** The destination folder's name and page, as Frame.io gave them; kept from the first time. */
  setDestination(id: string, label: string, url: string | null): void {
    this.sql('UPDATE jobs SET dest_label = COALESCE(dest_label, ?), dest_url = COALESCE(dest_url, ?) WHERE id = ?').run(label, url, id);
  }

  /** Puts failed and cancelled files of a job back in line, keeping what they had already sent; returns their ids. */
  retryFiles(jobId: string): number[] {
    const rows = this.sql(`UPDATE files SET state = 'pending', error = NULL, attempts = 0, updated_at = ? WHERE job_id = ? AND state IN ('failed','cancelled') RETURNING id`)
      .all(this.now(), jobId) as Array<{ id: number }>;
    return rows.map((row) => row.id);
  }

  setJobPriority(id: string, priority: number): void {
    this.sql('UPDATE jobs SET priority = ?, updated_at = ? WHERE id = ?').run(priority, this.now(), id);
  }

  /** Every folder path of the job and the Frame.io folder it maps to, once known. */
  folders(jobId: string): Map<string, string | null> {
    const rows = this.sql('SELECT rel_path AS relPath, remote_id AS remoteId FROM job_folders WHERE job_id = ?').all(jobId) as Array<{ relPath: string; remoteId: string | null }>;
    return new Map(rows.map((r) => [r.relPath, r.remoteId]));
  }

  setFolder(jobId: string, relPath: string, remoteId: string): void {
    this.sql('UPDATE job_folders SET remote_id = ? WHERE job_id = ? AND rel_path = ?').run(remoteId, jobId, relPath);
  }

  files(jobId: string): FileRow[] {
    return this.sql(`SELECT ${FILE_COLUMNS} FROM ${FILE_FROM} WHERE files.job_id = ? ORDER BY seq`).all(jobId) as unknown as FileRow[];
  }

  /** The job's files from place `offset` in its order, at most `limit` of them. */
  filePage(jobId: string, offset: number, limit: number): FileRow[] {
    return this.sql(`SELECT ${FILE_COLUMNS} FROM ${FILE_FROM} WHERE files.job_id = ? AND seq >= ? AND seq < ? ORDER BY seq`)
      .all(jobId, offset, offset + limit) as unknown as FileRow[];
  }

  /** The next unfinished files of the job after place `afterSeq`, in order: what a run sends next. */
  unfinishedFiles(jobId: string, afterSeq: number, limit: number): FileRow[] {
    const finished = FINISHED_FILE_STATES.map(() => '?').join(',');
    return this.sql(`SELECT ${FILE_COLUMNS} FROM ${FILE_FROM} WHERE files.job_id = ? AND seq > ? AND files.state NOT IN (${finished}) ORDER BY seq LIMIT ?`)
      .all(jobId, afterSeq, ...FINISHED_FILE_STATES, limit) as unknown as FileRow[];
  }

  /** Files a cancel ends (failed ones too) that have something in Frame.io to clear up. */
  startedFiles(jobId: string): FileRow[] {
    const kept = KEPT_BY_CANCEL.map(() => '?').join(',');
    return this.sql(`SELECT ${FILE_COLUMNS} FROM ${FILE_FROM} WHERE files.job_id = ? AND files.state NOT IN (${kept}) AND files.remote_id IS NOT NULL ORDER BY seq`)
      .all(jobId, ...KEPT_BY_CANCEL) as unknown as FileRow[];
  }

  /** Marks every file of the job that is not done or skipped cancelled, in one statement. */
  cancelRest(jobId: string): void {
    const kept = KEPT_BY_CANCEL.map(() => '?').join(',');
    this.sql(`UPDATE files SET state = 'cancelled', updated_at = ? WHERE job_id = ? AND state NOT IN (${kept})`).run(this.now(), jobId, ...KEPT_BY_CANCEL);
  }

  file(id: number): FileRow {
    return this.sql(`SELECT ${FILE_COLUMNS} FROM ${FILE_FROM} WHERE files.id = ?`).get(id) as unknown as FileRow;
  }

  updateFile(id: number, patch: FilePatch): void {
    const entries = Object.entries(patch).filter(([, v]) => v !== undefined) as Array<[keyof typeof FILE_FIELDS, string | number | null]>;
    if (entries.length === 0) return;
    const sets = entries.map(([key]) => `${FILE_FIELDS[key]} = ?`).join(', ');
    this.sql(`UPDATE files SET ${sets}, updated_at = ? WHERE id = ?`).run(...entries.map(([, v]) => v), this.now(), id);
  }

  /** Replaces a file's parts with the ones a fresh upload handed out. */
  setParts(fileId: number, parts: Array<{ offset: number; size: number; url: string }>): void {
    transaction(this.db, () => {
      this.sql('DELETE FROM parts WHERE file_id = ?').run(fileId);
      const insert = this.sql(`INSERT INTO parts (file_id, idx, offset, size, url, state) VALUES (?, ?, ?, ?, ?, 'pending')`);
      parts.forEach((p, idx) => insert.run(fileId, idx, p.offset, p.size, p.url));
    });
  }

  parts(fileId: number): PartRow[] {
    return this.sql('SELECT idx, offset, size, url, state, sha256 FROM parts WHERE file_id = ? ORDER BY idx').all(fileId) as unknown as PartRow[];
  }

  setPart(fileId: number, idx: number, state: PartState, sha256: string | null = null): void {
    this.sql('UPDATE parts SET state = ?, sha256 = ? WHERE file_id = ? AND idx = ?').run(state, sha256, fileId, idx);
  }

  /** A download's fresh link for every range of the file, after the old one expired. */
  setPartUrls(fileId: number, url: string): void {
    this.sql('UPDATE parts SET url = ? WHERE file_id = ?').run(url, fileId);
  }

  /** The whole-file sha256 Slate took when it uploaded this Frame.io file, if it did. */
  knownDigest(remoteId: string): string | null {
    const row = this.sql(`SELECT sha256 FROM files WHERE remote_id = ? AND state = 'done' AND sha256 LIKE 'sha256:%' LIMIT 1`).get(remoteId) as { sha256: string } | undefined;
    return row ? row.sha256.slice('sha256:'.length) : null;
  }

  /** The counts as a full recount of the job's files gives them: what the kept counts must always equal. */
  recount(jobId: string): JobCounts {
    return this.sql(
        `SELECT COUNT(*) AS filesTotal, COALESCE(SUM(state = 'done'), 0) AS filesDone, COALESCE(SUM(state = 'skipped'), 0) AS filesSkipped,
           COALESCE(SUM(state = 'failed'), 0) AS filesFailed, COALESCE(SUM(state = 'cancelled'), 0) AS filesCancelled,
           COALESCE(SUM(size), 0) AS bytesTotal,
           COALESCE(SUM(CASE WHEN state IN ('done','skipped') THEN size ELSE bytes_done END), 0) AS bytesDone,
           COALESCE(SUM(CASE WHEN state = 'done' THEN size ELSE 0 END), 0) AS bytesVerified
         FROM files WHERE job_id = ?`,
      )
      .get(jobId) as unknown as JobCounts;
  }

  /** The counts kept on the job's row. */
  counts(jobId: string): JobCounts {
    return this.sql(
        `SELECT files_total AS filesTotal, files_done AS filesDone, files_skipped AS filesSkipped, files_failed AS filesFailed,
           files_cancelled AS filesCancelled, bytes_total AS bytesTotal, bytes_done AS bytesDone, bytes_verified AS bytesVerified
         FROM jobs WHERE id = ?`,
      )
      .get(jobId) as unknown as JobCounts;
  }

  private snapshot(row: JobRecord): JobSnapshot {
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
      filesTotal: row.files_total,
      filesDone: row.files_done,
      filesSkipped: row.files_skipped,
      filesFailed: row.files_failed,
      bytesTotal: row.bytes_total,
      bytesDone: row.bytes_done,
      waitingSince: row.waiting_since,
      pausedBy: row.state === 'paused' ? row.paused_by : null,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      // A file is done only after Frame.io confirmed it complete at the size sent.
      filesVerified: row.files_done,
      bytesVerified: row.bytes_verified,
      destination: { folderId: row.folder_id, label: row.dest_label, url: row.dest_url },
    };
  }
}

export function fileSnapshot(row: FileRow, retry: FileRetry | null = null): FileSnapshot {
  const paused = row.jobState === 'paused' && !FINISHED_FILE_STATES.includes(row.state);
  return {
    id: row.id,
    source: row.source,
    relDir: row.relDir,
    name: row.name,
    remoteName: row.remoteName,
    remoteId: row.remoteId,
    size: row.size,
    state: paused ? 'paused' : row.state,
    bytesDone: row.bytesDone,
    sha256: row.sha256,
    error: row.error,
    parentId: row.parentId,
    retry: paused ? null : retry,
  };
}
