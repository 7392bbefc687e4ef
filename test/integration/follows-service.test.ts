// Follows run inside the service (the web agent's backend here, as `slate serve` opens it): one
// added through the contract's door brings down a file uploaded to Frame.io later, goes on after
// the backend is closed and opened again without fetching anything twice, says when its folder is
// deleted in Frame.io and what to do, and a local folder the agent does not allow or a Frame.io
// folder that is not there is refused with words. Look now looks at once; a paused follow brings
// nothing until resumed, also across a restart, and its downloads wait; removing a follow cancels
// its downloads under way (failed ones too) and deletes their half-fetched files, keeping what
// came down.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Follow, Reply } from '../../preload/contract.ts';
import { openBackend, type Backend } from '../../main/backend.ts';
import { AccountApi } from '../../main/core/api/resources.ts';
import { dispatch } from '../../main/core/dispatch.ts';
import type { TransferEngine } from '../../main/core/transfers/engine.ts';
import type { FileSnapshot } from '../../main/core/transfers/types.ts';
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

async function agent(dataDir: string, root: string, followCheckSeconds = 1): Promise<Backend> {
  const backend = await openBackend({ apiUrl: sandbox.url, token: sandbox.token, dataDir, followCheckSeconds }, 'web', { allowRoots: [root] });
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

/** The file of the backend's download jobs named `name`, once `match` accepts it; rejects after 30 s as a safety net. */
function downloadFile(backend: Backend, name: string, match: (file: FileSnapshot) => boolean): Promise<{ jobId: string; file: FileSnapshot }> {
  const now = () => {
    for (const job of backend.engine.jobs().filter((j) => j.kind === 'download')) {
      const file = backend.engine.files(job.id).find((f) => f.name === name && match(f));
      if (file) return { jobId: job.id, file };
    }
    return undefined;
  };
  return new Promise((resolve, reject) => {
    const check = () => {
      const found = now();
      if (!found) return;
      clearTimeout(timer);
      backend.engine.off('file', check);
      resolve(found);
    };
    const timer = setTimeout(() => {
      backend.engine.off('file', check);
      reject(new Error(`no download of ${name} as asked; its files: ${JSON.stringify(backend.engine.jobs().flatMap((j) => backend.engine.files(j.id)))}`));
    }, 30_000);
    backend.engine.on('file', check);
    check();
  });
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

test('Look now looks at once: a file uploaded after a look comes down without waiting for the next one', async () => {
  const folder = await api.createFolder(sandbox.rootFolderId, 'Look now');
  const root = tempDir('follow-root');
  // An hour between looks: only Look now can bring the later file down within the test.
  const backend = await agent(tempDir('follow-data'), root, 3600);
  const firstLook = changed(backend, (f) => f.lookedAt !== null && !f.looking);
  const added = value<Follow>(await dispatch(backend.service, 'follows:add', { accountId: sandbox.accountId, folderId: folder.id, dir: root }));
  const looked = await firstLook;

  await uploadInto(folder.id, 'B001.mov', 60_000);
  const down = changed(backend, (f) => f.counts.done === 1 && !f.looking);
  const asked = value<Follow>(await dispatch(backend.service, 'follows:lookNow', { followId: added.id }));
  assert.equal(asked.looking, true, 'the follow says it is looking as soon as it is asked');
  const after = await down;
  assert.ok(after.lookedAt! > looked.lookedAt!, 'the card says when it last looked');
  assert.ok(readFileSync(join(root, 'Look now', 'B001.mov')).equals(content('B001.mov', 60_000)));

  const paused = value<Follow>(await dispatch(backend.service, 'follows:pause', { followId: added.id }));
  const refused = await dispatch(backend.service, 'follows:lookNow', { followId: paused.id });
  assert.ok(!refused.ok);
  assert.equal(refused.error.code, 'follows:paused');
  assert.match(refused.error.message, /"Look now" is paused/);
  assert.match(refused.error.action ?? '', /Resume it/);
  await closeAgent(backend);
});

test('a paused follow brings nothing down until resumed, also across a restart, while one that is not paused goes on', async () => {
  const folder = await api.createFolder(sandbox.rootFolderId, 'Paused');
  const root = tempDir('follow-root');
  const dataDir = tempDir('follow-data');
  const [quiet, control] = [join(root, 'paused'), join(root, 'control')];
  mkdirSync(quiet);
  mkdirSync(control);
  let backend = await agent(dataDir, root);
  const looks = changed(backend, (f) => f.lookedAt !== null);
  const follow = value<Follow>(await dispatch(backend.service, 'follows:add', { accountId: sandbox.accountId, folderId: folder.id, dir: quiet }));
  const other = value<Follow>(await dispatch(backend.service, 'follows:add', { accountId: sandbox.accountId, folderId: folder.id, dir: control }));
  await looks;
  await changed(backend, (f) => f.id === other.id && f.lookedAt !== null);

  const paused = value<Follow>(await dispatch(backend.service, 'follows:pause', { followId: follow.id }));
  assert.equal(paused.paused, true);
  assert.equal(paused.running, false);
  const lookedBefore = value<Follow[]>(await dispatch(backend.service, 'follows:list', {})).find((f) => f.id === follow.id)!.lookedAt;

  // The follow that is not paused, of the same folder at the same pace, shows when the paused one would have brought it.
  const controlDown = changed(backend, (f) => f.id === other.id && f.counts.done === 1);
  await uploadInto(folder.id, 'C001.mov', 40_000);
  await controlDown;
  const still = value<Follow[]>(await dispatch(backend.service, 'follows:list', {})).find((f) => f.id === follow.id)!;
  assert.equal(still.counts.done, 0);
  assert.equal(still.lookedAt, lookedBefore, 'a paused follow does not look');
  assert.deepEqual(readdirSync(join(quiet, 'Paused')), [], 'nothing came down');

  await closeAgent(backend);
  await uploadInto(folder.id, 'C002.mov', 30_000);
  backend = await agent(dataDir, root);
  const listed = value<Follow[]>(await dispatch(backend.service, 'follows:list', {}));
  assert.deepEqual(
    listed.map((f) => ({ id: f.id, paused: f.paused, running: f.running })).sort((a, b) => (a.id === follow.id ? -1 : b.id === follow.id ? 1 : 0)),
    [
      { id: follow.id, paused: true, running: false },
      { id: other.id, paused: false, running: true },
    ],
    'the pause is kept across the restart',
  );
  await changed(backend, (f) => f.id === other.id && f.counts.done === 2);
  assert.deepEqual(readdirSync(join(quiet, 'Paused')), [], 'still nothing while paused after the restart');

  const resumedDown = changed(backend, (f) => f.id === follow.id && f.counts.done === 2);
  const resumed = value<Follow>(await dispatch(backend.service, 'follows:resume', { followId: follow.id }));
  assert.equal(resumed.paused, false);
  assert.equal(resumed.running, true);
  await resumedDown;
  assert.deepEqual(readdirSync(join(quiet, 'Paused')).sort(), ['C001.mov', 'C002.mov']);
  assert.ok(readFileSync(join(quiet, 'Paused', 'C002.mov')).equals(content('C002.mov', 30_000)));
  await closeAgent(backend);
});

test('pausing a follow pauses its download under way; removing it cancels the download and deletes the half-fetched file, keeping what came down', async () => {
  const folder = await api.createFolder(sandbox.rootFolderId, 'Removed');
  await uploadInto(folder.id, 'small.mov', 20_000);
  await uploadInto(folder.id, 'large.mov', 3_000_000);
  const root = tempDir('follow-root');
  const backend = await agent(tempDir('follow-data'), root);
  // Slow enough that the large file is still coming down when the follow is paused and removed.
  backend.engine.setBandwidth('256K');
  const added = value<Follow>(await dispatch(backend.service, 'follows:add', { accountId: sandbox.accountId, folderId: folder.id, dir: root }));
  const { jobId } = await downloadFile(backend, 'large.mov', (f) => f.state === 'downloading');
  await downloadFile(backend, 'small.mov', (f) => f.state === 'done');
  const partial = join(root, 'Removed', '.large.mov.slate-download');
  assert.ok(existsSync(partial), 'the large file comes down under its temporary name');

  const paused = value<Follow>(await dispatch(backend.service, 'follows:pause', { followId: added.id }));
  assert.equal(paused.paused, true);
  assert.equal((await backend.engine.settled(jobId)).state, 'paused', 'its download waits while the follow is paused');
  assert.ok(existsSync(partial), 'and keeps what it fetched, to go on from');

  value<Follow>(await dispatch(backend.service, 'follows:resume', { followId: added.id }));
  assert.equal(backend.engine.job(jobId)?.state, 'running', 'resumed, its download goes on');

  assert.deepEqual(value(await dispatch(backend.service, 'follows:remove', { followId: added.id })), { removed: true });
  assert.equal(backend.engine.job(jobId)?.state, 'cancelled', 'the download of a removed follow is cancelled');
  assert.deepEqual(readdirSync(join(root, 'Removed')), ['small.mov'], 'no half-fetched file is left; what came down stays');
  assert.ok(readFileSync(join(root, 'Removed', 'small.mov')).equals(content('small.mov', 20_000)));
  assert.deepEqual(value(await dispatch(backend.service, 'follows:list', {})), []);
  await closeAgent(backend);
});

test('removing a follow deletes what a failed download had fetched, under its temporary name', async () => {
  const folder = await api.createFolder(sandbox.rootFolderId, 'In the way');
  await uploadInto(folder.id, 'take.mov', 50_000);
  const root = tempDir('follow-root');
  // A folder where the file goes: every byte comes down, then putting it in place fails.
  mkdirSync(join(root, 'In the way', 'take.mov', 'inside'), { recursive: true });
  const backend = await agent(tempDir('follow-data'), root, 3600);
  const added = value<Follow>(await dispatch(backend.service, 'follows:add', { accountId: sandbox.accountId, folderId: folder.id, dir: root, settings: { conflict: 'overwrite' } }));
  const { jobId } = await downloadFile(backend, 'take.mov', (f) => f.state === 'failed');
  assert.equal((await backend.engine.settled(jobId)).state, 'failed');
  const partial = join(root, 'In the way', '.take.mov.slate-download');
  assert.ok(existsSync(partial), 'the failed download left its bytes under the temporary name');

  value(await dispatch(backend.service, 'follows:remove', { followId: added.id }));
  assert.ok(!existsSync(partial), 'removing the follow deleted them');
  assert.equal(backend.engine.job(jobId)?.state, 'cancelled', 'and its failed job is not retried into the folder');
  assert.deepEqual(readdirSync(join(root, 'In the way')), ['take.mov'], 'the folder in the way is left as it was');
  await closeAgent(backend);
});
