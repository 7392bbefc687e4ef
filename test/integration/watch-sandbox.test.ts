// Watch folders against the sandbox, in process: the real engine, the real tree observer, a real tree on
// disk, and every exchange checked against the spec.
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { AccountApi } from '../../main/core/api/resources.ts';
import { openDatabase } from '../../main/core/db.ts';
import { TransferEngine } from '../../main/core/transfers/engine.ts';
import { EngineUploader } from '../../main/core/watch/engine-uploader.ts';
import { WatchJournal } from '../../main/core/watch/journal.ts';
import { WatchManager } from '../../main/core/watch/manager.ts';
import type { WatchSettings } from '../../main/core/watch/settings.ts';
import type { WatchFileView } from '../../main/core/watch/states.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { clientFor, content, remoteTree, sha256, tempDir } from './transfer-helpers.ts';

let sandbox: CheckedSandbox;
let api: AccountApi;
before(async () => {
  sandbox = await startCheckedSandbox({ partSize: 64 * 1024, rateLimitScale: 10 });
  api = new AccountApi(clientFor(sandbox), sandbox.accountId);
});
const open: Rig[] = [];
after(async () => {
  // A failed test leaves its watch running; close them all, or the process never ends.
  await Promise.all(open.map((rig) => rig.close()));
  await sandbox.close();
});

interface Rig {
  dir: string;
  folderId: string;
  manager: WatchManager;
  watchId: string;
  events: Array<WatchFileView & { at: number }>;
  close(): Promise<void>;
}

async function startWatch(name: string, settings: Partial<WatchSettings>): Promise<Rig> {
  const dir = tempDir('watched');
  const folderId = (await api.createFolder(sandbox.rootFolderId, name)).id;
  const db = openDatabase(':memory:');
  const engine = new TransferEngine({ client: clientFor(sandbox), db });
  const manager = new WatchManager({ journal: new WatchJournal(db), api: () => api, uploader: (accountId) => new EngineUploader(engine, accountId) });
  const events: Rig['events'] = [];
  manager.on('file', (file) => events.push({ ...file, at: Date.now() }));
  manager.on('error', ({ error }) => assert.fail(error));
  const { id } = await manager.ensure({ dir, accountId: sandbox.accountId, folderId, settings });
  let closing: Promise<void> | undefined;
  const rig: Rig = {
    dir,
    folderId,
    manager,
    watchId: id,
    events,
    close() {
      closing ??= (async () => {
        await manager.close();
        await engine.close();
        db.close();
      })();
      return closing;
    },
  };
  open.push(rig);
  return rig;
}

/** Waits (at most 20 s) until every listed path is done, skipped or failed, and nothing else is under way. */
async function finished(rig: Rig, paths: string[]): Promise<Map<string, WatchFileView>> {
  for (let waited = 0; ; waited += 50) {
    const files = new Map(rig.manager.files(rig.watchId).map((f) => [f.path, f]));
    const over = (f: WatchFileView | undefined) => f !== undefined && ['done', 'skipped', 'failed'].includes(f.state);
    if (paths.every((p) => over(files.get(p))) && [...files.values()].every(over)) return files;
    if (waited > 20_000) assert.fail(`not finished: ${JSON.stringify([...files.values()])}`);
    await sleep(50);
  }
}

test('a file written slowly for 20 s is uploaded once, whole, after its last write', async () => {
  // A render that writes a chunk every second for 20 s, with a 2.5 s window: never still long enough.
  const rig = await startWatch('slow', { stableSeconds: 2.5 });
  const file = join(rig.dir, 'render.mov');
  writeFileSync(file, '');
  const chunks: Buffer[] = [];
  for (let i = 0; i < 20; i++) {
    const chunk = content(`chunk${i}`, 100_000);
    chunks.push(chunk);
    appendFileSync(file, chunk);
    await sleep(1_000);
  }
  const lastWrite = Date.now() - 1_000;
  const files = await finished(rig, ['render.mov']);
  assert.equal(files.get('render.mov')!.state, 'done');
  const started = rig.events.filter((e) => e.path === 'render.mov' && e.state === 'uploading');
  assert.equal(started.length, 1, 'one upload');
  assert.ok(started[0]!.at >= lastWrite, 'not before the last write');
  const tree = await remoteTree(sandbox, rig.folderId);
  assert.deepEqual([...tree.keys()], ['render.mov']);
  assert.equal(tree.get('render.mov')!.length, 1);
  assert.equal(tree.get('render.mov')![0]!.sha256, sha256(Buffer.concat(chunks)));
  await rig.close();
});

test('shot_v002.mov lands in the same version stack as shot_v001.mov, and v003 joins it', async () => {
  const rig = await startWatch('versions', { stableSeconds: 0.3 });
  writeFileSync(join(rig.dir, 'shot_v001.mov'), content('v1', 1000));
  await finished(rig, ['shot_v001.mov']);
  writeFileSync(join(rig.dir, 'shot_v002.mov'), content('v2', 2000));
  const files = await finished(rig, ['shot_v002.mov']);
  assert.match(files.get('shot_v002.mov')!.reason, /newest version of shot_v001\.mov/);
  writeFileSync(join(rig.dir, 'shot-v003.mov'), content('v3', 3000));
  await finished(rig, ['shot-v003.mov']);

  const children = await Array.fromAsync(api.listChildren(rig.folderId));
  assert.deepEqual(children.map((c) => c.type), ['version_stack'], 'one stack, no loose files');
  const versions = await Array.fromAsync(api.listVersions(children[0]!.id));
  assert.deepEqual(versions.map((v) => v.name).sort(), ['shot-v003.mov', 'shot_v001.mov', 'shot_v002.mov']);
  await rig.close();
});

test('two versions arriving together still make one stack; --exact-names keeps them apart', async () => {
  const together = await startWatch('together', { stableSeconds: 0.3 });
  writeFileSync(join(together.dir, 'comp_v1.mov'), content('c1', 500));
  writeFileSync(join(together.dir, 'comp_v2.mov'), content('c2', 500));
  await finished(together, ['comp_v1.mov', 'comp_v2.mov']);
  const stacked = await Array.fromAsync(api.listChildren(together.folderId));
  assert.deepEqual(stacked.map((c) => c.type), ['version_stack']);
  await together.close();

  const exact = await startWatch('exact', { stableSeconds: 0.3, exactNames: true });
  writeFileSync(join(exact.dir, 'comp_v1.mov'), content('c1', 500));
  await finished(exact, ['comp_v1.mov']);
  writeFileSync(join(exact.dir, 'comp_v2.mov'), content('c2', 500));
  await finished(exact, ['comp_v2.mov']);
  const apart = await Array.fromAsync(api.listChildren(exact.folderId));
  assert.deepEqual(apart.map((c) => `${c.type}:${c.name}`).sort(), ['file:comp_v1.mov', 'file:comp_v2.mov']);
  await exact.close();
});

test('ignored names never upload; sub-folders are mirrored', async () => {
  const rig = await startWatch('ignored', { stableSeconds: 0.3, ignore: ['*.xml', 'proxies'] });
  mkdirSync(join(rig.dir, 'day1/Media Cache'), { recursive: true });
  mkdirSync(join(rig.dir, 'day1/proxies'), { recursive: true });
  mkdirSync(join(rig.dir, 'Adobe Premiere Pro Auto-Save'), { recursive: true });
  const ignored = ['day1/a.tmp', 'day1/clip.mov.part', 'day1/~$notes.docx', 'day1/.DS_Store', 'Thumbs.db', 'edit.xml', 'day1/Media Cache/x.cfa', 'day1/proxies/p.mov', 'Adobe Premiere Pro Auto-Save/e.prproj', 'lock.lock'];
  for (const path of ignored) writeFileSync(join(rig.dir, path), 'litter');
  writeFileSync(join(rig.dir, 'day1/A001.mov'), content('a', 700));
  writeFileSync(join(rig.dir, 'top.mov'), content('t', 700));
  await finished(rig, ['day1/A001.mov', 'top.mov']);
  await sleep(600); // two more windows: anything ignored would have settled by now
  assert.deepEqual(rig.manager.files(rig.watchId).map((f) => f.path).sort(), ['day1/A001.mov', 'top.mov']);
  assert.deepEqual([...(await remoteTree(sandbox, rig.folderId)).keys()].sort(), ['day1/A001.mov', 'top.mov']);
  await rig.close();
});

test('after a verified upload the file is moved into _uploaded, and nothing is uploaded twice', async () => {
  const rig = await startWatch('tidy', { stableSeconds: 0.3, afterUpload: { action: 'move', folder: '_uploaded' } });
  mkdirSync(join(rig.dir, 'day2'));
  writeFileSync(join(rig.dir, 'day2/b.mov'), content('b', 900));
  for (let waited = 0; !existsSync(join(rig.dir, '_uploaded/day2/b.mov')); waited += 50) {
    if (waited > 20_000) assert.fail(`the uploaded file was not moved away: ${JSON.stringify(rig.events)}`);
    await sleep(50);
  }
  assert.ok(rig.events.some((e) => e.path === 'day2/b.mov' && e.state === 'done'));
  assert.ok(!existsSync(join(rig.dir, 'day2/b.mov')));
  await sleep(600);
  assert.deepEqual([...(await remoteTree(sandbox, rig.folderId)).keys()], ['day2/b.mov']);
  await rig.close();
});

test('a watch on an unplugged drive can still have its settings changed, and uses them once the drive is back', async () => {
  const rig = await startWatch('unplugged', { stableSeconds: 0.3 });
  const away = `${rig.dir}-unplugged`;
  renameSync(rig.dir, away);
  const updated = await rig.manager.update(rig.watchId, { ignore: ['*.wav'] });
  assert.deepEqual(updated.settings.ignore, ['*.wav']);
  assert.equal(updated.running, true, 'the watch waits for its folder');
  writeFileSync(join(away, 'mix.wav'), content('w', 500));
  writeFileSync(join(away, 'cut.mov'), content('c', 700));
  renameSync(away, rig.dir);
  const files = await finished(rig, ['cut.mov']);
  assert.equal(files.get('cut.mov')!.state, 'done');
  assert.ok(!files.has('mix.wav'), 'the new ignore rule holds');
  assert.deepEqual([...(await remoteTree(sandbox, rig.folderId)).keys()], ['cut.mov']);
  await assert.rejects(rig.manager.update(rig.watchId, { afterUpload: { action: 'move', folder: '..' } }), /cannot take uploaded files/);
  await rig.close();
});

test('a look asked for goes through the whole folder and says when; a paused watch says to resume it', async () => {
  const rig = await startWatch('look-now', { stableSeconds: 0.3 });
  const first = rig.manager.summary(rig.watchId).lookedAt!;
  assert.ok(first > 0, 'the catch-up at start counts as a look');
  await sleep(5);
  const after = await rig.manager.lookNow(rig.watchId);
  assert.ok(after.lookedAt! > first);
  await rig.manager.pause(rig.watchId);
  await assert.rejects(rig.manager.lookNow(rig.watchId), { code: 'watch:paused', message: 'This watch is paused.', action: 'Resume it, and it looks through its folder as it starts.' });
  await rig.close();
});
