// Follows run inside the service (the web agent's backend here, as `slate serve` opens it): one
// added through the contract's door brings down a file uploaded to Frame.io later, goes on after
// the backend is closed and opened again without fetching anything twice, says when its folder is
// deleted in Frame.io and what to do, and a local folder the agent does not allow or a Frame.io
// folder that is not there is refused with words.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Follow, Reply } from '../../preload/contract.ts';
import { openBackend, type Backend } from '../../main/backend.ts';
import { AccountApi } from '../../main/core/api/resources.ts';
import { dispatch } from '../../main/core/dispatch.ts';
import type { TransferEngine } from '../../main/core/transfers/engine.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { clientFor, content, engineFor, makeTree, tempDir } from './transfer-helpers.ts';

let sandbox: CheckedSandbox;
let uploader: TransferEngine;
let api: AccountApi;
const open: Backend[] = [];

before(async () => {
  sandbox = await startCheckedSandbox({ seed: 'minimal', partSize: 64 * 1024, transcodeDelayMs: 0 });
  uploader = engineFor(sandbox);
  api = new AccountApi(clientFor(sandbox), sandbox.accountId);
});
after(async () => {
  for (const backend of open) await backend.close();
  await uploader.close();
  await sandbox.close();
});

async function agent(dataDir: string, root: string): Promise<Backend> {
  const backend = await openBackend({ apiUrl: sandbox.url, token: sandbox.token, dataDir, followCheckSeconds: 1 }, 'web', { allowRoots: [root] });
  open.push(backend);
  return backend;
}

async function closeAgent(backend: Backend): Promise<void> {
  open.splice(open.indexOf(backend), 1);
  await backend.close();
}

/** The first follows:changed `match` accepts; rejects after 30 s as a safety net, with what was seen. */
function changed(backend: Backend, match: (follow: Follow) => boolean): Promise<Follow> {
  const seen: Follow[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no such follows:changed; seen:\n${seen.map((f) => JSON.stringify(f)).join('\n')}`));
    }, 30_000);
    const stop = backend.service.on('follows:changed', (follow) => {
      seen.push(follow);
      if (!match(follow)) return;
      clearTimeout(timer);
      stop();
      resolve(follow);
    });
  });
}

function value<T>(reply: Reply): T {
  assert.ok(reply.ok, JSON.stringify(reply));
  return reply.value as T;
}

async function uploadInto(folderId: string, name: string, size: number): Promise<void> {
  const source = join(makeTree({ [name]: size }), name);
  const job = await uploader.upload({ accountId: sandbox.accountId, folderId, paths: [source] });
  assert.equal((await uploader.settled(job.id)).state, 'done');
}

test('a follow added through the service brings down what is uploaded later, and goes on after a restart', async () => {
  const folder = await api.createFolder(sandbox.rootFolderId, 'Dailies');
  const root = tempDir('follow-root');
  const dataDir = tempDir('follow-data');
  let backend = await agent(dataDir, root);

  const firstLook = changed(backend, (f) => f.lookedAt !== null);
  const added = value<Follow>(await dispatch(backend.service, 'follows:add', { accountId: sandbox.accountId, folderId: folder.id, dir: root, settings: { conflict: 'skip' } }));
  assert.equal(added.label, 'Dailies');
  assert.equal(added.conflict, 'skip');
  assert.equal(added.versions, 'replace');
  assert.equal(added.running, true);
  await firstLook;

  const down = changed(backend, (f) => f.counts.done === 1);
  await uploadInto(folder.id, 'A001.mov', 200_000);
  const after = await down;
  assert.equal(after.lastDown?.name, 'A001.mov');
  assert.equal(after.problem, null);
  assert.ok(readFileSync(join(root, 'Dailies', 'A001.mov')).equals(content('A001.mov', 200_000)));

  await closeAgent(backend);
  await uploadInto(folder.id, 'A002.mov', 90_000);
  backend = await agent(dataDir, root);
  const [listed] = value<Follow[]>(await dispatch(backend.service, 'follows:list', {}));
  assert.equal(listed?.id, added.id, 'the follow is kept in the journal');
  assert.equal(listed.running, true, 'and started with the backend');
  const second = await changed(backend, (f) => f.counts.done === 2);
  assert.equal(second.lastDown?.name, 'A002.mov');
  assert.ok(readFileSync(join(root, 'Dailies', 'A002.mov')).equals(content('A002.mov', 90_000)));
  const queued = backend.engine.jobs().filter((job) => job.kind === 'download').flatMap((job) => backend.engine.files(job.id).map((file) => file.name));
  assert.deepEqual(queued.sort(), ['A001.mov', 'A002.mov'], 'each file was queued once, before and after the restart');

  const updated = value<Follow>(await dispatch(backend.service, 'follows:update', { followId: added.id, settings: { versions: 'beside' } }));
  assert.equal(updated.versions, 'beside');
  assert.equal(updated.conflict, 'skip', 'the other setting is kept');

  assert.deepEqual(value(await dispatch(backend.service, 'follows:remove', { followId: added.id })), { removed: true });
  assert.deepEqual(value(await dispatch(backend.service, 'follows:list', {})), []);
  assert.ok(readFileSync(join(root, 'Dailies', 'A001.mov')).length > 0, 'what came down stays on the disk');
  await closeAgent(backend);
});

test('a followed folder deleted in Frame.io is said, with what to do, and the follow stops', async () => {
  const folder = await api.createFolder(sandbox.rootFolderId, 'Gone soon');
  const root = tempDir('follow-root');
  const backend = await agent(tempDir('follow-data'), root);
  const firstLook = changed(backend, (f) => f.lookedAt !== null);
  const added = value<Follow>(await dispatch(backend.service, 'follows:add', { accountId: sandbox.accountId, folderId: folder.id, dir: root }));
  await firstLook;

  const stopped = changed(backend, (f) => !f.running);
  value(await dispatch(backend.service, 'asset:delete', { accountId: sandbox.accountId, assetId: folder.id, type: 'folder' }));
  const follow = await stopped;
  assert.equal(follow.id, added.id);
  assert.match(follow.problem?.message ?? '', /"Gone soon" .* is no longer there/);
  assert.match(follow.problem?.action ?? '', /follow it again/);
  await closeAgent(backend);
});

test('a folder outside the agent’s roots, or a Frame.io folder that is not there, is refused with words', async () => {
  const folder = await api.createFolder(sandbox.rootFolderId, 'Refused');
  const root = tempDir('follow-root');
  const backend = await agent(tempDir('follow-data'), root);

  const outside = await dispatch(backend.service, 'follows:add', { accountId: sandbox.accountId, folderId: folder.id, dir: tempDir('follow-outside') });
  assert.ok(!outside.ok);
  assert.equal(outside.error.code, 'downloads:outside-roots');
  assert.match(outside.error.action ?? '', /--allow-root/);

  const missing = await dispatch(backend.service, 'follows:add', { accountId: sandbox.accountId, folderId: 'not-a-folder-id', dir: root });
  assert.ok(!missing.ok);
  assert.match(missing.error.message, /not there/);
  assert.match(missing.error.action ?? '', /Open another folder in Projects/);

  const gone = await dispatch(backend.service, 'follows:update', { followId: 'no-such-follow', settings: { versions: 'beside' } });
  assert.ok(!gone.ok);
  assert.equal(gone.error.code, 'follows:gone');
  assert.deepEqual(value(await dispatch(backend.service, 'follows:list', {})), []);
  await closeAgent(backend);
});
