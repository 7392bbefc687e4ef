// A file costs the same in a job of 300 or 3,000: the journal work behind each event (statements
// run, rows they return, and the rows their query plans can read) does not grow with the job.
// Counted, not timed: every statement the engine runs goes through a counting database.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { after, before, test } from 'node:test';
import { openDatabase } from '../../main/core/db.ts';
import { TransferEngine } from '../../main/core/transfers/engine.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { clientFor, tempDir } from './transfer-helpers.ts';

let sandbox: CheckedSandbox;
before(async () => {
  // Limits scaled up: the count of work per file is the point here, not the pacing.
  sandbox = await startCheckedSandbox({ rateLimitScale: 1_000 });
});
after(() => sandbox.close());

interface Work {
  /** executions and rows returned, by statement text */
  runs: Map<string, { count: number; rows: number }>;
  db: DatabaseSync;
}

/** A journal database that counts every statement run through it and the rows each returns. */
function countingDatabase(): Work {
  const db = openDatabase(':memory:');
  const runs = new Map<string, { count: number; rows: number }>();
  const note = (sql: string, rows: number) => {
    const entry = runs.get(sql) ?? { count: 0, rows: 0 };
    entry.count++;
    entry.rows += rows;
    runs.set(sql, entry);
  };
  const counted = (statement: StatementSync, sql: string): StatementSync =>
    new Proxy(statement, {
      get(target, key) {
        if (key === 'all') return (...args: never[]) => { const rows = target.all(...args); note(sql, rows.length); return rows; };
        if (key === 'get') return (...args: never[]) => { const row = target.get(...args); note(sql, row === undefined ? 0 : 1); return row; };
        if (key === 'run') return (...args: never[]) => { note(sql, 0); return target.run(...args); };
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  const proxy = new Proxy(db, {
    get(target, key) {
      if (key === 'prepare') return (sql: string) => counted(target.prepare(sql), sql);
      if (key === 'exec') return (sql: string) => { note(sql, 0); target.exec(sql); };
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { runs, db: proxy };
}

/**
 * The lookups a statement run for every file may make: one row by its key, or the parts of one
 * file. Anything else (a scan, or a search by job) reads more rows the bigger the job is.
 */
const ONE_ROW_LOOKUPS = [
  /^SEARCH \w+ USING INTEGER PRIMARY KEY \(rowid=\?\)( LEFT-JOIN)?$/,
  /^SEARCH jobs USING (COVERING )?INDEX sqlite_autoindex_jobs_1 \(id=\?\)( LEFT-JOIN)?$/,
  /^SEARCH job_folders USING (COVERING )?INDEX sqlite_autoindex_job_folders_1 \(job_id=\? AND rel_path=\?\)( LEFT-JOIN)?$/,
  /^SEARCH parts USING (PRIMARY KEY|(COVERING )?INDEX sqlite_autoindex_parts_1) \(file_id=\?( AND idx=\?)?\)$/,
];

function planProblems(db: DatabaseSync, sql: string): string[] {
  if (!/^\s*(SELECT|UPDATE|DELETE|INSERT)/i.test(sql)) return [];
  const parameters = [...sql.matchAll(/\?/g)].map(() => null);
  const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as Array<{ detail: string }>;
  return plan.map((step) => step.detail).filter((detail) => /^(SCAN|SEARCH)/.test(detail) && !ONE_ROW_LOOKUPS.some((ok) => ok.test(detail))).map((detail) => `${detail} in: ${sql.replace(/\s+/g, ' ')}`);
}

async function uploadMany(count: number): Promise<{ work: Work; events: number; perFile: { statements: number; rows: number } }> {
  const root = join(tempDir('scale'), `frames ${count}`);
  for (let i = 0; i < count; i++) {
    const dir = join(root, `shot_${Math.floor(i / 500)}`);
    if (i % 500 === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `frame_${String(i).padStart(5, '0')}.dpx`), `frame ${i}\n`);
  }
  const work = countingDatabase();
  const engine = new TransferEngine({ client: clientFor(sandbox), db: work.db, fileConcurrency: 8, progressIntervalMs: 20 });
  let events = 0;
  engine.on('job', () => events++);
  engine.on('file', () => events++);
  engine.on('progress', () => events++);
  const started = await engine.upload({ accountId: sandbox.accountId, folderId: sandbox.rootFolderId, paths: [root] });
  const job = await engine.settled(started.id);
  await engine.close();
  assert.equal(job.state, 'done', job.error ?? '');
  assert.equal(job.filesDone, count);
  let statements = 0;
  let rows = 0;
  for (const { count: runs, rows: returned } of work.runs.values()) {
    statements += runs;
    rows += returned;
  }
  return { work, events, perFile: { statements: statements / count, rows: rows / count } };
}

test('a 3,000-file job does the same journal work per file as a 300-file one, and every event reads a few rows by key', { timeout: 600_000 }, async () => {
  const small = await uploadMany(300);
  const large = await uploadMany(3_000);

  // The work a job does once (its plan, its folders) is spread over fewer files in the small job.
  assert.ok(large.perFile.statements <= small.perFile.statements * 1.05, `statements per file: ${large.perFile.statements.toFixed(1)} at 3,000, ${small.perFile.statements.toFixed(1)} at 300`);
  assert.ok(large.perFile.rows <= small.perFile.rows * 1.05, `rows returned per file: ${large.perFile.rows.toFixed(1)} at 3,000, ${small.perFile.rows.toFixed(1)} at 300`);
  assert.ok(large.events >= 3_000 * 3, `${large.events} events: every file's changes were told`);

  // The run reads the unfinished files a page at a time; idle workers share one read rather than
  // each reading the same page (once per idle worker: hundreds of times a job while the walk went on).
  const pageReads = [...large.work.runs].filter(([sql]) => /WHERE files\.job_id = \? AND seq > \?/.test(sql)).reduce((sum, [, { count }]) => sum + count, 0);
  assert.ok(pageReads > 0 && pageReads <= 3_000 / 100, `${pageReads} reads of the next page of unfinished files for 3,000 files`);

  // Statements run at least once per ten files are the per-event work: each must read rows by key.
  const perEvent = [...large.work.runs].filter(([, { count }]) => count >= 3_000 / 10).map(([sql]) => sql);
  assert.ok(perEvent.some((sql) => /FROM jobs WHERE id = \?/.test(sql)), 'job snapshots are among them');
  assert.deepEqual(perEvent.flatMap((sql) => planProblems(large.work.db, sql)), []);
  for (const sql of perEvent) {
    const { count, rows } = large.work.runs.get(sql)!;
    assert.ok(rows / count <= 16, `${(rows / count).toFixed(1)} rows per run of ${sql.replace(/\s+/g, ' ')}`);
  }
});
