// transfers:download as the UI reaches it, through the contract's door: a folder comes down into a
// folder the shell allows and is remembered as the next one's default; a folder outside the web
// agent's roots, not picked on the desktop, Slate's data folder, a hidden folder of the home
// folder, a link leading out of the roots or a folder that is not there is refused with words,
// and nothing is started or written.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Reply } from '../../preload/contract.ts';
import { AccountApi } from '../../main/core/api/resources.ts';
import { ChosenPaths } from '../../main/core/chosen-paths.ts';
import { dispatch } from '../../main/core/dispatch.ts';
import { transferHandlers } from '../../main/core/handlers/transfers.ts';
import type { Service } from '../../main/core/service.ts';
import { RememberedDestination } from '../../main/core/transfers/download/destination.ts';
import type { TransferEngine } from '../../main/core/transfers/engine.ts';
import type { WatchPolicy } from '../../main/core/watch/policy.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { clientFor, content, engineFor, makeTree, tempDir } from './transfer-helpers.ts';

let sandbox: CheckedSandbox;
let engine: TransferEngine;
let folderId: string;
const TREE = { 'Day 01/A001.mov': 3000, 'Day 01/sound/A001.wav': 1200, 'notes.txt': 10 };

before(async () => {
  sandbox = await startCheckedSandbox({ seed: 'minimal' });
  engine = engineFor(sandbox);
  const source = join(makeTree(Object.fromEntries(Object.entries(TREE).map(([rel, size]) => [join('Dailies', rel), size]))), 'Dailies');
  const upload = await engine.upload({ accountId: sandbox.accountId, folderId: sandbox.rootFolderId, paths: [source] });
  assert.equal((await engine.settled(upload.id)).state, 'done');
  const children = await Array.fromAsync(new AccountApi(clientFor(sandbox), sandbox.accountId).listChildren(sandbox.rootFolderId));
  folderId = children.find((child) => child.name === 'Dailies')!.id;
});
after(async () => {
  await engine.close();
  await sandbox.close();
});

function serviceWith(policy: WatchPolicy, chosen = new ChosenPaths()): Service {
  return { handlers: transferHandlers(engine, chosen, { policy, remembered: new RememberedDestination(policy.dataDir) }) } as unknown as Service;
}

function agentPolicy(root: string): WatchPolicy {
  return { dataDir: tempDir('dl-channel-data'), home: tempDir('dl-channel-home'), roots: [root], deleteAfterUpload: false };
}

const download = (service: Service, to: string, extra: object = {}) => dispatch(service, 'transfers:download', { accountId: sandbox.accountId, assetIds: [folderId], to, ...extra });

function refused(reply: Reply): { code: string; message: string; action?: string } {
  assert.ok(!reply.ok, 'the download was refused');
  return reply.error;
}

test('a folder comes down with its tree into a folder under the agent’s roots, which is offered next time', async () => {
  const root = tempDir('dl-channel-root');
  const service = serviceWith(agentPolicy(root));
  assert.deepEqual(await dispatch(service, 'transfers:downloadFolder', {}), { ok: true, value: { path: null } });

  const reply = await download(service, root, { conflict: 'skip' });
  assert.ok(reply.ok, JSON.stringify(reply));
  const [job] = reply.value as Array<{ id: string; kind: string }>;
  assert.equal(job?.kind, 'download');
  assert.equal((await engine.settled(job.id)).state, 'done');
  for (const [rel, size] of Object.entries(TREE)) assert.ok(readFileSync(join(root, 'Dailies', rel)).equals(content(join('Dailies', rel), size)), rel);

  assert.deepEqual(await dispatch(service, 'transfers:downloadFolder', {}), { ok: true, value: { path: root } });
});

test('a folder outside the agent’s roots is refused with words, and nothing is started', async () => {
  const root = tempDir('dl-channel-root');
  const outside = tempDir('dl-channel-outside');
  const service = serviceWith(agentPolicy(root));
  const before = engine.jobs().length;
  const error = refused(await download(service, outside));
  assert.equal(error.code, 'downloads:outside-roots');
  assert.match(error.message, /only into folders under .* and ".*" is not under any of them/);
  assert.match(error.action ?? '', /slate serve --allow-root/);
  assert.equal(engine.jobs().length, before);
  assert.deepEqual(readdirSync(outside), []);
  assert.deepEqual(await dispatch(service, 'transfers:downloadFolder', {}), { ok: true, value: { path: null } }, 'a refused folder is not remembered');
});

test('a link inside the roots that leads out of them is refused', async () => {
  const root = tempDir('dl-channel-root');
  const outside = tempDir('dl-channel-outside');
  symlinkSync(outside, join(root, 'elsewhere'));
  const error = refused(await download(serviceWith(agentPolicy(root)), join(root, 'elsewhere')));
  assert.equal(error.code, 'downloads:outside-roots');
  assert.deepEqual(readdirSync(outside), []);
});

test('Slate’s data folder, a hidden folder of the home folder and a folder that is not there are refused with what to do', async () => {
  const root = tempDir('dl-channel-root');
  const policy = { ...agentPolicy(root), dataDir: join(root, 'slate-data'), home: root };
  mkdirSync(policy.dataDir);
  mkdirSync(join(root, '.ssh'));
  const service = serviceWith(policy);

  assert.equal(refused(await download(service, policy.dataDir)).code, 'downloads:data-folder');
  assert.equal(refused(await download(service, root)).code, 'downloads:data-folder', 'a folder holding the data folder');
  const hidden = refused(await download(service, join(root, '.ssh')));
  assert.equal(hidden.code, 'downloads:hidden');
  assert.match(hidden.action ?? '', /Choose the folder/);
  const gone = refused(await download(service, join(root, 'not-yet')));
  assert.equal(gone.code, 'downloads:no-folder');
  assert.match(gone.action ?? '', /Check the path/);
});

test('on the desktop only a picked folder, or the one the last download went to, is taken', async () => {
  const chosen = new ChosenPaths();
  const dataDir = tempDir('dl-channel-data');
  const picked = tempDir('dl-channel-picked');
  const policy: WatchPolicy = { dataDir, home: tempDir('dl-channel-home'), pickedOnly: chosen, deleteAfterUpload: true };
  const error = refused(await download(serviceWith(policy, chosen), picked));
  assert.equal(error.code, 'downloads:not-chosen');
  assert.match(error.action ?? '', /Choose folder/);

  chosen.add([picked]);
  const reply = await download(serviceWith(policy, chosen), picked);
  assert.ok(reply.ok, JSON.stringify(reply));
  for (const job of reply.value as Array<{ id: string }>) assert.equal((await engine.settled(job.id)).state, 'done');

  // After a restart nothing is picked yet, but the remembered folder still is the person's choice.
  const restarted = serviceWith(policy, new ChosenPaths());
  assert.deepEqual(await dispatch(restarted, 'transfers:downloadFolder', {}), { ok: true, value: { path: picked } });
  assert.ok((await download(restarted, picked, { conflict: 'skip' })).ok);
});

test('a request with nothing to download is refused by the contract', async () => {
  const reply = await dispatch(serviceWith(agentPolicy(tempDir('dl-channel-root'))), 'transfers:download', { accountId: sandbox.accountId, assetIds: [], to: '/tmp' });
  assert.equal(refused(reply).code, 'invalid-input');
});
