import assert from 'node:assert/strict';
import { appendFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FrameioClient, staticToken } from '../../main/core/api/client.ts';
import { AccountApi } from '../../main/core/api/resources.ts';
import { openDatabase } from '../../main/core/db.ts';
import { TransferEngine } from '../../main/core/transfers/engine.ts';
import { nodeFs, type TransferFs } from '../../main/core/transfers/fs.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { clientFor, engineFor, makeTree, remoteTree, sha256File } from './transfer-helpers.ts';

const PART = 64 * 1024;
let sandbox: CheckedSandbox;
before(async () => {
  sandbox = await startCheckedSandbox({ partSize: PART, rateLimitScale: 10, uploadUrlTtlMs: 1500 });
});
after(() => sandbox.close());

async function newFolder(name: string): Promise<string> {
  return (await new AccountApi(clientFor(sandbox), sandbox.accountId).createFolder(sandbox.rootFolderId, name)).id;
}

/** A file system that does something to a source the first time a given part of it is read. */
function fsWithTrap(onRead: (path: string, start: number) => void): TransferFs {
  return { ...nodeFs, read: (path, start, end) => (onRead(path, start), nodeFs.read(path, start, end)) };
}

test('expired upload links after a pause are replaced by a fresh upload, leaving exactly one file', async () => {
  const folderId = await newFolder('expired links');
  const root = makeTree({ 'long.mov': PART * 6 });
  const engine = engineFor(sandbox, { partConcurrency: 1, maxParts: 1, bandwidth: '200K', progressIntervalMs: 50 });
  let pausedOnce = false;
  engine.on('progress', (p) => {
    if (!pausedOnce && p.bytesDone >= PART * 2) {
      pausedOnce = true;
      engine.pause(p.jobId);
    }
  });
  const job = await engine.upload({ accountId: sandbox.accountId, folderId, paths: [join(root, 'long.mov')] });
  assert.equal((await engine.settled(job.id)).state, 'paused');
  // Longer than the links live: the sandbox now refuses the remaining parts' URLs with 403.
  await new Promise((resolve) => setTimeout(resolve, 1600));
  engine.setBandwidth('off');
  engine.resume(job.id);
  const done = await engine.settled(job.id);
  assert.equal(done.state, 'done', done.error ?? '');
  assert.ok(sandbox.exchanges.some((e) => e.method === 'PUT' && e.status === 403), 'the sandbox did refuse an expired link');
  const remote = await remoteTree(sandbox, folderId);
  assert.equal(remote.get('long.mov')?.length, 1, 'the refused upload was replaced, not duplicated');
  assert.equal(remote.get('long.mov')![0]!.sha256, sha256File(join(root, 'long.mov')));
  assert.match(engine.files(job.id)[0]!.error ?? '', /deleted the unfinished file there and is uploading it again/, 'the file says why it started over');
  const left = await Array.fromAsync(new AccountApi(clientFor(sandbox), sandbox.accountId).listFiles(folderId));
  assert.deepEqual(left.filter((f) => f.status === 'created'), [], 'no half-made file is left in Frame.io');
  await engine.close();
});

test('a file that changes during upload is sent again whole; one that keeps changing fails and says so', async () => {
  const folderId = await newFolder('changing');
  const root = makeTree({ 'grows.mov': PART * 3, 'restless.mov': PART * 3 });
  const changes = new Map<string, number>();
  const fs = fsWithTrap((path, start) => {
    const count = changes.get(path) ?? 0;
    const limit = path.endsWith('grows.mov') ? 1 : 5;
    if (start === PART && count < limit) {
      changes.set(path, count + 1);
      appendFileSync(path, 'more');
    }
  });
  const engine = new TransferEngine({ client: clientFor(sandbox), db: openDatabase(':memory:'), fs });
  const job = await engine.settled((await engine.upload({ accountId: sandbox.accountId, folderId, paths: [join(root, 'grows.mov'), join(root, 'restless.mov')] })).id);
  assert.equal(job.state, 'failed');
  const files = engine.files(job.id);
  assert.equal(files.find((f) => f.name === 'grows.mov')!.state, 'done');
  assert.match(files.find((f) => f.name === 'restless.mov')!.error!, /changed during upload/);
  const remote = await remoteTree(sandbox, folderId);
  assert.deepEqual([...remote.keys()], ['grows.mov'], 'nothing half-sent was left behind');
  assert.equal(remote.get('grows.mov')![0]!.sha256, sha256File(join(root, 'grows.mov')));
  await engine.close();
});

test('a source that vanishes fails that file with a clear message; the others upload', async () => {
  const folderId = await newFolder('vanishing');
  const root = makeTree({ 'gone.mov': PART * 2, 'kept.mov': 1000 });
  const fs = fsWithTrap((path) => {
    if (path.endsWith('gone.mov')) {
      try {
        unlinkSync(path);
      } catch {
        // already gone
      }
    }
  });
  const engine = new TransferEngine({ client: clientFor(sandbox), db: openDatabase(':memory:'), fs });
  const job = await engine.settled((await engine.upload({ accountId: sandbox.accountId, folderId, paths: [join(root, 'gone.mov'), join(root, 'kept.mov')] })).id);
  assert.equal(job.state, 'failed');
  const gone = engine.files(job.id).find((f) => f.name === 'gone.mov')!;
  assert.equal(gone.state, 'failed');
  assert.match(gone.error!, /vanished during upload|no longer exists/);
  assert.equal(engine.files(job.id).find((f) => f.name === 'kept.mov')!.state, 'done');
  await engine.close();
});

test('a deleted target folder fails the job and says so', async () => {
  const folderId = await newFolder('doomed');
  await new FrameioClient({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) }).call('folders.delete', { params: { account_id: sandbox.accountId, folder_id: folderId } });
  const engine = engineFor(sandbox);
  const job = await engine.settled((await engine.upload({ accountId: sandbox.accountId, folderId, paths: [makeTree({ 'x.mov': 10 })] })).id);
  assert.equal(job.state, 'failed');
  assert.match(job.error!, /target folder no longer exists/);
  await engine.close();
});

test('a token Frame.io refuses, with no fresh one to be had, stops the job: sign in again', async () => {
  const engine = new TransferEngine({ client: new FrameioClient({ baseUrl: sandbox.url, tokens: staticToken('revoked') }), db: openDatabase(':memory:') });
  const job = await engine.settled((await engine.upload({ accountId: sandbox.accountId, folderId: sandbox.rootFolderId, paths: [makeTree({ 'x.mov': 10 })] })).id);
  assert.equal(job.state, 'failed');
  assert.match(job.error!, /Sign in again/);
  await engine.close();
});

test('cancelling removes the half-made file from Frame.io', async () => {
  const folderId = await newFolder('cancelled');
  const engine = engineFor(sandbox, { bandwidth: '256K' });
  const job = await engine.upload({ accountId: sandbox.accountId, folderId, paths: [makeTree({ 'big.mov': PART * 8 })] });
  await new Promise<void>((resolve) => engine.on('progress', (p) => p.bytesDone > 0 && resolve()));
  const cancelled = await engine.cancel(job.id);
  assert.equal(cancelled.state, 'cancelled');
  assert.equal((await remoteTree(sandbox, folderId)).size, 0);
  await engine.close();
});
