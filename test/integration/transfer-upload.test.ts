import assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ProgressEvent } from '../../main/core/transfers/types.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { engineFor, makeTree, remoteTree, sha256File } from './transfer-helpers.ts';

let sandbox: CheckedSandbox;
before(async () => {
  sandbox = await startCheckedSandbox({ partSize: 256 * 1024, rateLimitScale: 10 });
});
after(() => sandbox.close());

test('a folder tree with Unicode names arrives whole, structure kept, every byte hashed when the job asks', async () => {
  const files = {
    'Plates/A001_C002.mov': 1_300_000,
    'Plates/Ünïcødé — 日本語 🎬.wav': 70_000,
    'Plates/Selects/hero.mxf': 600_000,
    'notes.txt': 1_234,
    'empty.txt': 0,
  };
  const root = makeTree(files);
  const engine = engineFor(sandbox);
  const progress: ProgressEvent[] = [];
  engine.on('progress', (p) => progress.push(p));
  const started = await engine.upload({ accountId: sandbox.accountId, folderId: sandbox.rootFolderId, paths: [root], recordSha256: true });
  const job = await engine.settled(started.id);

  assert.equal(job.state, 'done', JSON.stringify(engine.files(job.id).filter((f) => f.error)));
  assert.equal(job.filesDone, 4);
  assert.equal(job.filesSkipped, 1, 'the empty file is skipped, with a reason');
  assert.match(engine.files(job.id).find((f) => f.name === 'empty.txt')!.error!, /empty/);

  const remote = await remoteTree(sandbox, sandbox.rootFolderId);
  const top = basename(root);
  for (const [rel, size] of Object.entries(files)) {
    const entries = remote.get(`${top}/${rel}`) ?? [];
    if (size === 0) {
      assert.equal(entries.length, 0);
      continue;
    }
    assert.equal(entries.length, 1, `exactly one ${rel}`);
    assert.equal(entries[0]!.sha256, sha256File(join(root, rel)), `${rel} arrived intact`);
  }
  const digests = engine.files(job.id).filter((f) => f.state === 'done').map((f) => f.sha256);
  assert.ok(digests.every((d) => d && /^sha256(-parts)?:[0-9a-f]{64}$/.test(d)));
  assert.equal(engine.files(job.id).find((f) => f.name === 'notes.txt')!.sha256, `sha256:${sha256File(join(root, 'notes.txt'))}`);
  const last = progress.at(-1)!;
  assert.equal(last.bytesDone, last.bytesTotal);
  await engine.close();
});

test('re-running the same upload skips what is already there', async () => {
  const root = makeTree({ 'a.bin': 5_000, 'b.bin': 7_000 });
  const engine = engineFor(sandbox);
  const request = { accountId: sandbox.accountId, folderId: sandbox.rootFolderId, paths: [join(root, 'a.bin'), join(root, 'b.bin')] };
  assert.equal((await engine.settled((await engine.upload(request)).id)).filesDone, 2);
  const second = engineFor(sandbox);
  const again = await second.settled((await second.upload(request)).id);
  assert.equal(again.state, 'done');
  assert.equal(again.filesSkipped, 2);
  await engine.close();
  await second.close();
});

test('a job that does not ask for digests sends every byte and hashes nothing', async () => {
  const files = { 'A002_C001.mov': 700_000, 'notes.txt': 900 };
  const root = makeTree(files);
  const engine = engineFor(sandbox);
  const job = await engine.settled((await engine.upload({ accountId: sandbox.accountId, folderId: sandbox.rootFolderId, paths: [root] })).id);
  assert.equal(job.state, 'done', job.error ?? '');
  assert.deepEqual(
    engine.files(job.id).map((f) => f.sha256),
    [null, null],
    'no whole-file digest, for a file of several parts or of one',
  );
  const remote = await remoteTree(sandbox, sandbox.rootFolderId);
  for (const rel of Object.keys(files)) assert.equal(remote.get(`${basename(root)}/${rel}`)![0]!.sha256, sha256File(join(root, rel)), `${rel} arrived intact`);
  await engine.close();
});
