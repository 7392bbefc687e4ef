// FolderWatch on a real directory and the real tree observer, with the upload engine and Frame.io replaced
// by recorders: what is handed over, when, and how often.
import assert from 'node:assert/strict';
import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { FolderWatch, type WatchDestination } from '../../main/core/watch/folder-watch.ts';
import { WatchJournal } from '../../main/core/watch/journal.ts';
import { withDefaults, type WatchSettings } from '../../main/core/watch/settings.ts';
import type { UploadOrder, UploadResult, WatchUploader } from '../../main/core/watch/uploader.ts';
import type { StackCandidate } from '../../main/core/watch/versions.ts';

const roots: string[] = [];
const watches: FolderWatch[] = [];
after(async () => {
  // A failed test leaves its watch running; stop them all, or the process never ends.
  await Promise.all(watches.map((w) => w.stop()));
  roots.forEach((r) => rmSync(r, { recursive: true, force: true }));
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'slate-watch-'));
  roots.push(dir);
  return dir;
}

interface Handed extends UploadOrder {
  size: number;
  at: number;
}

class RecordingUploader implements WatchUploader {
  readonly orders: Handed[] = [];
  outcome: (order: UploadOrder) => UploadResult = (order) => ({ outcome: 'done', fileId: `f${this.orders.indexOf(order as Handed) + 1}`, sha256: null, reason: 'uploaded' });
  async submit(order: UploadOrder): Promise<string> {
    this.orders.push({ ...order, size: statSync(order.source).size, at: Date.now() });
    return `job${this.orders.length}`;
  }
  async settle(jobId: string, onStart: () => void): Promise<UploadResult> {
    onStart();
    await sleep(5);
    return this.outcome(this.orders[Number(jobId.slice(3)) - 1]!);
  }
  async cancel(): Promise<void> {}
}

class MemoryDestination implements WatchDestination {
  readonly folders = new Map<string, string>([['', 'root']]);
  readonly items = new Map<string, StackCandidate[]>();
  async folderFor(relDir: string): Promise<string> {
    if (!this.folders.has(relDir)) this.folders.set(relDir, `folder:${relDir}`);
    return this.folders.get(relDir)!;
  }
  async candidates(folderId: string): Promise<StackCandidate[]> {
    return this.items.get(folderId) ?? [];
  }
  async remember(folderId: string, name: string, fileId: string, stackedOnto: StackCandidate | undefined): Promise<void> {
    const items = (this.items.get(folderId) ?? []).filter((c) => c !== stackedOnto);
    items.push(stackedOnto?.kind === 'stack' ? { ...stackedOnto, name, fileId } : { id: fileId, kind: 'file', name, fileId });
    this.items.set(folderId, items);
  }
}

interface Rig {
  dir: string;
  watch: FolderWatch;
  uploader: RecordingUploader;
  destination: MemoryDestination;
  journal: WatchJournal;
}

async function startRig(settings: Partial<WatchSettings> = {}, from?: Pick<Rig, 'dir' | 'journal' | 'uploader' | 'destination'>): Promise<Rig> {
  const dir = from?.dir ?? tempDir();
  const journal = from?.journal ?? new WatchJournal(new DatabaseSync(':memory:'));
  if (!journal.watch('w1')) journal.addWatch({ id: 'w1', dir, accountId: 'a', folderId: 'root', settings: {}, paused: false });
  const uploader = from?.uploader ?? new RecordingUploader();
  const destination = from?.destination ?? new MemoryDestination();
  const watch = new FolderWatch({ id: 'w1', dir, settings: withDefaults({ stableSeconds: 0.3, ...settings }), journal, uploader, destination });
  watch.on('error', (error) => assert.fail(error));
  watches.push(watch);
  await watch.start();
  return { dir, watch, uploader, destination, journal };
}

/** Waits (at most 10 s) until the watch has nothing left to do and `ready` holds. */
async function settled(watch: FolderWatch, ready: () => boolean = () => true): Promise<void> {
  for (let waited = 0; !(watch.idle() && ready()); waited += 25) {
    if (waited > 10_000) assert.fail(`the watch did not settle: ${JSON.stringify(watch.files())}`);
    await sleep(25);
  }
}

test('a file written slowly is handed over once, whole, after its last write', async () => {
  const rig = await startRig();
  const file = join(rig.dir, 'render.mov');
  writeFileSync(file, 'x');
  for (let i = 0; i < 8; i++) {
    await sleep(150); // each write comes within the window: the file is never finished in between
    appendFileSync(file, 'x'.repeat(1000));
  }
  const lastWrite = Date.now();
  await settled(rig.watch, () => rig.uploader.orders.length > 0);
  await sleep(400);
  assert.equal(rig.uploader.orders.length, 1);
  const [order] = rig.uploader.orders;
  assert.equal(order!.size, 8001);
  assert.ok(order!.at >= lastWrite, 'handed over after the last write');
  assert.equal(order!.folderId, 'root');
  assert.deepEqual(rig.watch.files().map((f) => [f.path, f.state, f.remoteId]), [['render.mov', 'done', 'f1']]);
  await rig.watch.stop();
});

test('ignored names never reach the engine; sub-folders are mirrored', async () => {
  const rig = await startRig({ ignore: ['*.xml'] });
  mkdirSync(join(rig.dir, 'day1/Media Cache'), { recursive: true });
  for (const name of ['a.tmp', 'b.mov.part', '~$notes.docx', '.DS_Store', 'Thumbs.db', 'edl.xml', 'Media Cache/x.cfa', 'keep.mov']) writeFileSync(join(rig.dir, 'day1', name), 'data');
  writeFileSync(join(rig.dir, 'top.mov'), 'data');
  await settled(rig.watch, () => rig.uploader.orders.length >= 2);
  await sleep(400);
  assert.deepEqual(rig.uploader.orders.map((o) => [o.source.slice(rig.dir.length + 1), o.folderId]).sort(), [
    ['day1/keep.mov', 'folder:day1'],
    ['top.mov', 'root'],
  ]);
  await rig.watch.stop();
});

test('after a restart only files that are new or changed are uploaded; unchanged ones are not', async () => {
  const first = await startRig();
  writeFileSync(join(first.dir, 'a.mov'), 'aaaa');
  writeFileSync(join(first.dir, 'c.mov'), 'cccc');
  await settled(first.watch, () => first.uploader.orders.length === 2);
  await first.watch.stop();

  writeFileSync(join(first.dir, 'b.mov'), 'bbbb'); // added while stopped
  writeFileSync(join(first.dir, 'c.mov'), 'cccccc'); // changed while stopped
  const second = await startRig({}, first);
  await settled(second.watch, () => second.uploader.orders.length === 4);
  await sleep(400);
  assert.deepEqual(second.uploader.orders.slice(2).map((o) => o.source.slice(first.dir.length + 1)).sort(), ['b.mov', 'c.mov']);
  assert.equal(second.uploader.orders.length, 4);
  assert.deepEqual(second.watch.counts().done, 3);
  await second.watch.stop();
});

test('renames and moves inside the tree do not upload again, even while stopped', async () => {
  const rig = await startRig();
  mkdirSync(join(rig.dir, 'in'));
  mkdirSync(join(rig.dir, 'out'));
  writeFileSync(join(rig.dir, 'in/clip.mov'), 'clip contents');
  writeFileSync(join(rig.dir, 'in/other.mov'), 'other contents');
  await settled(rig.watch, () => rig.uploader.orders.length === 2);
  renameSync(join(rig.dir, 'in/clip.mov'), join(rig.dir, 'out/clip renamed.mov'));
  await sleep(100);
  await settled(rig.watch, () => rig.watch.files().some((f) => f.path === 'out/clip renamed.mov' && f.state === 'done'));
  const moved = rig.watch.files().find((f) => f.path === 'out/clip renamed.mov')!;
  assert.match(moved.reason, /moved from in\/clip\.mov/);
  // The two files went up side by side, in either order: the moved one keeps the clip's Frame.io file.
  const clipOrder = rig.uploader.orders.findIndex((o) => o.source.endsWith(join('in', 'clip.mov')));
  assert.equal(moved.remoteId, `f${clipOrder + 1}`);
  await rig.watch.stop();

  renameSync(join(rig.dir, 'in/other.mov'), join(rig.dir, 'other.mov'));
  const again = await startRig({}, rig);
  await settled(again.watch, () => again.watch.files().some((f) => f.path === 'other.mov' && f.state === 'done'));
  assert.equal(again.uploader.orders.length, 2, 'nothing uploaded again');
  await again.watch.stop();
});

test('a copy is not a move: it is uploaded, into its own folder', async () => {
  const rig = await startRig();
  writeFileSync(join(rig.dir, 'a.mov'), 'same bytes');
  await settled(rig.watch, () => rig.uploader.orders.length === 1);
  mkdirSync(join(rig.dir, 'copy'));
  const { mtime } = statSync(join(rig.dir, 'a.mov'));
  writeFileSync(join(rig.dir, 'copy/a.mov'), 'same bytes');
  utimesSync(join(rig.dir, 'copy/a.mov'), mtime, mtime);
  await settled(rig.watch, () => rig.uploader.orders.length === 2);
  assert.equal(rig.uploader.orders[1]!.folderId, 'folder:copy');
  await rig.watch.stop();
});

test('shot_v002 stacks onto shot_v001, even when both arrive together; exact names turn that off', async () => {
  const rig = await startRig();
  writeFileSync(join(rig.dir, 'shot_v001.mov'), 'one');
  writeFileSync(join(rig.dir, 'shot_v002.mov'), 'two');
  await settled(rig.watch, () => rig.uploader.orders.length === 2);
  const byName = new Map(rig.uploader.orders.map((o) => [o.source.slice(rig.dir.length + 1), o]));
  const [first, second] = byName.get('shot_v001.mov')!.at < byName.get('shot_v002.mov')!.at ? ['shot_v001.mov', 'shot_v002.mov'] : ['shot_v002.mov', 'shot_v001.mov'];
  assert.equal(byName.get(first)!.stackOnto, undefined);
  assert.equal(byName.get(second)!.stackOnto?.name, first, 'the later one stacks onto the earlier');
  await rig.watch.stop();

  const exact = await startRig({ exactNames: true });
  exact.destination.items.set('root', [{ id: 'old', kind: 'file', name: 'shot_v001.mov', fileId: 'old' }]);
  writeFileSync(join(exact.dir, 'shot_v002.mov'), 'two');
  await settled(exact.watch, () => exact.uploader.orders.length === 1);
  assert.equal(exact.uploader.orders[0]!.stackOnto, undefined);
  assert.equal(exact.uploader.orders[0]!.policy, 'version', 'an identical name is still stacked, by the engine');
  await exact.watch.stop();
});

test('a lower version finished at the same time goes first, even when it takes longer to decide', async () => {
  const rig = await startRig();
  // shot_v001 looks like a journaled upload that moved (same size and date), so it is hashed
  // before it is uploaded; shot_v002 has nothing to compare and is decided at once.
  const big = Buffer.alloc(64 * 1024 * 1024, 1);
  const stamp = new Date('2026-01-02T03:04:05Z');
  rig.journal.putFile('w1', { path: 'old/shot_v001.mov', size: big.length, mtimeMs: stamp.getTime(), ctimeMs: null, sha256: 'f'.repeat(64), state: 'done', reason: 'uploaded', remoteId: 'r0', jobId: null });
  writeFileSync(join(rig.dir, 'shot_v001.mov'), big);
  utimesSync(join(rig.dir, 'shot_v001.mov'), stamp, stamp);
  writeFileSync(join(rig.dir, 'shot_v002.mov'), 'two');
  await settled(rig.watch, () => rig.uploader.orders.length === 2);
  const [first, second] = rig.uploader.orders.map((o) => ({ name: o.source.slice(rig.dir.length + 1), onto: o.stackOnto?.name }));
  assert.deepEqual([first, second], [
    { name: 'shot_v001.mov', onto: undefined },
    { name: 'shot_v002.mov', onto: 'shot_v001.mov' },
  ]);
  await rig.watch.stop();
});

test('a file that changes again after upload is uploaded again; a skip is shown with its reason', async () => {
  const rig = await startRig({ onSameName: 'skip' });
  rig.uploader.outcome = (order) =>
    order.source.endsWith('dup.mov') ? { outcome: 'skipped', fileId: null, sha256: null, reason: 'a file of this name is already in Frame.io' } : { outcome: 'done', fileId: 'x', sha256: null, reason: 'uploaded' };
  writeFileSync(join(rig.dir, 'dup.mov'), 'one');
  writeFileSync(join(rig.dir, 'r.mov'), 'one');
  await settled(rig.watch, () => rig.uploader.orders.length === 2);
  const dup = rig.watch.files().find((f) => f.path === 'dup.mov')!;
  assert.deepEqual([dup.state, dup.reason], ['skipped', 'a file of this name is already in Frame.io']);
  writeFileSync(join(rig.dir, 'r.mov'), 'rendered again');
  await settled(rig.watch, () => rig.uploader.orders.length === 3);
  assert.equal(rig.uploader.orders[2]!.size, 14);
  await rig.watch.stop();
});

test('a file that failed because it could not be read is tried again once its permissions are fixed, with its bytes and date unchanged', async () => {
  const rig = await startRig();
  // Root reads a file whatever its mode; the recorder refuses one its mode makes unreadable, as the engine does for anyone else.
  rig.uploader.outcome = (order) => {
    if ((statSync(order.source).mode & 0o444) === 0) throw new Error('cannot be read: permission denied (EACCES)');
    return { outcome: 'done', fileId: 'f', sha256: null, reason: 'uploaded' };
  };
  const said: string[] = [];
  rig.watch.on('file', (file) => said.push(`${file.state}: ${file.reason}`));
  const file = join(rig.dir, 'locked.mov');
  writeFileSync(file, 'locked', { mode: 0o000 });
  const state = () => rig.watch.files().find((f) => f.path === 'locked.mov')?.state;
  await settled(rig.watch, () => state() === 'failed');
  const failed = statSync(file);
  assert.equal(rig.journal.file('w1', 'locked.mov')?.ctimeMs, failed.ctimeMs, 'the journal keeps the change time it failed with');

  chmodSync(file, 0o644);
  await settled(rig.watch, () => state() === 'done');
  const fixed = statSync(file);
  assert.deepEqual([fixed.size, fixed.mtimeMs], [failed.size, failed.mtimeMs], 'only the permissions changed');
  assert.deepEqual(said.slice(said.indexOf('failed: cannot be read: permission denied (EACCES)')), [
    'failed: cannot be read: permission denied (EACCES)',
    'pending: its permissions or owner changed since it failed: trying again',
    'ready: finished writing',
    'queued: waiting to upload',
    'uploading: uploading',
    'done: uploaded',
  ]);
  assert.equal(rig.uploader.orders.length, 2, 'handed over once to fail and once to succeed');
  await rig.watch.stop();
});

test('after upload a file can be moved into _uploaded, which is never watched', async () => {
  const rig = await startRig({ afterUpload: { action: 'move', folder: '_uploaded' } });
  mkdirSync(join(rig.dir, 'day1'));
  writeFileSync(join(rig.dir, 'day1/a.mov'), 'aaaa');
  await settled(rig.watch, () => rig.uploader.orders.length === 1);
  for (let waited = 0; !existsQuiet(join(rig.dir, '_uploaded/day1/a.mov')); waited += 25) {
    if (waited > 5_000) assert.fail('not moved');
    await sleep(25);
  }
  assert.ok(!existsQuiet(join(rig.dir, 'day1/a.mov')));
  await sleep(500);
  assert.equal(rig.uploader.orders.length, 1);
  await rig.watch.stop();
});

function existsQuiet(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

test('a watched folder that goes away and comes back (a drive unplugged) is caught up, nothing twice', async () => {
  const parent = tempDir();
  const dir = join(parent, 'card');
  mkdirSync(dir);
  const rig = await startRig({}, { dir, journal: new WatchJournal(new DatabaseSync(':memory:')), uploader: new RecordingUploader(), destination: new MemoryDestination() });
  writeFileSync(join(dir, 'before.mov'), 'before');
  await settled(rig.watch, () => rig.uploader.orders.length === 1);
  renameSync(dir, join(parent, 'unplugged'));
  await settled(rig.watch, () => rig.watch.files().length === 0);
  writeFileSync(join(parent, 'unplugged/while-away.mov'), 'away');
  renameSync(join(parent, 'unplugged'), dir);
  await settled(rig.watch, () => rig.uploader.orders.length === 2);
  await sleep(400);
  assert.deepEqual(rig.uploader.orders.map((o) => o.source.slice(dir.length + 1)), ['before.mov', 'while-away.mov']);
  assert.deepEqual(rig.watch.files().map((f) => [f.path, f.state]).sort(), [['before.mov', 'done'], ['while-away.mov', 'done']]);
  await rig.watch.stop();
});

test('an upload journaled as under way waits while its drive is unplugged, and is forgotten if the drive comes back without it', async () => {
  const parent = tempDir();
  const dir = join(parent, 'card');
  const journal = new WatchJournal(new DatabaseSync(':memory:'));
  journal.addWatch({ id: 'w1', dir, accountId: 'a', folderId: 'root', settings: {}, paused: false });
  journal.putFile('w1', { path: 'clip.mov', size: 4, mtimeMs: 1, ctimeMs: 1, sha256: null, state: 'uploading', reason: 'uploading', remoteId: null, jobId: 'job1' });
  const rig = await startRig({}, { dir, journal, uploader: new RecordingUploader(), destination: new MemoryDestination() });
  await sleep(300);
  assert.equal(journal.file('w1', 'clip.mov')?.state, 'uploading', 'kept while the drive is away');
  mkdirSync(dir);
  writeFileSync(join(dir, 'other.mov'), 'other');
  await settled(rig.watch, () => rig.uploader.orders.length === 1);
  assert.equal(journal.file('w1', 'clip.mov'), undefined, 'the drive came back without it');
  assert.deepEqual(rig.watch.files().map((f) => f.path), ['other.mov']);
  await rig.watch.stop();
});

/** Waits (at most 10 s) until `ready` holds, whatever else the watch is doing. */
async function waitFor(ready: () => boolean, what: () => string): Promise<void> {
  for (let waited = 0; !ready(); waited += 25) {
    if (waited > 10_000) assert.fail(`gave up waiting: ${what()}`);
    await sleep(25);
  }
}

/** Holds every upload until it is let go, so the test decides when a lane frees up. */
class GatedUploader extends RecordingUploader {
  private readonly gates: Array<() => void> = [];
  override async settle(jobId: string, onStart: () => void): Promise<UploadResult> {
    onStart();
    await new Promise<void>((resolve) => this.gates.push(resolve));
    return this.outcome(this.orders[Number(jobId.slice(3)) - 1]!);
  }
  release(): void {
    this.gates.shift()?.();
  }
}

test('while every lane is busy, files finished meanwhile wait as queued and go newest first when the setting says so', async () => {
  for (const [uploadFirst, expected] of [
    ['newest', ['late.mov', 'middle.mov', 'early.mov']],
    ['oldest', ['early.mov', 'middle.mov', 'late.mov']],
  ] as const) {
    const uploader = new GatedUploader();
    const rig = await startRig({ uploadFirst }, { dir: tempDir(), journal: new WatchJournal(new DatabaseSync(':memory:')), uploader, destination: new MemoryDestination() });
    const state = (path: string) => rig.watch.files().find((f) => f.path === path)?.state;
    const seen = () => JSON.stringify(rig.watch.files().map((f) => [f.path, f.state]));
    for (const name of ['busy1.mov', 'busy2.mov', 'busy3.mov', 'busy4.mov']) writeFileSync(join(rig.dir, name), name);
    await waitFor(() => uploader.orders.length === 4, seen);
    for (const name of ['early.mov', 'middle.mov', 'late.mov']) {
      writeFileSync(join(rig.dir, name), name);
      await waitFor(() => state(name) === 'queued', seen);
    }
    assert.equal(uploader.orders.length, 4, 'no lane free: nothing more handed over');
    for (let i = 0; i < 3; i++) {
      uploader.release();
      await waitFor(() => uploader.orders.length === 5 + i, seen);
    }
    assert.deepEqual(uploader.orders.slice(4).map((o) => o.source.slice(rig.dir.length + 1)), expected, uploadFirst);
    for (let i = 0; i < 4; i++) uploader.release();
    await settled(rig.watch);
    await rig.watch.stop();
  }
});
