// Watch folders on a legacy (V2) account: `slate watch` mirrors sub-folders through V2 folder
// creation, stacks a new version of a shot through POST /v2/assets/{id}/version, and uploads
// through the engine's V2 adapter, every byte read back through the asset's `original`.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { staticToken } from '../../main/core/api/client.ts';
import { V2Client } from '../../main/core/api/v2/client.ts';
import { V2Api } from '../../main/core/api/v2/resources.ts';
import type { V2Asset } from '../../main/core/api/v2/types.ts';
import { slateJson, type SlateJson } from '../support/slate-json.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { content } from './transfer-helpers.ts';

const PART = 64 * 1024;
let sandbox: CheckedSandbox;
let api: V2Api;
const dirs: string[] = [];
const running: Array<SlateJson<WatchEvent>> = [];

before(async () => {
  sandbox = await startCheckedSandbox({ partSize: PART, rateLimitScale: 10 });
  api = new V2Api(new V2Client({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) }));
});
after(async () => {
  for (const watch of running) watch.kill();
  await Promise.all(running.map((watch) => watch.done));
  await sandbox.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

interface WatchEvent {
  type: string;
  message?: string;
  file?: { path: string; state: string; reason: string; remoteId: string | null };
}

/** `slate watch` on a V2 token, with --json. */
function watchV2(dir: string, folderId: string, dataDir: string, extra: string[] = []): SlateJson<WatchEvent> {
  const env = { SLATE_API_URL: sandbox.url, SLATE_TOKEN: sandbox.token, SLATE_ACCOUNT_ID: '', SLATE_DATA_DIR: dataDir };
  const watch = slateJson<WatchEvent>(['watch', dir, '--to', folderId, '--api', 'v2', '--stable', '0.5', '--json', ...extra], env);
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
