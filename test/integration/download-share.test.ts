// `slate download <share id>`: a share's assets come down byte-identical into a folder named after
// the share, a shared folder with its tree, a file shared from elsewhere beside it, a version stack
// as its newest version (or every version), two same-named files kept apart; the sandbox lists a
// share's assets as Frame.io does (members and, flat, everything inside them). An unknown id says
// what it looked for.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { AccountApi } from '../../main/core/api/resources.ts';
import { NODE, ROOT } from '../support/processes.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { clientFor, makeTree, tempDir } from './transfer-helpers.ts';

const PART = 64 * 1024;
let sandbox: CheckedSandbox;
let api: AccountApi;
before(async () => {
  sandbox = await startCheckedSandbox({ partSize: PART, rateLimitScale: 10, transcodeDelayMs: 0 });
  api = new AccountApi(clientFor(sandbox), sandbox.accountId);
});
after(() => sandbox.close());

function slate(args: string[], dataDir: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, SLATE_API_URL: sandbox.url, SLATE_TOKEN: sandbox.token, SLATE_ACCOUNT_ID: sandbox.accountId, SLATE_DATA_DIR: dataDir };
    const child = spawn(NODE, ['bin/slate.js', ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Every file under a folder by relative path, with its bytes. */
function tree(root: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out.set(relative(root, join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name)));
  }
  return out;
}

async function childId(folderId: string, name: string): Promise<string> {
  for await (const asset of api.listChildren(folderId)) if (asset.name === name) return asset.id;
  throw new Error(`${name} is not in ${folderId}`);
}

async function upload(paths: string[], folderId: string, dataDir: string): Promise<void> {
  const run = await slate(['upload', ...paths, '--to', folderId], dataDir);
  assert.equal(run.status, 0, run.stderr);
}

async function makeShare(name: string, assetIds: string[]): Promise<string> {
  const answer = await api.client.call<{ data: { id: string } }>('shares.create', {
    params: { account_id: sandbox.accountId, project_id: sandbox.projectId },
    body: { data: { type: 'asset', name, access: 'public', asset_ids: assetIds } },
  });
  return answer.data.id;
}

test("a share's folder, a file from elsewhere and a stack come back byte-identical with their structure", async () => {
  const dataDir = tempDir('share-data');
  const home = (await api.createFolder(sandbox.rootFolderId, 'share home')).id;
  const selects = makeTree({ 'Selects/Szene 1/take 1.mov': 3 * PART + 5, 'Selects/Szene 1/Ton/Ça va.wav': 1000, 'Selects/notes.txt': 12 });
  await upload([join(selects, 'Selects')], home, dataDir);
  const elsewhere = (await api.createFolder(sandbox.rootFolderId, 'elsewhere')).id;
  // The same name as a file inside the shared folder's top, and another beside it at the share's top.
  const loose = makeTree({ 'notes.txt': 30, 'poster.png': 2 * PART });
  await upload([join(loose, 'notes.txt'), join(loose, 'poster.png')], elsewhere, dataDir);
  const otherNotes = makeTree({ 'notes.txt': 44 });
  await upload([join(otherNotes, 'notes.txt')], home, dataDir);
  const cuts = makeTree({ 'cut v1.mov': PART + 1, 'cut v2.mov': PART + 2 });
  await upload([join(cuts, 'cut v1.mov'), join(cuts, 'cut v2.mov')], home, dataDir);
  const stack = await api.createVersionStack(home, [await childId(home, 'cut v1.mov'), await childId(home, 'cut v2.mov')]);

  const selectsId = await childId(home, 'Selects');
  const shareId = await makeShare('For the client', [selectsId, await childId(elsewhere, 'notes.txt'), await childId(elsewhere, 'poster.png'), await childId(home, 'notes.txt'), stack.id]);

  // Frame.io's listing is flat: the members, and what the shared folder and stack hold.
  const listed = await Array.fromAsync(api.listShareAssets(shareId));
  assert.deepEqual(listed.map((a) => a.name).sort(), ['Selects', 'Szene 1', 'Ton', 'cut v1.mov', 'cut v2.mov', 'cut v2.mov', 'notes.txt', 'notes.txt', 'notes.txt', 'poster.png', 'take 1.mov', 'Ça va.wav'].sort());

  const to = tempDir('share-to');
  const run = await slate(['download', shareId, '--to', to, '--range-size', String(PART), '--json'], dataDir);
  assert.equal(run.status, 0, run.stderr);
  const got = tree(join(to, 'For the client'));
  assert.deepEqual([...got.keys()].sort(), ['Selects/Szene 1/Ton/Ça va.wav', 'Selects/Szene 1/take 1.mov', 'Selects/notes.txt', 'cut v2.mov', 'notes (2).txt', 'notes.txt', 'poster.png'].sort());
  for (const path of ['Selects/Szene 1/take 1.mov', 'Selects/Szene 1/Ton/Ça va.wav', 'Selects/notes.txt']) assert.ok(got.get(path)!.equals(readFileSync(join(selects, path))), path);
  assert.ok(got.get('poster.png')!.equals(readFileSync(join(loose, 'poster.png'))));
  assert.ok(got.get('cut v2.mov')!.equals(readFileSync(join(cuts, 'cut v2.mov'))), "the stack's newest version");
  // The two loose notes, one from each folder, each under its own name.
  const notes = [got.get('notes.txt')!, got.get('notes (2).txt')!].map((b) => b.length).sort();
  assert.deepEqual(notes, [30, 44]);

  const all = tempDir('share-all');
  const every = await slate(['download', shareId, '--to', all, '--all-versions', '--range-size', String(PART)], dataDir);
  assert.equal(every.status, 0, every.stderr);
  const versions = tree(join(all, 'For the client'));
  assert.ok(versions.get('cut v1 v1.mov')!.equals(readFileSync(join(cuts, 'cut v1.mov'))));
  assert.ok(versions.get('cut v2 v2.mov')!.equals(readFileSync(join(cuts, 'cut v2.mov'))));
  assert.deepEqual(sandbox.problems, []);
});

test('an id that is no file, folder, stack or share is refused with what to check', async () => {
  const dataDir = tempDir('share-missing');
  const run = await slate(['download', '00000000-0000-4000-8000-000000000000', '--to', tempDir('share-missing-to')], dataDir);
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /no file, folder, version stack or share 00000000-0000-4000-8000-000000000000/);
  assert.match(run.stderr, /Check the id/);
});
