import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { defaultDataDir, openDatabase, SCHEMA_VERSION } from '../../main/core/db.ts';
import { fileDigest } from '../../main/core/transfers/file-upload.ts';
import { Journal } from '../../main/core/transfers/journal.ts';

const job = { id: 'j1', kind: 'upload' as const, accountId: 'a', folderId: 'f', label: 'drop', spec: '{"paths":["/x"]}', conflict: 'skip' as const, priority: 0 };

test('the journal is a versioned WAL database in the data folder, reopened as it was left', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slate-db-'));
  const first = openDatabase(dir);
  new Journal(first).createJob(job, [{ source: '/x/a', relDir: '', name: 'a', size: 3, mtimeMs: 1 }], ['']);
  first.close();
  const raw = new DatabaseSync(join(dir, 'slate.db'));
  assert.equal((raw.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode, 'wal');
  assert.equal((raw.prepare('PRAGMA user_version').get() as { user_version: number }).user_version, SCHEMA_VERSION);
  raw.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
  raw.close();
  assert.throws(() => openDatabase(dir), /newer Slate/);
});

test('jobs, files and parts round-trip with their states and totals', () => {
  const journal = new Journal(openDatabase(':memory:'));
  journal.createJob(job, [
    { source: '/x/a', relDir: '', name: 'a', size: 100, mtimeMs: 1 },
    { source: '/x/d/b', relDir: 'x/d', name: 'b', size: 50, mtimeMs: 2 },
    { source: '/x/gone', relDir: '', name: 'gone', size: 0, mtimeMs: 0, error: 'Could not read it.' },
  ], ['', 'x', 'x/d']);
  const [a, b, gone] = journal.files('j1');
  assert.equal(gone!.state, 'failed');
  journal.setParts(a!.id, [{ offset: 0, size: 60, url: 'u1' }, { offset: 60, size: 40, url: 'u2' }]);
  journal.updateFile(a!.id, { remoteId: 'r1', state: 'uploading' });
  journal.setPart(a!.id, 0, 'done', 'ab'.repeat(32));
  journal.updateFile(a!.id, { bytesDone: 60 });
  journal.updateFile(b!.id, { state: 'done' });
  journal.setFolder('j1', 'x', 'remote-x');

  const snapshot = journal.job('j1')!;
  assert.deepEqual(
    { total: snapshot.filesTotal, done: snapshot.filesDone, failed: snapshot.filesFailed, bytesTotal: snapshot.bytesTotal, bytesDone: snapshot.bytesDone },
    { total: 3, done: 1, failed: 1, bytesTotal: 150, bytesDone: 110 },
  );
  assert.deepEqual(journal.parts(a!.id).map((p) => p.state), ['done', 'pending']);
  assert.equal(journal.file(a!.id).remoteId, 'r1');
  assert.deepEqual([...journal.folders('j1')], [['', null], ['x', 'remote-x'], ['x/d', null]]);
  assert.equal(journal.findRepeat('upload', 'a', 'f', job.spec)?.id, 'j1');
  journal.setJobState('j1', 'done');
  assert.equal(journal.findRepeat('upload', 'a', 'f', job.spec), undefined, 'a finished job is not repeated');
  journal.setJobState('j1', 'failed');
  journal.retryFiles('j1');
  assert.equal(journal.file(gone!.id).state, 'pending');
});

test('a file digest is its sha256, or for parallel parts the sha256 of the part digests', () => {
  const part = (sha256: string | null, idx = 0) => ({ idx, offset: 0, size: 1, url: '', state: 'done' as const, sha256 });
  assert.equal(fileDigest([part('aa'.repeat(32))]), `sha256:${'aa'.repeat(32)}`);
  assert.match(fileDigest([part('aa'.repeat(32)), part('bb'.repeat(32), 1)])!, /^sha256-parts:[0-9a-f]{64}$/);
  assert.equal(fileDigest([part(null)]), null);
});

test('the default data folder follows the platform, and SLATE_DATA_DIR wins', () => {
  assert.equal(defaultDataDir({ SLATE_DATA_DIR: '/d' }, 'linux'), '/d');
  assert.match(defaultDataDir({ XDG_DATA_HOME: '/xdg' }, 'linux'), /^\/xdg\/slate$/);
  assert.match(defaultDataDir({}, 'darwin'), /Library\/Application Support\/Slate$/);
  assert.match(defaultDataDir({ APPDATA: 'C:\\Users\\r\\AppData\\Roaming' }, 'win32'), /Slate$/);
});

test('a source is still needed until every file reading it is done, skipped or cancelled', () => {
  const journal = new Journal(openDatabase(':memory:'));
  const file = (source: string) => ({ source, relDir: '', name: source.split('/').pop()!, size: 1, mtimeMs: 1 });
  journal.createJob(job, ['/s/b1/done', '/s/b1/skipped', '/s/b1/cancelled', '/s/b1/failed', '/s/b1/pending', '/s/b2/shared', '/s-other/x', '/elsewhere/y'].map(file), ['']);
  journal.createJob({ ...job, id: 'j2', spec: '{}' }, [file('/s/b2/shared')], ['']);
  const ids = new Map(journal.files('j1').map((f) => [f.source, f.id]));
  journal.updateFile(ids.get('/s/b1/done')!, { state: 'done' });
  journal.updateFile(ids.get('/s/b1/skipped')!, { state: 'skipped' });
  journal.updateFile(ids.get('/s/b1/cancelled')!, { state: 'cancelled' });
  journal.updateFile(ids.get('/s/b1/failed')!, { state: 'failed' });
  journal.updateFile(ids.get('/s/b2/shared')!, { state: 'done' });
  // Another job still reads the shared copy; nothing outside /s/ counts, however it is spelled.
  assert.deepEqual([...journal.sourcesStillNeeded('/s')].sort(), ['/s/b1/failed', '/s/b1/pending', '/s/b2/shared']);
  assert.deepEqual([...journal.sourcesStillNeeded('/s/')].sort(), ['/s/b1/failed', '/s/b1/pending', '/s/b2/shared']);
});
