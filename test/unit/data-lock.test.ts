// One Slate at a time per data folder: a second is refused with the first one named, a dead holder's
// lock (a crash, kill -9) is taken over, and a release leaves nothing behind.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DataFolderBusy, LOCK_FILE, lockDataFolder } from '../../main/core/data-lock.ts';
import type { Refusal } from '../../main/core/errors.ts';

const roots: string[] = [];
after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'slate-lock-'));
  roots.push(dir);
  return dir;
}

/** Another process holding the folder, until killed. */
async function holdInChild(dataDir: string) {
  const module = new URL('../../main/core/data-lock.ts', import.meta.url).href;
  const child = spawn(process.execPath, ['--input-type=module', '-e', `const { lockDataFolder } = await import(${JSON.stringify(module)}); lockDataFolder(${JSON.stringify(dataDir)}, '\`slate serve\`'); console.log('held'); setInterval(() => {}, 1000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  assert.equal(line.toString().trim(), 'held');
  return child;
}

test('the folder is held while the lock is, and released without a trace', () => {
  const dir = tempDir();
  const lock = lockDataFolder(dir, 'The Slate app');
  const holder = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as { pid: number; what: string };
  assert.deepEqual([holder.pid, holder.what], [process.pid, 'The Slate app']);
  lock.release();
  assert.deepEqual(
    [existsSync(join(dir, LOCK_FILE)), existsSync(join(dir, `${LOCK_FILE}.${process.pid}`))],
    [false, false],
  );
});

test('a second Slate is refused, naming the first and saying what to do; once that one is killed, the folder is taken over', async () => {
  const dir = tempDir();
  const child = await holdInChild(dir);
  try {
    assert.throws(
      () => lockDataFolder(dir, '`slate upload`'),
      (error: unknown) =>
        error instanceof DataFolderBusy &&
        error.message.startsWith(`\`slate serve\` (process ${child.pid}, since `) &&
        error.message.includes(`is already using the data folder ${dir}. Let it do the work, or close it first; to run separately, give this one its own folder with --data-dir or SLATE_DATA_DIR. (If no Slate is running there, delete ${join(dir, LOCK_FILE)}.)`),
    );
  } finally {
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
  assert.ok(existsSync(join(dir, LOCK_FILE)), 'a killed holder leaves its lock behind');
  const lock = lockDataFolder(dir, '`slate resume`');
  assert.equal((JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as { pid: number }).pid, process.pid);
  lock.release();
});

test('a holder on another machine (a shared folder) cannot be checked, so it counts', () => {
  const dir = tempDir();
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 1, host: 'edit-bay-2', what: 'The Slate app', since: '2026-11-25T09:00:00.000Z' }));
  assert.throws(() => lockDataFolder(dir, '`slate serve`'), /^DataFolderBusy: The Slate app \(process 1 on edit-bay-2, since 2026-11-25T09:00:00.000Z\) is already using/);
});

test('a takeover left half-done by a starter that died is explained, naming both files to delete', async () => {
  const dir = tempDir();
  const exited = spawn(process.execPath, ['-e', '']);
  await once(exited, 'exit');
  const dead = JSON.stringify({ pid: exited.pid, host: hostname(), what: 'The Slate app', since: '2026-11-25T09:00:00.000Z' });
  writeFileSync(join(dir, LOCK_FILE), dead);
  const mark = join(dir, `${LOCK_FILE}.takeover-${createHash('sha256').update(dead).digest('hex').slice(0, 16)}`);
  writeFileSync(mark, String(exited.pid));
  assert.throws(() => lockDataFolder(dir, '`slate serve`'), (error: Refusal) => error.message.includes('stopped while taking over') && error.action.includes(`delete ${join(dir, LOCK_FILE)} and ${mark}`));
  rmSync(mark);
  lockDataFolder(dir, '`slate serve`').release();
});
