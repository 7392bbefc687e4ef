// Dragging out of the desktop window, on the service's side (the system's drag itself needs the
// Electron binary: test/e2e/electron-drag-out.test.ts). A small file comes down through the engine
// into the data folder's drag cache, byte for byte, and a second drag of it starts at once from
// the same copy; a folder, a version stack or a file over the drag's limit download into the last
// download folder, or the system's Downloads when there is none, as ordinary jobs; a file still
// uploading, an unknown id and paused transfers are refused with what to do, leaving nothing in the
// cache; the web agent refuses, pointing to Download….
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Reply, RequestOutput } from '../../preload/contract.ts';
import { openBackend, type Backend } from '../../main/backend.ts';
import { AccountApi } from '../../main/core/api/resources.ts';
import { dispatch } from '../../main/core/dispatch.ts';
import { DragCache, dragCacheDir } from '../../main/core/drag-out/drag-cache.ts';
import { RememberedDestination } from '../../main/core/transfers/download/destination.ts';
import type { TransferEngine } from '../../main/core/transfers/engine.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { clientFor, content, engineFor, makeTree, tempDir } from './transfer-helpers.ts';

type Outcome = RequestOutput<'drag:out'>;

let sandbox: CheckedSandbox;
let uploader: TransferEngine;
let api: AccountApi;
let home: string;
const open: Backend[] = [];

before(async () => {
  sandbox = await startCheckedSandbox({ seed: 'minimal', partSize: 64 * 1024, transcodeDelayMs: 0 });
  uploader = engineFor(sandbox);
  api = new AccountApi(clientFor(sandbox), sandbox.accountId);
  home = (await api.createFolder(sandbox.rootFolderId, 'Dragged')).id;
});
after(async () => {
  for (const backend of open) await backend.close();
  await uploader.close();
  await sandbox.close();
});

async function desktop(dataDir: string, downloadsFolder: string, shell: 'desktop' | 'web' = 'desktop'): Promise<Backend> {
  const backend = await openBackend({ apiUrl: sandbox.url, token: sandbox.token, dataDir }, shell, { downloadsFolder, allowRoots: [downloadsFolder] });
  open.push(backend);
  return backend;
}

/** Uploads files of these names and sizes into a new folder of `parent`; returns its id and theirs by name. */
async function folderWith(parent: string, name: string, files: Record<string, number>): Promise<{ id: string; ids: Map<string, string> }> {
  const id = (await api.createFolder(parent, name)).id;
  const tree = makeTree(files);
  const job = await uploader.upload({ accountId: sandbox.accountId, folderId: id, paths: Object.keys(files).map((f) => join(tree, f)) });
  assert.equal((await uploader.settled(job.id)).state, 'done');
  const ids = new Map<string, string>();
  for await (const asset of api.listChildren(id)) ids.set(asset.name, asset.id);
  return { id, ids };
}

function value<T>(reply: Reply): T {
  assert.ok(reply.ok, JSON.stringify(reply));
  return reply.value as T;
}

test('a small file comes down into the drag cache byte for byte, and a second drag of it starts from the same copy', async () => {
  const { ids } = await folderWith(home, 'Stills', { 'still 01.png': 120_000 });
  const dataDir = tempDir('drag-data');
  const backend = await desktop(dataDir, tempDir('drag-downloads'));
  const outcome = value<Outcome>(await dispatch(backend.service, 'drag:out', { accountId: sandbox.accountId, assetIds: [ids.get('still 01.png')!] }));
  assert.equal(outcome.way, 'drag');
  assert.ok(outcome.way === 'drag');
  assert.equal(outcome.files.length, 1);
  assert.ok(outcome.files[0]!.startsWith(dragCacheDir(dataDir)), `${outcome.files[0]} is in the drag cache`);
  assert.ok(readFileSync(outcome.files[0]!).equals(content('still 01.png', 120_000)));
  const jobs = backend.engine.jobs().length;

  const again = value<Outcome>(await dispatch(backend.service, 'drag:out', { accountId: sandbox.accountId, assetIds: [ids.get('still 01.png')!] }));
  assert.deepEqual(again, outcome);
  assert.equal(backend.engine.jobs().length, jobs, 'nothing was fetched again');
});

test('a folder or a version stack downloads into the system’s Downloads folder as a job, and says why', async () => {
  const { id: folderId } = await folderWith(home, 'Reels', { 'reel 1.mov': 30_000, 'reel 2.mov': 20_000 });
  const { id: cuts, ids } = await folderWith(home, 'Cuts', { 'cut v1.mov': 10_000, 'cut v2.mov': 11_000 });
  const stack = await api.createVersionStack(cuts, [ids.get('cut v1.mov')!, ids.get('cut v2.mov')!]);
  const downloads = tempDir('drag-downloads');
  const dataDir = tempDir('drag-data');
  const backend = await desktop(dataDir, downloads);

  const outcome = value<Outcome>(await dispatch(backend.service, 'drag:out', { accountId: sandbox.accountId, assetIds: [folderId] }));
  assert.ok(outcome.way === 'download', JSON.stringify(outcome));
  assert.equal(outcome.reason, 'not-a-file');
  assert.equal(outcome.to, downloads);
  assert.equal((await backend.engine.settled(outcome.jobs[0]!.id)).state, 'done');
  assert.ok(readFileSync(join(downloads, 'Reels', 'reel 2.mov')).equals(content('reel 2.mov', 20_000)));

  const stacked = value<Outcome>(await dispatch(backend.service, 'drag:out', { accountId: sandbox.accountId, assetIds: [stack.id] }));
  assert.ok(stacked.way === 'download');
  assert.equal((await backend.engine.settled(stacked.jobs[0]!.id)).state, 'done');
  assert.ok(existsSync(join(downloads, 'cut v2.mov')), 'the stack’s newest version, as Download… brings it');
  assert.ok(!existsSync(dragCacheDir(dataDir)) || readdirSync(dragCacheDir(dataDir)).length === 0, 'nothing went through the drag cache');
});

test('a file over the drag’s limit downloads into the folder the last download went to, while it is there', async () => {
  const { ids } = await folderWith(home, 'Big', { 'interview.mov': 90_000 });
  const dataDir = tempDir('drag-data');
  const chosen = tempDir('drag-chosen');
  new RememberedDestination(dataDir).set(chosen);
  const backend = await desktop(dataDir, tempDir('drag-downloads'));
  const cache = new DragCache({ dir: dragCacheDir(dataDir), engine: backend.engine, api: () => api, downloadFolder: () => chosen, limits: { bytes: 50_000, files: 10 } });
  const outcome = await cache.prepare(sandbox.accountId, [ids.get('interview.mov')!]);
  assert.ok(outcome.way === 'download');
  assert.equal(outcome.reason, 'too-big');
  assert.equal(outcome.to, chosen);
  assert.equal((await backend.engine.settled(outcome.jobs[0]!.id)).state, 'done');
  assert.ok(readFileSync(join(chosen, 'interview.mov')).equals(content('interview.mov', 90_000)));

  // Through the service, the remembered folder is the one offered.
  const small = await folderWith(home, 'Small', { 'a.png': 1_000 });
  const viaService = value<Outcome>(await dispatch(backend.service, 'drag:out', { accountId: sandbox.accountId, assetIds: [small.id] }));
  assert.ok(viaService.way === 'download');
  assert.equal(viaService.to, chosen);
});

test('a file still uploading, an id Frame.io does not know and paused transfers are refused with what to do, leaving nothing in the cache', async () => {
  const uploading = await api.createLocalUpload(home, 'render.mov', 5_000_000);
  const { ids } = await folderWith(home, 'Paused', { 'frame.png': 5_000 });
  const dataDir = tempDir('drag-data');
  const backend = await desktop(dataDir, tempDir('drag-downloads'));

  const early = await dispatch(backend.service, 'drag:out', { accountId: sandbox.accountId, assetIds: [uploading.id] });
  assert.ok(!early.ok);
  assert.equal(early.error.code, 'drag:uploading');
  assert.match(early.error.message, /“render\.mov” is still uploading/);
  assert.match(early.error.action ?? '', /once its upload has finished/);

  const unknown = await dispatch(backend.service, 'drag:out', { accountId: sandbox.accountId, assetIds: ['00000000-0000-4000-8000-000000000000'] });
  assert.ok(!unknown.ok);
  assert.notEqual(unknown.error.code, 'internal', unknown.error.message);

  backend.engine.pauseAll();
  const paused = await dispatch(backend.service, 'drag:out', { accountId: sandbox.accountId, assetIds: [ids.get('frame.png')!] });
  assert.ok(!paused.ok);
  assert.match(paused.error.message, /could not bring “frame\.png” down for the drag: Transfers are paused/);
  assert.match(paused.error.action ?? '', /Resume transfers/);
  assert.equal(backend.engine.jobs().find((job) => job.label.startsWith('Dragged out'))?.state, 'cancelled', 'no download waits to land in the cache later');
  assert.deepEqual(readdirSync(dragCacheDir(dataDir)).flatMap((dir) => readdirSync(join(dragCacheDir(dataDir), dir))), []);
});

test('the web agent has no drag out, and says to use Download…', async () => {
  const { ids } = await folderWith(home, 'Web', { 'b.png': 1_000 });
  const root = tempDir('drag-root');
  const backend = await desktop(tempDir('drag-data'), root, 'web');
  const refused = await dispatch(backend.service, 'drag:out', { accountId: sandbox.accountId, assetIds: [ids.get('b.png')!] });
  assert.ok(!refused.ok);
  assert.equal(refused.error.code, 'drag:desktop-only');
  assert.match(refused.error.action ?? '', /Download…/);
});
