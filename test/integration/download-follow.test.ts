// `slate download <folder> --to DIR --follow` as a process against a sandbox at Frame.io's real
// rate limits: what is uploaded later comes down by itself; a new version of a followed stack
// replaces the file or sits beside it; stopped (SIGTERM, Ctrl+C) and started again it resumes and
// fetches nothing twice; a file deleted in Frame.io stays on the disk; and no call is refused.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { AccountApi } from '../../main/core/api/resources.ts';
import { NODE, ROOT } from '../support/processes.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { clientFor, content, engineFor, tempDir } from './transfer-helpers.ts';

let sandbox: CheckedSandbox;
let api: AccountApi;
const children: ChildProcess[] = [];
before(async () => {
  sandbox = await startCheckedSandbox({ partSize: 64 * 1024, transcodeDelayMs: 0 });
  api = new AccountApi(clientFor(sandbox), sandbox.accountId);
});
after(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await sandbox.close();
});

interface FollowEvent {
  type: string;
  state?: string;
  name?: string;
  path?: string;
  remoteId?: string;
  folders?: number;
}

interface Following {
  child: ChildProcess;
  events: FollowEvent[];
  /** the first event `match` accepts from index `from` on; rejects at exit, or after 30 s as a safety net */
  next(match: (event: FollowEvent) => boolean, from?: number): Promise<FollowEvent>;
  exited: Promise<number | null>;
}

function follow(folderId: string, to: string, dataDir: string, extra: string[] = []): Following {
  const env = { ...process.env, SLATE_API_URL: sandbox.url, SLATE_TOKEN: sandbox.token, SLATE_ACCOUNT_ID: sandbox.accountId, SLATE_DATA_DIR: dataDir };
  const child = spawn(NODE, ['bin/slate.js', 'download', folderId, '--to', to, '--follow', '--check-every', '1', '--json', ...extra], { cwd: ROOT, env });
  children.push(child);
  const events: FollowEvent[] = [];
  const waiters = new Set<() => void>();
  let pending = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines.filter(Boolean)) events.push(JSON.parse(line) as FollowEvent);
    for (const wake of [...waiters]) wake();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    events,
    exited,
    next(match, from = 0) {
      return new Promise((resolve, reject) => {
        const look = () => {
          const found = events.slice(from).find(match);
          if (!found) return;
          waiters.delete(look);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => reject(new Error(`no such event; stderr:\n${stderr}\nevents:\n${events.map((e) => JSON.stringify(e)).join('\n')}`)), 30_000);
        void exited.then((code) => reject(new Error(`slate download --follow exited (${code}); stderr:\n${stderr}`)));
        waiters.add(look);
        look();
      });
    },
  };
}

const done = (name: string) => (event: FollowEvent) => event.type === 'file' && event.state === 'done' && event.name === name;

/** Uploads `bytes` as `name` into a folder and returns the file's id. */
async function upload(folderId: string, name: string, bytes: Buffer): Promise<string> {
  const dir = tempDir('follow-src');
  writeFileSync(join(dir, name), bytes);
  const engine = engineFor(sandbox);
  const job = await engine.settled((await engine.upload({ accountId: sandbox.accountId, folderId, paths: [join(dir, name)] })).id);
  assert.equal(job.state, 'done', job.error ?? '');
  const id = engine.files(job.id)[0]!.remoteId!;
  await engine.close();
  return id;
}

async function newVersion(fileId: string, name: string, bytes: Buffer): Promise<void> {
  const dir = tempDir('follow-version');
  writeFileSync(join(dir, name), bytes);
  const engine = engineFor(sandbox);
  const job = await engine.settled((await engine.uploadVersion({ accountId: sandbox.accountId, fileId, path: join(dir, name) })).id);
  assert.equal(job.state, 'done', job.error ?? '');
  await engine.close();
}

/** Asks for a file's original: what a download does first, so a count of these is a count of downloads. */
const linkRequests = (fileId: string) => sandbox.exchanges.filter((e) => e.method === 'GET' && e.url.startsWith(`/v4/accounts/${sandbox.accountId}/files/${fileId}?`) && e.url.includes('media_links.original')).length;
const refused = () => sandbox.exchanges.filter((e) => e.status === 429).length;

test('a file uploaded later comes down; stopped and started again it resumes without fetching anything twice; a file deleted in Frame.io stays', async () => {
  const top = await api.createFolder(sandbox.rootFolderId, 'Followed dailies');
  const day = await api.createFolder(top.id, 'Day 1');
  const a = content('follow a', 70_000);
  const aId = await upload(day.id, 'a.mov', a);
  const to = tempDir('follow-to');
  const dataDir = tempDir('follow-data');
  const local = join(to, 'Followed dailies', 'Day 1');

  const first = follow(top.id, to, dataDir);
  await first.next(done('a.mov'));
  assert.deepEqual(readFileSync(join(local, 'a.mov')), a);

  const b = content('follow b', 3000);
  const bId = await upload(day.id, 'b.mov', b);
  const bEvent = await first.next(done('b.mov'));
  assert.equal(bEvent.path, join(local, 'b.mov'));
  assert.deepEqual(readFileSync(join(local, 'b.mov')), b);
  first.child.kill('SIGTERM');
  assert.equal(await first.exited, 143);
  assert.ok(first.events.some((e) => e.type === 'stopped'));

  const c = content('follow c', 5000);
  await upload(day.id, 'c.mov', c);
  const fetched = { a: linkRequests(aId), b: linkRequests(bId) };
  const second = follow(top.id, to, dataDir);
  await second.next(done('c.mov'));
  assert.deepEqual(readFileSync(join(local, 'c.mov')), c);

  await api.deleteFile(bId);
  const afterDelete = second.events.length;
  // Two looks after the delete: the second began after it.
  await second.next((e) => e.type === 'pass', afterDelete);
  await second.next((e) => e.type === 'pass', second.events.findLastIndex((e) => e.type === 'pass') + 1);
  assert.deepEqual(readFileSync(join(local, 'b.mov')), b, 'deleted in Frame.io, kept on the disk');
  second.child.kill('SIGINT');
  assert.equal(await second.exited, 130);

  assert.deepEqual({ a: linkRequests(aId), b: linkRequests(bId) }, fetched, 'nothing fetched again after the restart');
  assert.equal(second.events.filter((e) => e.type === 'file').length, 1, 'only the new file came down');
  assert.deepEqual(readdirSync(local).sort(), ['a.mov', 'b.mov', 'c.mov']);
  assert.equal(refused(), 0, 'no call was refused at the real rate limits');
});

test('a new version of a followed stack replaces the file on the disk, under its name', async () => {
  const folder = await api.createFolder(sandbox.rootFolderId, 'Followed cut (replace)');
  const v1 = content('replace v1', 9000);
  const firstId = await upload(folder.id, 'cut.mov', v1);
  const to = tempDir('follow-replace');
  const running = follow(folder.id, to, tempDir('follow-data'), ['--versions', 'replace']);
  await running.next(done('cut.mov'));

  const v2 = content('replace v2', 12_000);
  await newVersion(firstId, 'cut_v2.mov', v2);
  const event = await running.next(done('cut_v2.mov'));
  const local = join(to, 'Followed cut (replace)');
  assert.equal(event.path, join(local, 'cut.mov'));
  assert.deepEqual(readFileSync(join(local, 'cut.mov')), v2);
  assert.deepEqual(readdirSync(local), ['cut.mov']);
  running.child.kill('SIGTERM');
  assert.equal(await running.exited, 143);
  assert.equal(refused(), 0);
});

test('with --versions beside a new version of a followed stack comes down beside the file as name v2', async () => {
  const folder = await api.createFolder(sandbox.rootFolderId, 'Followed cut (beside)');
  const v1 = content('beside v1', 9000);
  const firstId = await upload(folder.id, 'cut.mov', v1);
  const to = tempDir('follow-beside');
  const running = follow(folder.id, to, tempDir('follow-data'), ['--versions', 'beside']);
  await running.next(done('cut.mov'));

  const v2 = content('beside v2', 12_000);
  await newVersion(firstId, 'cut.mov', v2);
  const event = await running.next((e) => done('cut.mov')(e) && e.path !== undefined && e.path.endsWith('cut v2.mov'));
  const local = join(to, 'Followed cut (beside)');
  assert.deepEqual(readFileSync(join(local, 'cut.mov')), v1);
  assert.deepEqual(readFileSync(event.path!), v2);
  assert.deepEqual(readdirSync(local).sort(), ['cut v2.mov', 'cut.mov']);
  running.child.kill('SIGTERM');
  assert.equal(await running.exited, 143);
  assert.equal(refused(), 0);
});

test('a file that cannot be written fails with why, and the next look after the way is clear brings it down', async () => {
  const top = await api.createFolder(sandbox.rootFolderId, 'Followed blocked');
  const day = await api.createFolder(top.id, 'Day 2');
  const bytes = content('blocked', 4000);
  await upload(day.id, 'shot.mov', bytes);
  const to = tempDir('follow-blocked');
  // A file where the follow's folder should go: nothing can be written under it.
  mkdirSync(join(to, 'Followed blocked'), { recursive: true });
  writeFileSync(join(to, 'Followed blocked', 'Day 2'), 'in the way');
  const running = follow(top.id, to, tempDir('follow-data'));
  const failed = await running.next((e) => e.type === 'file' && e.state === 'failed' && e.name === 'shot.mov');
  assert.match((failed as { error?: string }).error ?? '', /Slate could not write in ".*Day 2".*Check the folder exists and can be written to/);

  rmSync(join(to, 'Followed blocked', 'Day 2'));
  await running.next(done('shot.mov'));
  assert.deepEqual(readFileSync(join(to, 'Followed blocked', 'Day 2', 'shot.mov')), bytes);
  running.child.kill('SIGTERM');
  assert.equal(await running.exited, 143);
});

test('--follow refuses what is not a folder, and --all-versions beside it', async () => {
  const folder = await api.createFolder(sandbox.rootFolderId, 'Not followed');
  const fileId = await upload(folder.id, 'one.mov', content('one', 100));
  const env = { ...process.env, SLATE_API_URL: sandbox.url, SLATE_TOKEN: sandbox.token, SLATE_ACCOUNT_ID: sandbox.accountId, SLATE_DATA_DIR: tempDir('follow-data') };
  const run = (args: string[]) =>
    new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const child = spawn(NODE, ['bin/slate.js', 'download', ...args], { cwd: ROOT, env });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('exit', (status) => resolve({ status, stderr }));
    });
  const notFolder = await run([fileId, '--to', tempDir('follow-to'), '--follow']);
  assert.equal(notFolder.status, 1);
  assert.match(notFolder.stderr, /no folder this sign-in can see/);
  assert.match(notFolder.stderr, /downloads without --follow/);
  const both = await run([folder.id, '--to', tempDir('follow-to'), '--follow', '--all-versions']);
  assert.equal(both.status, 2);
  assert.match(both.stderr, /--versions beside/);
});
