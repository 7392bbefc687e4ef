// `slate watch` as a process: kill -9 in the middle of an upload, files added while it is not
// running, start it again: every file is in Frame.io exactly once, byte for byte.
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { AccountApi } from '../../main/core/api/resources.ts';
import { NODE, ROOT } from '../support/processes.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { clientFor, content, remoteTree, sha256, tempDir } from './transfer-helpers.ts';

const PART = 64 * 1024;
let sandbox: CheckedSandbox;
const children: ChildProcess[] = [];
before(async () => {
  sandbox = await startCheckedSandbox({ partSize: PART, rateLimitScale: 10 });
});
after(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await sandbox.close();
});

interface Watching {
  child: ChildProcess;
  /** resolves with the first JSON line `match` accepts, or rejects after 20 s or at exit */
  next(match: (event: WatchEvent) => boolean): Promise<WatchEvent>;
  exited: Promise<number | null>;
}

interface WatchEvent {
  type: string;
  watch?: { settings: { uploadFirst: string } };
  file?: { path: string; state: string; reason: string };
}

function slateWatch(dir: string, folderId: string, dataDir: string, extra: string[] = []): Watching {
  const env = { ...process.env, SLATE_API_URL: sandbox.url, SLATE_TOKEN: sandbox.token, SLATE_ACCOUNT_ID: sandbox.accountId, SLATE_DATA_DIR: dataDir };
  const child = spawn(NODE, ['bin/slate.js', 'watch', dir, '--to', folderId, '--stable', '0.5', '--json', ...extra], { cwd: ROOT, env });
  children.push(child);
  const events: WatchEvent[] = [];
  const waiters: Array<{ match: (e: WatchEvent) => boolean; resolve: (e: WatchEvent) => void }> = [];
  let pending = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines.filter(Boolean)) {
      const event = JSON.parse(line) as WatchEvent;
      events.push(event);
      for (const waiter of [...waiters]) {
        if (!waiter.match(event)) continue;
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    next(match) {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no such event within 20 s; stderr:\n${stderr}\nevents:\n${events.map((e) => JSON.stringify(e)).join('\n')}`)), 20_000);
        void exited.then((code) => reject(new Error(`slate watch exited (${code}); stderr:\n${stderr}`)));
        waiters.push({
          match,
          resolve: (event) => {
            clearTimeout(timer);
            resolve(event);
          },
        });
      });
    },
  };
}

const run = promisify(execFile);
const fileIs = (path: string, state: string) => (e: WatchEvent) => e.type === 'file' && e.file?.path === path && e.file.state === state;

test('kill -9 during an upload, files added while stopped, restart: everything uploaded exactly once', async () => {
  const dir = tempDir('watched');
  const dataDir = tempDir('watch-data');
  const folderId = (await new AccountApi(clientFor(sandbox), sandbox.accountId).createFolder(sandbox.rootFolderId, 'killed')).id;
  const bytes = new Map<string, Buffer>([
    ['first.mov', content('first', 3 * PART)],
    ['big.mov', content('big', 120 * PART)],
    ['while-stopped.mov', content('stopped', 5 * PART)],
  ]);

  const first = slateWatch(dir, folderId, dataDir);
  await first.next((e) => e.type === 'ready');
  writeFileSync(join(dir, 'first.mov'), bytes.get('first.mov')!);
  await first.next(fileIs('first.mov', 'done'));
  writeFileSync(join(dir, 'big.mov'), bytes.get('big.mov')!);
  await first.next(fileIs('big.mov', 'uploading'));
  first.child.kill('SIGKILL');
  await first.exited;

  writeFileSync(join(dir, 'while-stopped.mov'), bytes.get('while-stopped.mov')!);
  const second = slateWatch(dir, folderId, dataDir);
  await second.next((e) => e.type === 'ready');
  await Promise.all([second.next(fileIs('big.mov', 'done')), second.next(fileIs('while-stopped.mov', 'done'))]);
  second.child.kill('SIGTERM');
  assert.equal(await second.exited, 143, 'stopped by SIGTERM, as a shell reports it');

  const tree = await remoteTree(sandbox, folderId);
  assert.deepEqual([...tree.keys()].sort(), ['big.mov', 'first.mov', 'while-stopped.mov']);
  for (const [name, data] of bytes) {
    assert.equal(tree.get(name)!.length, 1, `${name} is in Frame.io once`);
    assert.equal(tree.get(name)![0]!.sha256, sha256(data), `${name} arrived whole`);
  }
});

test('--upload-first sets which finished file goes up first; a value it does not know is refused with words', async () => {
  const dir = tempDir('watched-order');
  const dataDir = tempDir('watch-order-data');
  const newest = slateWatch(dir, sandbox.rootFolderId, dataDir, ['--upload-first', 'newest']);
  assert.equal((await newest.next((e) => e.type === 'ready')).watch?.settings.uploadFirst, 'newest');
  newest.child.kill('SIGTERM');
  assert.equal(await newest.exited, 143);

  const env = { ...process.env, SLATE_API_URL: sandbox.url, SLATE_TOKEN: sandbox.token, SLATE_ACCOUNT_ID: sandbox.accountId, SLATE_DATA_DIR: dataDir };
  const wrong = await run(NODE, ['bin/slate.js', 'watch', dir, '--to', sandbox.rootFolderId, '--upload-first', 'biggest'], { cwd: ROOT, env }).then(
    () => assert.fail('slate watch took an order it does not know'),
    (error: { code: number; stderr: string }) => error,
  );
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /--upload-first must be oldest or newest/);
});
