// Watches in the service behind the app and `slate serve`, on a legacy (V2) profile: a watch with
// "Upload while it grows" uploads a render live through V2 as it is written, a live job in the
// Transfers list; on the person's V4 profile the watch's card carries the notice that the setting
// needs a legacy account, and the watch waits for files to finish.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
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
import { LIVE_NOT_AVAILABLE } from '../../main/core/watch/manager.ts';
import type { RequestChannel, TransferJob, Watch, WatchFile } from '../../preload/contract.ts';
import { grow } from '../support/grow.ts';
import { TempDirs } from '../support/temp-dirs.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

const PART = 5 * 1024 * 1024;
let sandbox: CheckedSandbox;
let v2: V2Api;
let v4ProfileId: string;
let backend: Backend;
const temp = new TempDirs();
const tempDir = (prefix: string) => temp.make(prefix);


before(async () => {
  sandbox = await startCheckedSandbox({ rateLimits: 'off' });
  v2 = new V2Api(new V2Client({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) }));
  const dataDir = tempDir('slate-watch-service-');
  const vault = new FileVaultStore(vaultPath(dataDir));
  const signIns = new SignIns(new ProfileBook(vault, sandbox.url));
  // The person's V4 sign-in, then the legacy one, current (as `slate login --api v2` leaves it).
  v4ProfileId = (await signIns.withToken(sandbox.token, 'bearer')).id;
  await signIns.withToken(sandbox.token, 'legacy', 'v2');
  backend = await openBackend({ apiUrl: sandbox.url, dataDir, signIn: { vault } }, 'web', { allowRoots: [tmpdir()] });
});
after(async () => {
  await backend?.close();
  await sandbox.close();
  temp.removeAll();
});

async function call<T>(channel: RequestChannel, input: unknown = {}): Promise<T> {
  const reply = await dispatch(backend.service, channel, input);
  assert.ok(reply.ok, `${channel}: ${JSON.stringify(reply)}`);
  return reply.value as T;
}

const v4Calls = () => sandbox.exchanges.filter((e) => e.url.startsWith('/v4/')).length;

async function fileDone(watchId: string, path: string): Promise<WatchFile> {
  for (;;) {
    const file = (await call<WatchFile[]>('watches:files', { watchId })).find((f) => f.path === path);
    if (file?.state === 'done' || file?.state === 'failed') return file;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('on a V2 profile, a watch with "Upload while it grows" uploads a render live through V2, as a live job', async () => {
  const folder = await v2.createFolder(sandbox.rootFolderId, 'Service live');
  const dir = tempDir('slate-watch-service-src-');
  const v4Before = v4Calls();
  const watch = await call<Watch>('watches:add', { accountId: sandbox.accountId, folderId: folder.id, dir, settings: { live: true, stableSeconds: 1 } });
  assert.equal(watch.settings.live, true);
  assert.equal(watch.notice, null, 'a V2 account can upload while it grows');
  const path = join(dir, 'Render.mov');
  writeFileSync(path, Buffer.alloc(0));
  const written = await grow(path, PART + 400_000, 3);

  const file = await fileDone(watch.id, 'Render.mov');
  assert.deepEqual([file.state, file.reason], ['done', 'uploaded while it was written']);
  const asset = await v2.asset(file.remoteId!);
  assert.ok(asset.upload_completed_at && asset.original);
  const bytes = Buffer.from(await (await fetch(asset.original)).arrayBuffer());
  assert.equal(createHash('sha256').update(bytes).digest('hex'), createHash('sha256').update(written).digest('hex'));
  assert.equal(v4Calls(), v4Before, 'the watch spoke V2 alone');
  const jobs = await call<TransferJob[]>('transfers:list');
  assert.deepEqual(jobs.filter((j) => j.label === path).map((j) => [j.kind, j.state]), [['live', 'done']]);
});

test('on a V4 profile the watch carries the notice that upload while it grows needs a legacy account', async () => {
  await call('session:switch', { profileId: v4ProfileId });
  const dir = tempDir('slate-watch-service-v4-');
  const watch = await call<Watch>('watches:add', { accountId: sandbox.accountId, folderId: sandbox.rootFolderId, dir, settings: { live: true, stableSeconds: 0.5 } });
  assert.equal(watch.notice, LIVE_NOT_AVAILABLE);
  const listed = (await call<Watch[]>('watches:list')).find((w) => w.id === watch.id)!;
  assert.equal(listed.notice, LIVE_NOT_AVAILABLE);
  const off = await call<Watch>('watches:update', { watchId: watch.id, settings: { live: false } });
  assert.equal(off.notice, null, 'no notice once the setting is off');

  writeFileSync(join(dir, 'After.mov'), Buffer.alloc(300_000, 7));
  const file = await fileDone(watch.id, 'After.mov');
  assert.deepEqual([file.state, file.reason], ['done', 'uploaded']);
});
