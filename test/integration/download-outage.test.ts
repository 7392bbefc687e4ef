// Frame.io out of reach in the middle of `slate download`: the sandbox, a process of its own as
// Frame.io is, is killed and started again on the same port and data. The command waits, says so,
// and finishes by itself with identical bytes and no temporary file left.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, test } from 'node:test';
import { NODE, ROOT, run, type Running } from '../support/processes.ts';
import type { CheckedSandbox } from '../support/sandbox.ts';
import { content, engineFor, tempDir } from './transfer-helpers.ts';

const work = tempDir('dl-outage');
const children: Running[] = [];
after(async () => {
  for (const child of children) await child.stop();
  rmSync(work, { recursive: true, force: true });
});

async function startSandbox(port = '0'): Promise<{ child: Running; port: string; access: CheckedSandbox }> {
  const child = run(NODE, ['main/sandbox/cli.ts', '--data', join(work, 'sandbox'), '--seed', 'minimal', '--port', port, '--transcode-delay-ms', '0']);
  children.push(child);
  const url = await child.waitFor('SANDBOX_URL');
  const access = {
    url,
    token: await child.waitFor('SANDBOX_TOKEN'),
    accountId: await child.waitFor('SANDBOX_ACCOUNT_ID'),
    rootFolderId: await child.waitFor('SANDBOX_ROOT_FOLDER_ID'),
  } as CheckedSandbox;
  return { child, port: new URL(url).port, access };
}

type Event = Record<string, unknown>;

test('Frame.io gone mid-download: the command waits, says so, and finishes by itself with identical bytes', { timeout: 120_000 }, async () => {
  const sandbox = await startSandbox();
  const MIB = 1024 * 1024;
  const bytes = content('outage download', 24 * MIB);
  writeFileSync(join(work, 'A001.mov'), bytes);
  const uploader = engineFor(sandbox.access);
  const up = await uploader.settled((await uploader.upload({ accountId: sandbox.access.accountId, folderId: sandbox.access.rootFolderId, paths: [join(work, 'A001.mov')] })).id);
  assert.equal(up.state, 'done', up.error ?? '');
  const fileId = uploader.files(up.id)[0]!.remoteId!;
  await uploader.close();

  const to = join(work, 'home');
  const env = { ...process.env, SLATE_API_URL: sandbox.access.url, SLATE_TOKEN: sandbox.access.token, SLATE_ACCOUNT_ID: sandbox.access.accountId, SLATE_DATA_DIR: join(work, 'data') };
  const child = spawn(NODE, ['bin/slate.js', 'download', fileId, '--to', to, '--range-size', String(MIB), '--concurrency', '3', '--bwlimit', '4M', '--json'], { cwd: ROOT, env });
  const deadline = setTimeout(() => child.kill('SIGKILL'), 100_000);
  let stdout = '';
  let stderr = '';
  const events: Event[] = [];
  const waiters: Array<{ match: (e: Event) => boolean; resolve: () => void }> = [];
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const event of lines.filter(Boolean).map((line) => JSON.parse(line) as Event)) {
      events.push(event);
      for (const waiter of waiters.filter((w) => w.match(event))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const status = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  void status.then(() => clearTimeout(deadline));
  const line = (match: (e: Event) => boolean) =>
    new Promise<void>((resolve, reject) => {
      waiters.push({ match, resolve });
      void status.then((code) => reject(new Error(`slate exited ${code} first:\n${stderr}`)));
    });

  await line((e) => e.type === 'progress' && (e.bytesDone as number) >= 6 * MIB);
  await sandbox.child.stop();
  await line((e) => e.type === 'connection' && e.reachable === false);
  await sleep(3000);
  assert.equal(await Promise.race([status.then(() => 'exited'), sleep(0).then(() => 'running')]), 'running', 'the command waits for Frame.io');
  assert.deepEqual(readdirSync(to), ['.A001.mov.slate-download'], 'only the temporary name while it waits');

  await startSandbox(sandbox.port);
  await line((e) => e.type === 'connection' && e.reachable === true);
  assert.equal(await status, 0, stderr);
  const result = events.find((e) => e.type === 'result') as { ok: boolean; failures: unknown[] };
  assert.deepEqual([result.ok, result.failures], [true, []], stdout);
  assert.deepEqual(readdirSync(to), ['A001.mov'], 'no temporary or stray file');
  assert.ok(readFileSync(join(to, 'A001.mov')).equals(bytes), 'identical bytes');
});
