import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { AccountApi } from '../../main/core/api/resources.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { clientFor, content, engineFor, makeTree, remoteTree, sha256 } from './transfer-helpers.ts';

let sandbox: CheckedSandbox;
let api: AccountApi;
before(async () => {
  // Real pacing, twice as fast as Frame.io's, so the test stays short.
  sandbox = await startCheckedSandbox({ rateLimitScale: 2 });
  api = new AccountApi(clientFor(sandbox), sandbox.accountId);
});
after(() => sandbox.close());

const newFolder = async (name: string) => (await api.createFolder(sandbox.rootFolderId, name)).id;

test('a tree of 30 files in 6 folders is paced to the limits without a single 429', async () => {
  const folderId = await newFolder('paced');
  const files: Record<string, number> = {};
  for (let f = 0; f < 6; f++) for (let i = 0; i < 5; i++) files[`shoot/day ${f}/clip ${i}.mov`] = 100 + i;
  const engine = engineFor(sandbox);
  const job = await engine.settled((await engine.upload({ accountId: sandbox.accountId, folderId, paths: [makeTree(files)] })).id);
  assert.equal(job.state, 'done', job.error ?? '');
  assert.equal(job.filesDone, 30);
  const refused = sandbox.exchanges.filter((e) => e.status === 429).map((e) => e.url);
  assert.deepEqual(refused, []);
  assert.equal((await remoteTree(sandbox, folderId)).size, 30);
  await engine.close();
});

test('same-name policies: version stacks onto the old file, rename picks "name 2", new adds another', async () => {
  const folderId = await newFolder('policies');
  const first = makeTree({ 'cut.mov': 2000, 'mix.wav': 1000, 'grade.mov': 500 });
  const second = makeTree({ 'cut.mov': 2100, 'mix.wav': 1100, 'grade.mov': 600 });
  const engine = engineFor(sandbox);
  const upload = async (root: string, conflict: 'skip' | 'version' | 'rename' | 'new', name: string) =>
    engine.settled((await engine.upload({ accountId: sandbox.accountId, folderId, paths: [join(root, name)], conflict })).id);
  for (const name of ['cut.mov', 'mix.wav', 'grade.mov']) assert.equal((await upload(first, 'skip', name)).state, 'done');
  assert.equal((await upload(second, 'version', 'cut.mov')).state, 'done');
  assert.equal((await upload(second, 'rename', 'mix.wav')).state, 'done');
  assert.equal((await upload(second, 'new', 'grade.mov')).state, 'done');

  const children = await Array.fromAsync(api.listChildren(folderId));
  const stacks = children.filter((c) => c.type === 'version_stack');
  assert.equal(stacks.length, 1);
  const versions = await Array.fromAsync(api.listVersions(stacks[0]!.id));
  assert.deepEqual(versions.map((v) => v.file_size).sort(), [2000, 2100]);
  const names = children.filter((c) => c.type === 'file').map((c) => c.name).sort();
  assert.deepEqual(names, ['grade.mov', 'grade.mov', 'mix 2.wav', 'mix.wav']);
  await engine.close();
});

test('stack uploads a file as the newest version of a file, then of its stack', async () => {
  const folderId = await newFolder('stacking');
  const root = makeTree({ 'v1.mov': 300, 'v2.mov': 301, 'v3.mov': 302 });
  const engine = engineFor(sandbox);
  const v1 = await engine.settled((await engine.upload({ accountId: sandbox.accountId, folderId, paths: [join(root, 'v1.mov')] })).id);
  const v1Id = engine.files(v1.id)[0]!.remoteId!;
  assert.equal((await engine.settled((await engine.uploadVersion({ accountId: sandbox.accountId, fileId: v1Id, path: join(root, 'v2.mov') })).id)).state, 'done');
  const v3 = await engine.settled((await engine.uploadVersion({ accountId: sandbox.accountId, fileId: v1Id, path: join(root, 'v3.mov') })).id);
  assert.equal(v3.state, 'done', v3.error ?? '');
  const [stack, ...rest] = await Array.fromAsync(api.listChildren(folderId));
  assert.equal(rest.length, 0);
  assert.equal(stack!.type, 'version_stack');
  const versions = await Array.fromAsync(api.listVersions(stack!.id));
  assert.equal(versions.length, 3);
  const head = await api.showVersionStack(stack!.id);
  assert.equal(head.head_version?.name, 'v3.mov');
  await engine.close();
});

test('a remote upload is fetched by Frame.io and confirmed through its status', async () => {
  const body = content('remote', 200_000);
  const source = createServer((_req, res) => res.end(body));
  await new Promise<void>((resolve) => source.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(source.address() as AddressInfo).port}/reel.mp4`;
  const folderId = await newFolder('remote');
  const engine = engineFor(sandbox);
  const job = await engine.settled((await engine.remoteUpload({ accountId: sandbox.accountId, folderId, url, name: 'reel.mp4' })).id);
  source.close();
  assert.equal(job.state, 'done', job.error ?? '');
  const remote = await remoteTree(sandbox, folderId);
  assert.equal(remote.get('reel.mp4')?.[0]?.sha256, sha256(body));
  await engine.close();
});

test('a remote upload Frame.io cannot fetch fails with what to check', async () => {
  const folderId = await newFolder('remote-bad');
  const engine = engineFor(sandbox);
  const job = await engine.settled((await engine.remoteUpload({ accountId: sandbox.accountId, folderId, url: 'http://127.0.0.1:9/nothing.mp4', name: 'nothing.mp4' })).id);
  assert.equal(job.state, 'failed');
  assert.match(engine.files(job.id)[0]!.error!, /could not fetch .* Check that the URL is public and reachable/);
  await engine.close();
});

