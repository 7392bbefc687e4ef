// What a request from the UI may watch, through the service as either shell would ask: never the
// data folder (inside, above, or through a link), never a hidden folder of the home folder; in the
// web agent only under the operator's roots, and never deleting after upload unless allowed.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openBackend, type Backend, type WatchAccess } from '../../main/backend.ts';
import { dispatch } from '../../main/core/dispatch.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

let sandbox: CheckedSandbox;
let work: string;
const home = () => join(work, 'home');
const opened: Backend[] = [];

before(async () => {
  sandbox = await startCheckedSandbox();
  work = mkdtempSync(join(tmpdir(), 'slate-watch-policy-'));
  for (const dir of ['home/.ssh', 'home/Renders/.cache', 'home/Renders/out', 'elsewhere']) mkdirSync(join(work, dir), { recursive: true });
  writeFileSync(join(home(), '.ssh', 'id_ed25519'), 'a key');
  process.env.HOME = home();
});
after(async () => {
  for (const backend of opened) await backend.close();
  await sandbox.close();
  rmSync(work, { recursive: true, force: true });
});

async function agent(name: string, access: WatchAccess, dataDir = join(home(), 'Renders', name)): Promise<Backend> {
  const backend = await openBackend({ apiUrl: sandbox.url, token: sandbox.token, dataDir }, 'web', access);
  opened.push(backend);
  return backend;
}

async function add(backend: Backend, dir: string, settings?: object) {
  return dispatch(backend.service, 'watches:add', { accountId: sandbox.accountId, folderId: sandbox.rootFolderId, dir, settings });
}

function refusedWith(reply: Awaited<ReturnType<typeof add>>, code: string, words: RegExp): void {
  assert.equal(reply.ok, false);
  if (reply.ok) return;
  assert.equal(reply.error.code, code);
  assert.match(`${reply.error.message} ${reply.error.action ?? ''}`, words);
}

test('the data folder, anything inside or above it, and a link to it are never watched', async () => {
  const backend = await agent('data', { allowRoots: [work] });
  const data = join(home(), 'Renders', 'data');
  mkdirSync(join(data, 'staging'), { recursive: true });
  symlinkSync(data, join(work, 'elsewhere', 'innocent'));
  for (const dir of [data, join(data, 'staging'), join(home(), 'Renders'), work, join(work, 'elsewhere', 'innocent')]) {
    refusedWith(await add(backend, dir), 'watches:data-folder', /Slate's own data folder.*never watches it/);
  }
});

test('hidden folders of the home folder are never watched, even under an allowed root', async () => {
  const backend = await agent('hidden', {}, join(work, 'hidden-data'));
  refusedWith(await add(backend, join(home(), '.ssh')), 'watches:hidden', /hidden folder of your home folder/);
  refusedWith(await add(backend, join(home(), 'Renders', '.cache')), 'watches:hidden', /hidden folder/);
});

test('the web agent watches only under its roots: the home folder unless its operator said otherwise', async () => {
  const byDefault = await agent('roots-default', {}, join(work, 'roots-data-1'));
  refusedWith(await add(byDefault, join(work, 'elsewhere')), 'watches:outside-roots', /only under .*home.*--allow-root/);
  const out = await add(byDefault, join(home(), 'Renders', 'out'));
  assert.equal(out.ok, true, JSON.stringify(out));

  const narrowed = await agent('roots-given', { allowRoots: [join(work, 'elsewhere')] }, join(work, 'roots-data-2'));
  refusedWith(await add(narrowed, join(home(), 'Renders', 'out')), 'watches:outside-roots', /only under .*elsewhere/);
  refusedWith(await add(narrowed, '/etc'), 'watches:outside-roots', /is not under any of them/);
});

test('"delete after upload" only where the operator allowed it, on adding and on changing a watch', async () => {
  const strict = await agent('no-delete', { allowRoots: [work] }, join(work, 'delete-data-1'));
  refusedWith(await add(strict, join(work, 'elsewhere'), { afterUpload: { action: 'delete' } }), 'watches:delete-not-allowed', /--allow-delete-after-upload/);
  const added = await add(strict, join(work, 'elsewhere'));
  assert.equal(added.ok, true);
  const watchId = added.ok ? (added.value as { id: string }).id : '';
  const update = await dispatch(strict.service, 'watches:update', { watchId, settings: { afterUpload: { action: 'delete' } } });
  refusedWith(update, 'watches:delete-not-allowed', /does not delete files/);
  await dispatch(strict.service, 'watches:remove', { watchId });

  const allowing = await agent('delete', { allowRoots: [work], allowDeleteAfterUpload: true }, join(work, 'delete-data-2'));
  const deleting = await add(allowing, join(work, 'elsewhere'), { afterUpload: { action: 'delete' } });
  assert.equal(deleting.ok, true, JSON.stringify(deleting));
});
