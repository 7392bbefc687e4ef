// The service behind the app and `slate serve` on a legacy (V2) profile, as `slate login --token -
// --api v2` stores it: the account reads as V2, teams, projects, folders, files and stacks are read
// through V2 alone, comments are read, added and exported, uploads and new versions go through V2
// (every byte read back), and what Slate does only on V4 is refused in words. A switch to the
// person's V4 profile brings V4 back at once.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openBackend, type Backend } from '../../main/backend.ts';
import { FileVaultStore, vaultPath } from '../../main/core/api/auth/file-store.ts';
import { SignIns } from '../../main/core/api/auth/sign-ins.ts';
import { ProfileBook } from '../../main/core/api/auth/vault.ts';
import { staticToken } from '../../main/core/api/client.ts';
import { V2Client } from '../../main/core/api/v2/client.ts';
import { V2Api } from '../../main/core/api/v2/resources.ts';
import { dispatch } from '../../main/core/dispatch.ts';
import type { Asset, Comment, FileDetails, FolderListing, Project, RequestChannel, TransferJob, Workspace } from '../../preload/contract.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

let sandbox: CheckedSandbox;
let dir: string;
let backend: Backend;
let v2: V2Api;
let v4ProfileId: string;

before(async () => {
  sandbox = await startCheckedSandbox({ seed: 'demo', partSize: 64 * 1024 });
  v2 = new V2Api(new V2Client({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) }));
  dir = mkdtempSync(join(tmpdir(), 'slate-service-v2-'));
  const vault = new FileVaultStore(vaultPath(dir));
  const signIns = new SignIns(new ProfileBook(vault, sandbox.url));
  // The same person's V4 sign-in, then the legacy one, which is current (as `slate login --api v2` leaves it).
  v4ProfileId = (await signIns.withToken(sandbox.token, 'bearer')).id;
  await signIns.withToken(sandbox.token, 'legacy', 'v2');
  backend = await openBackend({ apiUrl: sandbox.url, dataDir: dir, signIn: { vault } }, 'web');
});
after(async () => {
  await backend?.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call<T>(channel: RequestChannel, input: unknown = {}): Promise<T> {
  const reply = await dispatch(backend.service, channel, input);
  assert.ok(reply.ok, `${channel}: ${JSON.stringify(reply)}`);
  return reply.value as T;
}

async function refusal(channel: RequestChannel, input: unknown): Promise<{ code: string; message: string; action?: string }> {
  const reply = await dispatch(backend.service, channel, input);
  assert.equal(reply.ok, false, `${channel} is refused`);
  return (reply as { error: { code: string; message: string; action?: string } }).error;
}

const v4Calls = () => sandbox.exchanges.filter((e) => e.url.startsWith('/v4/')).length;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function finished(job: TransferJob): Promise<TransferJob> {
  for (;;) {
    const now = (await call<TransferJob[]>('transfers:list')).find((j) => j.id === job.id)!;
    if (now.state === 'done' || now.state === 'failed') return now;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function originalOf(assetId: string): Promise<Buffer> {
  const asset = await v2.asset(assetId);
  assert.ok(asset.upload_completed_at && asset.original, `${asset.name} is complete`);
  return Buffer.from(await (await fetch(asset.original)).arrayBuffer());
}

async function item(folderId: string, name: string): Promise<Asset> {
  const found = (await call<FolderListing>('folder:list', { accountId: sandbox.accountId, folderId })).items.find((a) => a.name === name);
  assert.ok(found, `${name} in ${folderId}`);
  return found;
}

test('a legacy profile browses, reviews and uploads through V2 alone; V4-only work is refused in words', async () => {
  const before = v4Calls();
  const accountId = sandbox.accountId;

  const status = await call<{ profiles: Array<{ api: string; current: boolean }> }>('session:status');
  assert.deepEqual(status.profiles.map((p) => [p.api, p.current]), [['v4', false], ['v2', true]]);
  assert.equal((await call<{ email: string }>('user:me')).email, 'rosa@northlight.example');
  assert.deepEqual(await call('accounts:list'), [{ id: accountId, name: 'Rosa Alvarez', roles: [], api: 'v2' }]);

  // Teams stand where workspaces do; a project opens on its root asset.
  const teams = await call<Workspace[]>('workspaces:list', { accountId });
  const productions = teams.find((t) => t.name === 'Productions');
  assert.ok(productions, 'the V2 teams are listed');
  const projects = await call<Project[]>('projects:list', { accountId, workspaceId: productions.id });
  const feature = projects.find((p) => p.name === 'Harbor Lights — Feature')!;
  assert.equal(feature.workspaceId, productions.id);
  const root = await call<FolderListing>('folder:list', { accountId, folderId: feature.rootFolderId });
  assert.deepEqual(root.items.map((a) => [a.name, a.type]), [['Dailies', 'folder'], ['Editorial', 'folder'], ['Sound', 'folder'], ['Stills', 'folder'], ['Documents', 'folder']]);

  // A stack lists its versions newest first; a file shows its original, whose bytes the service reads.
  const cuts = await item((await item(feature.rootFolderId, 'Editorial')).id, 'Cuts');
  const stack = await item(cuts.id, 'Harbor_Assembly_v2.webm');
  assert.equal(stack.type, 'version_stack');
  const versions = await call<Asset[]>('stack:versions', { accountId, stackId: stack.id });
  assert.deepEqual(versions.map((v) => v.name), ['Harbor_Assembly_v2.webm', 'Harbor_Assembly_v1.webm']);
  const head = await call<FileDetails>('file:show', { accountId, fileId: versions[0]!.id, playable: true });
  assert.equal(head.mediaType, 'video/webm');
  assert.equal(head.status, 'transcoded');
  assert.deepEqual(head.mediaLinks.map((l) => l.kind), ['original']);
  const bytes = await call<{ mediaType: string; base64: string }>('file:original', { accountId, fileId: head.id });
  assert.equal(sha256(Buffer.from(bytes.base64, 'base64')), sha256(await originalOf(head.id)));

  // Comments: authors, drawings and completion come through V2; a new one at a frame with a drawing lists back.
  const comments = await call<Comment[]>('comments:list', { accountId, fileId: head.id });
  assert.deepEqual(comments.map((c) => [c.text, c.author?.name, c.completed, c.shapes.length]), [
    ['Much better. Hold on the sunrise a beat longer.', 'Rosa Alvarez', false, 0],
    ['Warm the water here, it reads grey.', 'Rosa Alvarez', false, 1],
    ['Temp music ends early, check the last frame.', 'Rosa Alvarez', true, 0],
  ]);
  const rect = { tool: 'rect', color: '#F22237', size: 4, x: 0.25, y: 0.25, w: 0.5, h: 0.5 };
  const made = await call<Comment>('comments:create', { accountId, fileId: head.id, text: 'Brighter sky', timestamp: 48, shapes: [rect] });
  assert.equal(made.timestamp, 48);
  const listed = (await call<Comment[]>('comments:list', { accountId, fileId: head.id })).find((c) => c.id === made.id);
  assert.deepEqual([listed?.timestamp, listed?.shapes, listed?.author?.email], [48, [rect], 'rosa@northlight.example']);
  const rate = await call<{ name: string; source: string }>('comments:frameRate', { accountId, fileId: head.id });
  assert.deepEqual([rate.name, rate.source], ['24', 'assumed']);
  const csv = await call<{ filename: string; text: string }>('comments:export', { accountId, fileId: head.id, format: 'csv' });
  assert.equal(csv.filename, 'Harbor_Assembly_v2 comments.csv');
  assert.match(csv.text, /00:00:02:00,,,Rosa Alvarez,Brighter sky,Open/);
  const edl = await call<{ text: string }>('comments:export', { accountId, fileId: head.id, format: 'edl', fps: '25' });
  assert.match(edl.text, /00:00:01:23 00:00:01:24 .*\r\n \|C:ResolveColorBlue \|M:Rosa Alvarez: Brighter sky/);

  // A folder made and deleted; a drop uploaded and a new version stacked, through V2, every byte.
  const folder = await call<Asset>('folder:create', { accountId, parentId: feature.rootFolderId, name: 'From the app' });
  const source = mkdtempSync(join(tmpdir(), 'slate-service-v2-files-'));
  try {
    const take = randomBytes(200 * 1024 + 11);
    writeFileSync(join(source, 'Take 1.mov'), take);
    backend.service.choosePaths([join(source, 'Take 1.mov')]);
    const upload = await finished(await call<TransferJob>('transfers:upload', { accountId, folderId: folder.id, paths: [join(source, 'Take 1.mov')] }));
    assert.equal(upload.state, 'done', upload.error ?? '');
    const uploaded = await item(folder.id, 'Take 1.mov');
    assert.equal(sha256(await originalOf(uploaded.id)), sha256(take));

    const second = randomBytes(150 * 1024);
    writeFileSync(join(source, 'Take 2.mov'), second);
    backend.service.choosePaths([join(source, 'Take 2.mov')]);
    const version = await finished(await call<TransferJob>('transfers:version', { accountId, fileId: uploaded.id, path: join(source, 'Take 2.mov') }));
    assert.equal(version.state, 'done', version.error ?? '');
    const stacked = await item(folder.id, 'Take 2.mov');
    assert.equal(stacked.type, 'version_stack');
    const takes = await call<Asset[]>('stack:versions', { accountId, stackId: stacked.id });
    assert.equal(sha256(await originalOf(takes[0]!.id)), sha256(second));
  } finally {
    rmSync(source, { recursive: true, force: true });
  }
  await call('asset:delete', { accountId, assetId: folder.id, type: 'folder' });
  await assert.rejects(v2.asset(folder.id), /not found/);

  // What Slate does only on V4 is refused, saying so and what to do instead.
  for (const [channel, input, words] of [
    ['shares:list', { accountId, projectId: feature.id }, 'shares files and folders'],
    ['workspaces:create', { accountId, name: 'New' }, 'creates workspaces'],
    ['folder:rename', { accountId, folderId: cuts.id, name: 'Cut' }, 'renames folders'],
    ['comments:delete', { accountId, commentId: made.id }, 'deletes comments'],
    ['transfers:download', { accountId, assetIds: [head.id], to: dir }, 'downloads from Frame.io'],
    ['transfers:remote', { accountId, folderId: cuts.id, url: 'https://example.com/a.mov', name: 'a.mov' }, 'uploads from a link'],
  ] as const) {
    const error = await refusal(channel, input);
    assert.equal(error.code, 'api:v4-only', channel);
    assert.equal(error.message, `Slate ${words} only on Frame.io V4 accounts, and the account in use is a legacy (V2) account.`);
    assert.match(error.action ?? '', /switch to a V4 sign-in/);
  }
  assert.equal(v4Calls(), before, 'nothing went to V4 while the legacy profile was in use');
});

test('switching to the V4 profile brings V4 back at once, and V4-only work with it', async () => {
  await call('session:switch', { profileId: v4ProfileId });
  const accounts = await call<Array<{ api: string }>>('accounts:list');
  assert.ok(accounts.length > 0 && accounts.every((a) => a.api === 'v4'));
  const workspaces = await call<Workspace[]>('workspaces:list', { accountId: sandbox.accountId });
  const productions = workspaces.find((w) => w.name === 'Productions')!;
  const feature = (await call<Project[]>('projects:list', { accountId: sandbox.accountId, workspaceId: productions.id })).find((p) => p.name === 'Harbor Lights — Feature')!;
  assert.deepEqual(await call('shares:list', { accountId: sandbox.accountId, projectId: feature.id }), []);
});
