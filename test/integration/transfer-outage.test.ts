// Frame.io out of reach in the middle of `slate upload`: the sandbox, a process of its own as
// Frame.io is, is killed and started again on the same port and data 30 s later. The command waits,
// says so, and finishes by itself: every byte there once, nothing thrown away but what was in flight.
// With --give-up-after it fails instead, saying why and how to carry on.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, test } from 'node:test';
import { AccountApi } from '../../main/core/api/resources.ts';
import { NODE, ROOT, run, type Running } from '../support/processes.ts';
import type { CheckedSandbox } from '../support/sandbox.ts';
import { clientFor, makeTree, remoteTree, sha256File, tempDir } from './transfer-helpers.ts';

const work = tempDir('outage');
const children: Running[] = [];
after(async () => {
  for (const child of children) await child.stop();
  rmSync(work, { recursive: true, force: true });
});

interface SandboxProcess {
  child: Running;
  url: string;
  port: string;
  /** what tests need of a sandbox to read Frame.io back */
  access: CheckedSandbox;
}

async function startSandbox(name: string, port = '0'): Promise<SandboxProcess> {
  const child = run(NODE, ['main/sandbox/cli.ts', '--data', join(work, name), '--seed', 'minimal', '--port', port, '--exchange-log', join(work, `${name}.log`)]);
  children.push(child);
  const url = await child.waitFor('SANDBOX_URL');
  const access = {
    url,
    token: await child.waitFor('SANDBOX_TOKEN'),
    accountId: await child.waitFor('SANDBOX_ACCOUNT_ID'),
    rootFolderId: await child.waitFor('SANDBOX_ROOT_FOLDER_ID'),
  } as CheckedSandbox;
  return { child, url, port: new URL(url).port, access };
}

interface Exchange {
  method: string;
  url: string;
  status: number;
  responseBody?: { data?: { upload_urls?: Array<{ size: number; url: string }> } };
}

const partKey = (url: string) => {
  const parsed = new URL(url, 'http://sandbox');
  return `${parsed.pathname}#${parsed.searchParams.get('partNumber')}`;
};

/** Bytes of every part the sandbox stored (a part stored twice counts twice), and the largest part. */
function storedParts(log: string): { bytes: number; partSize: number } {
  const sizes = new Map<string, number>();
  let bytes = 0;
  for (const line of readFileSync(log, 'utf8').split('\n').filter(Boolean)) {
    const exchange = JSON.parse(line) as Exchange;
    for (const part of exchange.responseBody?.data?.upload_urls ?? []) sizes.set(partKey(part.url), part.size);
    if (exchange.method === 'PUT' && exchange.status === 200) bytes += sizes.get(partKey(exchange.url)) ?? 0;
  }
  return { bytes, partSize: Math.max(0, ...sizes.values()) };
}

interface Upload {
  status: Promise<number | null>;
  stdout(): string;
  stderr(): string;
  /** resolves with the first JSON line that `match` accepts */
  line(match: (event: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

function slateUpload(sandbox: SandboxProcess, args: string[]): Upload {
  const env = { ...process.env, SLATE_API_URL: sandbox.url, SLATE_TOKEN: sandbox.access.token, SLATE_ACCOUNT_ID: sandbox.access.accountId, SLATE_DATA_DIR: join(work, `data-${sandbox.port}`) };
  const child = spawn(NODE, ['bin/slate.js', 'upload', ...args, '--json'], { cwd: ROOT, env });
  let stdout = '';
  let stderr = '';
  const watchers: Array<{ match: (event: Record<string, unknown>) => boolean; resolve: (event: Record<string, unknown>) => void }> = [];
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const event of lines.filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>)) {
      for (const watcher of [...watchers]) {
        if (!watcher.match(event)) continue;
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve(event);
      }
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const status = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // Bounded: whatever happens, the command does not outlive the test.
  const deadline = setTimeout(() => child.kill('SIGKILL'), 150_000);
  void status.then(() => clearTimeout(deadline));
  return {
    status,
    stdout: () => stdout,
    stderr: () => stderr,
    line: (match) =>
      new Promise((resolve, reject) => {
        watchers.push({ match, resolve });
        void status.then((code) => reject(new Error(`slate exited ${code} first:\n${stderr}`)));
      }),
  };
}

const BIG = 150 * 1000 * 1000;
const STILLS = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`stills/still_${String(i + 1).padStart(2, '0')}.jpg`, 150_000 + i * 7_919]));

test('Frame.io gone for 30 s mid-upload: the command waits, says so, and finishes by itself with every byte once', { timeout: 180_000 }, async () => {
  const sandbox = await startSandbox('outage');
  const root = makeTree({ 'A001_C002.mov': BIG, ...STILLS }, join(work, 'card'));
  const folderId = (await new AccountApi(clientFor(sandbox.access), sandbox.access.accountId).createFolder(sandbox.access.rootFolderId, 'outage')).id;
  const concurrency = 5;
  const upload = slateUpload(sandbox, [root, '--to', folderId, '--concurrency', String(concurrency), '--bwlimit', '25M']);

  let sentBeforeKill = 0;
  await upload.line((event) => {
    if (event.type !== 'progress') return false;
    sentBeforeKill = Math.max(sentBeforeKill, event.bytesDone as number);
    return sentBeforeKill >= BIG * 0.4;
  });
  await sandbox.child.stop();
  const storedBeforeKill = storedParts(join(work, 'outage.log')).bytes;

  const waiting = await upload.line((event) => event.type === 'connection' && event.reachable === false);
  assert.match(String(waiting.message), /Could not reach Frame\.io/);
  await sleep(30_000);
  assert.equal((await Promise.race([upload.status.then(() => 'exited'), sleep(0).then(() => 'running')])), 'running', 'the command waits for Frame.io');

  const again = await startSandbox('outage', sandbox.port);
  const back = await upload.line((event) => event.type === 'connection' && event.reachable === true);
  assert.ok(back);
  assert.equal(await upload.status, 0, upload.stderr());

  const result = upload.stdout().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>).find((e) => e.type === 'result') as { ok: boolean; failures: unknown[] };
  assert.deepEqual([result.ok, result.failures], [true, []]);
  const tree = await remoteTree(again.access, folderId);
  assert.equal(tree.size, 21);
  for (const [path, entries] of tree) {
    assert.equal(entries.length, 1, `one Frame.io file for ${path}`);
    // The card folder is uploaded as itself: Frame.io's paths start with its name.
    assert.equal(entries[0]!.sha256, sha256File(join(work, path)), `${path} arrived byte for byte`);
  }

  // What was in flight at the kill was sent again, and no part was stored twice.
  const { bytes: stored, partSize } = storedParts(join(work, 'outage.log'));
  const total = BIG + Object.values(STILLS).reduce((a, b) => a + b, 0);
  const resent = Math.max(0, sentBeforeKill - storedBeforeKill) + (stored - total);
  console.log(JSON.stringify({ figure: 'outage bytes re-sent', mb: resent / 1e6, boundMb: (concurrency * partSize) / 1e6, storedTwiceMb: (stored - total) / 1e6 }));
  assert.equal(stored, total, 'every part stored exactly once');
  assert.ok(resent <= concurrency * partSize, `${resent} bytes re-sent, more than ${concurrency} × ${partSize}`);
});

test('--give-up-after: with Frame.io still away after that long, the command fails, saying so and how to carry on', { timeout: 60_000 }, async () => {
  const sandbox = await startSandbox('give-up');
  const root = makeTree({ 'B001_C001.mov': 40 * 1000 * 1000 }, join(work, 'card-b'));
  const folderId = (await new AccountApi(clientFor(sandbox.access), sandbox.access.accountId).createFolder(sandbox.access.rootFolderId, 'give-up')).id;
  const upload = slateUpload(sandbox, [root, '--to', folderId, '--bwlimit', '10M', '--give-up-after', '5s']);
  await upload.line((event) => event.type === 'progress' && (event.bytesDone as number) > 0);
  await sandbox.child.stop();

  assert.equal(await upload.status, 1);
  const result = upload.stdout().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>).find((e) => e.type === 'result') as { ok: boolean; error: { message: string; action: string } };
  assert.equal(result.ok, false);
  assert.match(result.error.message, /gave up after waiting 5s for Frame\.io, which cannot be reached/);
  assert.match(result.error.action, /slate resume/);
});
