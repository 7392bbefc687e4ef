// Watch folders on a legacy (V2) account: `slate watch` mirrors sub-folders through V2 folder
// creation, stacks a new version of a shot through POST /v2/assets/{id}/version, and uploads
// through the engine's V2 adapter, every byte read back through the asset's `original`. With
// --live ("upload while it grows") a render written slowly goes up as it is written, and a watch
// killed mid-way carries on with the parts already sent; on V4 the setting says it is not available
// there and the watch waits for files to finish.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { staticToken } from '../../main/core/api/client.ts';
import { V2Client } from '../../main/core/api/v2/client.ts';
import { V2Api } from '../../main/core/api/v2/resources.ts';
import type { V2Asset } from '../../main/core/api/v2/types.ts';
import { LIVE_NOT_AVAILABLE } from '../../main/core/watch/manager.ts';
import { grow } from '../support/grow.ts';
import { slateJson, type SlateJson } from '../support/slate-json.ts';
import { TempDirs } from '../support/temp-dirs.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { content } from './transfer-helpers.ts';

const PART = 64 * 1024;
let sandbox: CheckedSandbox;
let api: V2Api;
const temp = new TempDirs();
const tempDir = (prefix: string) => temp.make(prefix);
const running: Array<SlateJson<WatchEvent>> = [];

before(async () => {
  sandbox = await startCheckedSandbox({ partSize: PART, rateLimitScale: 10 });
  api = new V2Api(new V2Client({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) }));
});
after(async () => {
  for (const watch of running) watch.kill();
  await Promise.all(running.map((watch) => watch.done));
  await sandbox.close();
  temp.removeAll();
});


interface WatchEvent {
  type: string;
  message?: string;
  file?: { path: string; state: string; reason: string; remoteId: string | null };
}

/** `slate watch` on a V2 token (or a V4 one), with --json. */
function watchV2(dir: string, folderId: string, dataDir: string, extra: string[] = [], api: 'v2' | 'v4' = 'v2'): SlateJson<WatchEvent> {
  const env = { SLATE_API_URL: sandbox.url, SLATE_TOKEN: sandbox.token, SLATE_ACCOUNT_ID: '', SLATE_DATA_DIR: dataDir };
  const watch = slateJson<WatchEvent>(['watch', dir, '--to', folderId, '--api', api, '--stable', '0.5', '--json', ...extra], env);
  running.push(watch);
  return watch;
}

const fileIs = (path: string, state: string) => (e: WatchEvent) => e.type === 'file' && e.file?.path === path && e.file.state === state;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function childrenOf(folderId: string): Promise<V2Asset[]> {
  return Array.fromAsync(api.children(folderId));
}

async function originalOf(assetId: string): Promise<string> {
  const asset = await api.asset(assetId);
  assert.ok(asset.upload_completed_at && asset.original, `${asset.name} is complete`);
  return sha256(Buffer.from(await (await fetch(asset.original)).arrayBuffer()));
}

test('slate watch on a V2 account mirrors sub-folders and stacks a new version of a shot through V2', async () => {
  const target = await api.createFolder(sandbox.rootFolderId, 'Watched V2');
  const dir = tempDir('slate-watch-v2-');
  const dataDir = tempDir('slate-watch-v2-data-');
  mkdirSync(join(dir, 'Day01'));
  const bytes = { 'Day01/A001.mov': content('a001', 3 * PART + 5), 'shot_v001.mov': content('v1', 2 * PART), 'shot_v002.mov': content('v2', 2 * PART + 77) };

  const watch = watchV2(dir, target.id, dataDir);
  await watch.next((e) => e.type === 'ready');
  writeFileSync(join(dir, 'Day01/A001.mov'), bytes['Day01/A001.mov']);
  writeFileSync(join(dir, 'shot_v001.mov'), bytes['shot_v001.mov']);
  await Promise.all([watch.next(fileIs('Day01/A001.mov', 'done')), watch.next(fileIs('shot_v001.mov', 'done'))]);
  writeFileSync(join(dir, 'shot_v002.mov'), bytes['shot_v002.mov']);
  const v2 = await watch.next(fileIs('shot_v002.mov', 'done'));
  assert.equal(v2.file!.reason, 'uploaded as the newest version of shot_v001.mov');
  watch.kill('SIGTERM');
  const { code, text } = await watch.done;
  assert.equal(code, 143, text);
  assert.equal(watch.events.some((e) => e.type === 'error'), false, text);

  const top = await childrenOf(target.id);
  const day = top.find((a) => a.type === 'folder' && a.name === 'Day01');
  assert.ok(day, 'the sub-folder is mirrored as a V2 folder');
  const [a001, ...others] = await childrenOf(day.id);
  assert.equal(others.length, 0);
  assert.equal(a001!.name, 'A001.mov');
  assert.equal(await originalOf(a001!.id), sha256(bytes['Day01/A001.mov']));

  const stack = top.find((a) => a.type === 'version_stack');
  assert.ok(stack, `the two versions are one V2 version stack: ${top.map((a) => `${a.type} ${a.name}`).join(', ')}`);
  assert.equal(top.length, 2, 'the sub-folder and the stack, nothing else');
  const versions = await childrenOf(stack.id);
  assert.deepEqual(versions.map((v) => [v.name, v.index]), [['shot_v002.mov', 2], ['shot_v001.mov', 1]]);
  assert.equal(await originalOf(versions[0]!.id), sha256(bytes['shot_v002.mov']));
  assert.equal(await originalOf(versions[1]!.id), sha256(bytes['shot_v001.mov']));

  // Started again, it finds everything in its journal and Frame.io: nothing goes up twice.
  const again = watchV2(dir, target.id, dataDir);
  await again.next((e) => e.type === 'ready');
  again.kill('SIGTERM');
  await again.done;
  assert.equal(again.events.some((e) => e.type === 'file' && e.file?.state === 'uploading'), false);
  assert.equal((await childrenOf(target.id)).length, 2);
  assert.equal((await childrenOf(stack.id)).length, 2);
});

const MiB = 1024 * 1024;
const LIVE_PART = 5 * MiB;

/** The real-time parts the sandbox has registered so far, by part number. */
function registeredParts(): number[] {
  return sandbox.exchanges
    .filter((e) => e.method === 'POST' && e.url.includes('/realtime_upload/parts') && e.status === 200)
    .flatMap((e) => (e.requestBody as { parts: Array<{ number: number }> }).parts.map((p) => p.number));
}

/** The real-time parts whose bytes the sandbox has stored, by part number. */
function sentParts(): number[] {
  return sandbox.exchanges.filter((e) => e.method === 'PUT' && e.url.startsWith('/objects/realtime/') && e.status === 200).map((e) => Number(new URL(e.url, sandbox.url).searchParams.get('partNumber')));
}

/** The assets real-time parts were registered for. */
function liveAssets(): Set<string> {
  return new Set(sandbox.exchanges.filter((e) => e.url.includes('/realtime_upload/parts')).map((e) => e.url.split('/')[3]!));
}

/** Waits until the sandbox has stored more real-time parts than `before`. */
async function partSent(before: number): Promise<void> {
  while (sentParts().length <= before) await new Promise((resolve) => setTimeout(resolve, 50));
}

test('with --live on a V2 account, a render written slowly goes up as it is written, byte for byte', async () => {
  const target = await api.createFolder(sandbox.rootFolderId, 'Live V2');
  const dir = tempDir('slate-watch-live-');
  const watch = watchV2(dir, target.id, tempDir('slate-watch-live-data-'), ['--live', '--stable', '1']);
  await watch.next((e) => e.type === 'ready');
  const before = registeredParts().length;
  const path = join(dir, 'Render_v001.mov');
  writeFileSync(path, Buffer.alloc(0));
  const written = await grow(path, 2 * LIVE_PART + 700_000, 6);
  const whileGrowing = registeredParts().length - before;
  const done = await watch.next(fileIs('Render_v001.mov', 'done'));
  watch.kill('SIGTERM');
  const { text } = await watch.done;

  assert.ok(whileGrowing >= 1, `${whileGrowing} real-time parts were registered before the last write:\n${text}`);
  const states = watch.events.filter((e) => e.type === 'file' && e.file?.path === 'Render_v001.mov').map((e) => e.file!.state);
  assert.equal(states.includes('ready'), false, `it never waited to be finished first: ${states.join(' → ')}`);
  assert.equal(watch.events.find(fileIs('Render_v001.mov', 'queued'))!.file!.reason, 'growing: uploading it as it is written');
  assert.equal(done.file!.reason, 'uploaded while it was written');
  const [asset, ...others] = await childrenOf(target.id);
  assert.equal(others.length, 0, 'one asset');
  assert.equal(asset!.id, done.file!.remoteId);
  assert.equal(await originalOf(asset!.id), sha256(written));
});

test('a watch killed during a live upload carries on after a restart with the parts already sent, into the same asset', async () => {
  const target = await api.createFolder(sandbox.rootFolderId, 'Live V2 killed');
  const dir = tempDir('slate-watch-live-kill-');
  const dataDir = tempDir('slate-watch-live-kill-data-');
  const args = ['--live', '--stable', '1'];
  const first = watchV2(dir, target.id, dataDir, args);
  await first.next((e) => e.type === 'ready');
  const assetsBefore = liveAssets();
  const before = sentParts().length;
  const path = join(dir, 'Long_Render.mov');
  writeFileSync(path, Buffer.alloc(0));
  const writing = grow(path, 3 * LIVE_PART + 123_456, 8);
  await partSent(before);
  first.kill();
  await first.done;
  const sent = sentParts().slice(before);
  const registeredBefore = registeredParts().length;

  const second = watchV2(dir, target.id, dataDir, args);
  const written = await writing;
  const done = await second.next(fileIs('Long_Render.mov', 'done'));
  second.kill('SIGTERM');
  const { text } = await second.done;

  const again = registeredParts().slice(registeredBefore);
  // Parts go one at a time: only the last one sent may go again, if the kill came before its arrival was journaled.
  const lastSent = Math.max(...sent);
  assert.ok(again.length > 0 && again.every((n) => n >= lastSent), `the restarted watch registered parts ${again.join(', ')}, none before the last sent (${sent.join(', ')}):\n${text}`);
  assert.equal(second.events.some((e) => e.file?.reason.startsWith('resuming')), false, 'found again as it was, not started over');
  const used = [...liveAssets()].filter((id) => !assetsBefore.has(id));
  assert.deepEqual(used, [done.file!.remoteId], 'both runs sent parts to one asset');
  const [asset, ...others] = await childrenOf(target.id);
  assert.equal(others.length, 0, 'one asset: the first run\'s, finished');
  assert.equal(asset!.id, done.file!.remoteId);
  assert.equal(await originalOf(asset!.id), sha256(written));
});

test('with --live on a V4 account the watch says it is not available there, and uploads files once they are finished', async () => {
  const { AccountApi } = await import('../../main/core/api/resources.ts');
  const { clientFor } = await import('./transfer-helpers.ts');
  const target = await new AccountApi(clientFor(sandbox), sandbox.accountId).createFolder(sandbox.rootFolderId, 'Live V4');
  const dir = tempDir('slate-watch-live-v4-');
  const watch = watchV2(dir, target.id, tempDir('slate-watch-live-v4-data-'), ['--live'], 'v4');
  const notice = await watch.next((e) => e.type === 'notice');
  assert.equal(notice.message, LIVE_NOT_AVAILABLE);
  await watch.next((e) => e.type === 'ready');
  const path = join(dir, 'V4_Render.mov');
  writeFileSync(path, Buffer.alloc(0));
  await grow(path, 600_000, 1);
  const done = await watch.next(fileIs('V4_Render.mov', 'done'));
  watch.kill('SIGTERM');
  await watch.done;
  assert.equal(done.file!.reason, 'uploaded');
  assert.ok(watch.events.some(fileIs('V4_Render.mov', 'ready')), 'it waited for the file to finish');
});
