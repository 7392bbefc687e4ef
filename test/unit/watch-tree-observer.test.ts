// The tree observer on real directories, in both of its ways of watching: one OS watch per directory
// (Linux) and one native recursive watch for the whole tree (macOS, Windows; Node emulates it here).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { TreeObserver } from '../../main/core/watch/tree-observer.ts';
import { osWatches } from '../support/os-watches.ts';

const roots: string[] = [];
const observers: TreeObserver[] = [];
after(async () => {
  await Promise.all(observers.map((o) => o.close()));
  roots.forEach((r) => rmSync(r, { recursive: true, force: true }));
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'slate-tree-'));
  roots.push(dir);
  return dir;
}

/** What the observer said, in order, as `file a/b.mov 4`, `gone a/b.mov`, `goneDir a`. */
async function observe(dir: string, recursive: boolean): Promise<{ observer: TreeObserver; said: string[]; files: () => Set<string> }> {
  const said: string[] = [];
  const observer = new TreeObserver(dir, (path) => path.split('/').includes('Cache'), { recursive, checkEveryMs: 100 });
  observers.push(observer);
  observer.on('file', (path, stat) => said.push(`file ${path} ${stat.size}`));
  observer.on('gone', (path) => said.push(`gone ${path}`));
  observer.on('goneDir', (path) => said.push(`goneDir ${path}`));
  observer.on('error', (error) => assert.fail(error));
  await observer.start();
  // The files the observer believes are there now, replaying what it said.
  const files = () => {
    const present = new Set<string>();
    for (const line of said) {
      const [what, path] = line.split(' ') as [string, string];
      if (what === 'file') present.add(path);
      else if (what === 'gone') present.delete(path);
      else for (const p of [...present]) if (path === '' || p.startsWith(`${path}/`)) present.delete(p);
    }
    return present;
  };
  return { observer, said, files };
}

async function until(done: () => boolean, what: () => string): Promise<void> {
  for (let waited = 0; !done(); waited += 20) {
    if (waited > 5000) assert.fail(`timed out: ${what()}`);
    await sleep(20);
  }
}

const sorted = (set: Set<string>) => [...set].sort();

for (const recursive of [false, true]) {
  const mode = recursive ? 'one recursive watch' : 'a watch per directory';

  test(`${mode}: the first scan reports every file of the tree, and not what is ignored`, async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'A001/clips'), { recursive: true });
    mkdirSync(join(dir, 'A001/Cache/deep'), { recursive: true });
    writeFileSync(join(dir, 'top.mov'), 'top');
    writeFileSync(join(dir, 'A001/clips/C001.mov'), 'c1');
    writeFileSync(join(dir, 'A001/Cache/deep/x.cfa'), 'cache');
    const { observer, files } = await observe(dir, recursive);
    assert.deepEqual(sorted(files()), ['A001/clips/C001.mov', 'top.mov']);
    // Linux: the top, A001 and A001/clips; never a file, never the ignored cache folders.
    if (!recursive && process.platform === 'linux') assert.equal(osWatches(), 3);
    await observer.close();
    if (process.platform === 'linux') assert.equal(osWatches(), 0);
  });

  test(`${mode}: new files, new folders made and filled at once, and deletions are reported`, async () => {
    const dir = tempDir();
    const { observer, said, files } = await observe(dir, recursive);
    writeFileSync(join(dir, 'a.mov'), 'aaaa');
    mkdirSync(join(dir, 'day1/card/clips'), { recursive: true });
    writeFileSync(join(dir, 'day1/card/clips/C001.mov'), 'c1');
    writeFileSync(join(dir, 'day1/card/C002.mov'), 'c2');
    await until(() => files().size === 3, () => said.join('\n'));
    assert.deepEqual(sorted(files()), ['a.mov', 'day1/card/C002.mov', 'day1/card/clips/C001.mov']);
    writeFileSync(join(dir, 'a.mov'), 'aaaaaaaa');
    await until(() => said.includes('file a.mov 8'), () => said.join('\n'));
    rmSync(join(dir, 'a.mov'));
    rmSync(join(dir, 'day1/card'), { recursive: true });
    await until(() => files().size === 0, () => said.join('\n'));
    // Files made inside a folder that was deleted and made again are still seen.
    mkdirSync(join(dir, 'day1/card'));
    writeFileSync(join(dir, 'day1/card/again.mov'), 'again');
    await until(() => files().has('day1/card/again.mov'), () => said.join('\n'));
    await observer.close();
  });

  test(`${mode}: a folder renamed inside the tree is gone at its old place and found at its new one`, async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'old/sub'), { recursive: true });
    writeFileSync(join(dir, 'old/sub/clip.mov'), 'clip');
    const { observer, said, files } = await observe(dir, recursive);
    renameSync(join(dir, 'old'), join(dir, 'new'));
    await until(() => files().has('new/sub/clip.mov') && !files().has('old/sub/clip.mov'), () => said.join('\n'));
    writeFileSync(join(dir, 'new/sub/later.mov'), 'later');
    await until(() => files().has('new/sub/later.mov'), () => said.join('\n'));
    await observer.close();
  });

  test(`${mode}: a watched folder that is missing at the start, or goes and comes back, is caught up`, async () => {
    const parent = tempDir();
    const dir = join(parent, 'card');
    const { observer, said, files } = await observe(dir, recursive);
    assert.equal(said.length, 0, 'nothing to report while the folder is not there');
    mkdirSync(join(dir, 'clips'), { recursive: true });
    writeFileSync(join(dir, 'clips/C001.mov'), 'c1');
    await until(() => files().has('clips/C001.mov'), () => said.join('\n'));
    renameSync(dir, join(parent, 'unplugged'));
    await until(() => said.includes('goneDir '), () => said.join('\n'));
    writeFileSync(join(parent, 'unplugged/clips/C002.mov'), 'c2');
    renameSync(join(parent, 'unplugged'), dir);
    await until(() => files().size === 2, () => said.join('\n'));
    // Another drive mounted at the same place: what was there is gone, what is there now is found.
    rmSync(dir, { recursive: true });
    mkdirSync(dir);
    writeFileSync(join(dir, 'other.mov'), 'other');
    await until(() => sorted(files()).join() === 'other.mov', () => said.join('\n'));
    if (!recursive && process.platform === 'linux') assert.equal(osWatches(), 1);
    await observer.close();
  });
}

test('a full look at the tree comes round on its own when asked for (network shares send no events)', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'render.mov'), 'frames');
  const looks = (observer: TreeObserver) => {
    let count = 0;
    observer.on('file', () => count++);
    return () => count;
  };
  const quiet = new TreeObserver(dir, () => false, { checkEveryMs: 50 });
  const rescanning = new TreeObserver(dir, () => false, { checkEveryMs: 50, rescanEveryMs: 200 });
  observers.push(quiet, rescanning);
  const quietLooks = looks(quiet);
  const rescanLooks = looks(rescanning);
  await Promise.all([quiet.start(), rescanning.start()]);
  // Each full look reports every file again, so one that arrived without an event is found too.
  await until(() => rescanLooks() >= 3, () => `${rescanLooks()} looks`);
  assert.equal(quietLooks(), 1, 'without rescans an unchanged file is reported once');
  await Promise.all([quiet.close(), rescanning.close()]);
});

test('a full look is announced before and after, with every file of the tree in between', async () => {
  const dir = join(tempDir(), 'card');
  const said: string[] = [];
  const observer = new TreeObserver(dir, () => false, { checkEveryMs: 50, rescanEveryMs: 200 });
  observers.push(observer);
  observer.on('looking', () => said.push('looking'));
  observer.on('looked', () => said.push('looked'));
  observer.on('file', (path) => said.push(path));
  await observer.start();
  assert.equal(said.length, 0, 'no look while the folder is not there');
  mkdirSync(join(dir, 'clips'), { recursive: true });
  writeFileSync(join(dir, 'a.mov'), 'a');
  writeFileSync(join(dir, 'clips/b.mov'), 'b');
  await until(() => said.filter((s) => s === 'looked').length >= 2, () => said.join(', '));
  const [first, second] = said.join(' ').split('looked').map((look) => look.trim().split(' '));
  for (const look of [first!, second!]) {
    assert.equal(look[0], 'looking');
    assert.deepEqual(look.slice(1).sort(), ['a.mov', 'clips/b.mov']);
  }
  await observer.close();
});

test('a look asked for lists the whole tree again, and resolves once it is over', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'a.mov'), 'a');
  const said: string[] = [];
  const observer = new TreeObserver(dir, () => false);
  observers.push(observer);
  observer.on('looked', () => said.push('looked'));
  observer.on('file', (path) => said.push(path));
  await observer.start();
  await observer.lookAgain();
  assert.deepEqual(said, ['a.mov', 'looked', 'a.mov', 'looked']);
  await observer.close();
});
