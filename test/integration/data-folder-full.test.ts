// A full disk under the data folder: each way it shows (the lock file cannot be written, SQLite
// cannot grow its journal) says which folder and what to do, and leaves nothing half-written.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { lockDataFolder } from '../../main/core/data-lock.ts';
import { Refusal } from '../../main/core/errors.ts';
import { NODE, ROOT } from '../support/processes.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { mountSmallDisk, type SmallDisk } from '../support/small-disk.ts';
import { makeTree } from './transfer-helpers.ts';

const mounted = mountSmallDisk(1024 * 1024);
const skip = typeof mounted === 'string' ? mounted : false;
const disk = mounted as SmallDisk;
after(() => {
  if (!skip) disk.unmount();
});

let sandbox: CheckedSandbox;
before(async () => {
  sandbox = await startCheckedSandbox({ seed: 'minimal' });
});
after(() => sandbox.close());

function slate(args: string[], dataDir: string) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const env = { ...process.env, SLATE_API_URL: sandbox.url, SLATE_TOKEN: sandbox.token, SLATE_ACCOUNT_ID: sandbox.accountId, SLATE_DATA_DIR: dataDir };
    const child = spawn(NODE, ['bin/slate.js', ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

const fullMessage = (dir: string) => `The disk that holds Slate's data folder ${dir} is full, so Slate cannot write its journal there.`;

test('a full disk refuses the lock by naming the folder, and leaves no empty lock file', { skip }, () => {
  const dataDir = join(disk.dir, 'lock');
  lockDataFolder(dataDir, 'a first Slate').release();
  disk.fill();
  try {
    assert.throws(
      () => lockDataFolder(dataDir, 'the Slate app'),
      (error: unknown) => {
        assert.ok(error instanceof Refusal, String(error));
        assert.equal(error.code, 'data-folder:full');
        assert.equal(error.message, fullMessage(dataDir));
        assert.match(error.action, /^Free some space on that disk, or give Slate a data folder on another disk with --data-dir or SLATE_DATA_DIR/);
        return true;
      },
    );
    assert.deepEqual(readdirSync(dataDir), [], 'no slate.lock.<pid> is left behind');
  } finally {
    disk.empty();
  }
});

test('slate upload on a full data disk exits 1 naming the folder and what to do', { skip }, async () => {
  const dataDir = join(disk.dir, 'upload');
  const source = makeTree({ 'a.mov': 2048 });
  disk.fill();
  try {
    const result = await slate(['upload', join(source, 'a.mov'), '--to', sandbox.rootFolderId], dataDir);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, new RegExp(`^slate: ${escape(fullMessage(dataDir))}$`, 'm'));
    assert.match(result.stderr, /^ {7}Free some space on that disk/m);
    assert.doesNotMatch(result.stderr, /ENOSPC|inside Slate/);
    assert.deepEqual(readdirSync(dataDir).filter((name) => name.startsWith('slate.lock')), []);
  } finally {
    disk.empty();
  }
});

// Room for the lock file, not for the journal: SQLite finds the disk full (SQLITE_FULL), or fails
// to grow its shared memory (SQLITE_IOERR), or rolls the transaction back itself (64 KiB).
for (const room of [8 * 1024, 16 * 1024, 32 * 1024, 64 * 1024]) {
  test(`SQLite finding the disk full is named (${room / 1024} KiB left)`, { skip }, async () => {
    const dataDir = join(disk.dir, `journal-${room}`);
    disk.fill(room);
    try {
      const source = makeTree({ 'b.mov': 2048 });
      const result = await slate(['upload', join(source, 'b.mov'), '--to', sandbox.rootFolderId], dataDir);
      assert.equal(result.status, 1, result.stderr);
      assert.match(result.stderr, new RegExp(`^slate: ${escape(fullMessage(dataDir))}$`, 'm'));
      assert.doesNotMatch(result.stderr, /cannot rollback|database or disk is full|inside Slate/);
    } finally {
      disk.empty();
    }
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
