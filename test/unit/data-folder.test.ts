// The data folder is the person's alone (700, files 600) whoever made it: what Slate creates starts
// private, what was left loose is tightened at start and said, and a folder of another user's is refused.
import assert from 'node:assert/strict';
import { chownSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { describeTightened, makeDataFolderPrivate } from '../../main/core/data-folder.ts';
import { openDatabase } from '../../main/core/db.ts';
import { Refusal } from '../../main/core/errors.ts';
import { SettingsStore } from '../../main/core/settings.ts';

const work = mkdtempSync(join(tmpdir(), 'slate-private-'));
after(() => rmSync(work, { recursive: true, force: true }));
const mode = (path: string) => statSync(path).mode & 0o777;

test('a new data folder and everything Slate writes in it start private, whatever the umask', () => {
  const dir = join(work, 'fresh', 'slate');
  const umask = process.umask(0o022);
  try {
    assert.deepEqual(makeDataFolderPrivate(dir), []);
    const db = openDatabase(dir);
    db.exec('CREATE TABLE probe (x); INSERT INTO probe VALUES (1);');
    new SettingsStore(dir).update({ notifications: false });
    assert.equal(mode(dir), 0o700);
    for (const file of ['slate.db', 'slate.db-wal', 'slate.db-shm', 'settings.json']) assert.equal(mode(join(dir, file)), 0o600, file);
    db.close();
  } finally {
    process.umask(umask);
  }
});

test('a folder made loose by another program is tightened at start, staged media included, and said', () => {
  const dir = join(work, 'loose');
  const outside = join(work, 'outside.mov');
  writeFileSync(outside, 'not Slate’s', { mode: 0o644 });
  mkdirSync(join(dir, 'staging', '3c9a7e52-1f0b-4a8e-9d61-7b2e4c0a5f13', 'Day 1'), { recursive: true, mode: 0o755 });
  for (const file of ['slate.db', 'settings.json', 'staging/3c9a7e52-1f0b-4a8e-9d61-7b2e4c0a5f13/Day 1/a.mov']) writeFileSync(join(dir, file), 'x', { mode: 0o644 });
  symlinkSync(outside, join(dir, 'staging', 'link.mov'));
  const umask = process.umask(0o022);
  try {
    assert.equal(mode(dir), 0o755);
    const tightened = makeDataFolderPrivate(dir);
    assert.ok(tightened.includes(dir) && tightened.includes(join(dir, 'slate.db')));
    assert.equal(mode(dir), 0o700);
    assert.ok(tightened.includes(join(dir, 'staging', '3c9a7e52-1f0b-4a8e-9d61-7b2e4c0a5f13', 'Day 1', 'a.mov')));
    assert.equal(mode(join(dir, 'staging', '3c9a7e52-1f0b-4a8e-9d61-7b2e4c0a5f13', 'Day 1')), 0o700);
    assert.equal(mode(join(dir, 'settings.json')), 0o600);
    assert.equal(mode(outside), 0o644, 'what a link points to is not Slate’s to change');
    assert.match(describeTightened(dir, tightened), /was readable by other users \(.*slate\.db.*\); it is private again \(folders 700, files 600\)/);
    assert.deepEqual(makeDataFolderPrivate(dir), [], 'nothing left to tighten');
  } finally {
    process.umask(umask);
  }
});

test('a data folder that belongs to another user is refused with what to do', (t) => {
  if (process.getuid?.() !== 0) return t.skip('only root can hand a folder to another user');
  const dir = join(work, 'theirs');
  mkdirSync(dir, { mode: 0o700 });
  chownSync(dir, 4321, 4321);
  assert.throws(
    () => makeDataFolderPrivate(dir),
    (error: unknown) => error instanceof Refusal && error.code === 'data-folder:not-yours' && /belongs to another user \(uid 4321\)/.test(error.message) && /--data-dir or SLATE_DATA_DIR/.test(error.action),
  );
});
