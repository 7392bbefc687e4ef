// `slate upload` and friends as scripts meet them: JSON lines, exit codes, messages, and a kill -9
// in the middle of an upload that the next run finishes without a second file.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { NODE, ROOT } from '../support/processes.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { AccountApi } from '../../main/core/api/resources.ts';
import { clientFor, makeTree, remoteTree, sha256File, tempDir } from './transfer-helpers.ts';

const PART = 64 * 1024;
let sandbox: CheckedSandbox;
before(async () => {
  sandbox = await startCheckedSandbox({ partSize: PART, rateLimitScale: 10 });
});
after(() => sandbox.close());

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `slate`; `killWhen` sees each stdout line and may ask for a kill -9. */
function slate(args: string[], dataDir: string, killWhen?: (line: string) => boolean): Promise<Run> {
  return new Promise((resolve) => {
    const env = { ...process.env, SLATE_API_URL: sandbox.url, SLATE_TOKEN: sandbox.token, SLATE_ACCOUNT_ID: sandbox.accountId, SLATE_DATA_DIR: dataDir };
    const child = spawn(NODE, ['bin/slate.js', ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      if (killWhen && lines.some(killWhen)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

function lines(stdout: string): Array<Record<string, unknown>> {
  return stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

async function newFolder(name: string): Promise<string> {
  return (await new AccountApi(clientFor(sandbox), sandbox.accountId).createFolder(sandbox.rootFolderId, name)).id;
}

test('kill -9 halfway, run again: the upload finishes with exactly one file and every byte', async () => {
  const dataDir = tempDir('cli-data');
  const folderId = await newFolder('killed');
  const root = makeTree({ 'take.mov': PART * 40 });
  const args = ['upload', join(root, 'take.mov'), '--to', folderId, '--concurrency', '2', '--json'];
  const killed = await slate([...args, '--bwlimit', '640K'], dataDir, (line) => {
    const event = JSON.parse(line) as { type: string; bytesDone?: number };
    return event.type === 'progress' && event.bytesDone! >= PART * 16;
  });
  assert.equal(killed.signal, 'SIGKILL');
  const putsBefore = sandbox.exchanges.filter((e) => e.method === 'PUT' && e.status === 200).length;
  assert.ok(putsBefore >= 10 && putsBefore < 40, `${putsBefore} parts were in before the kill`);

  const again = await slate(args, dataDir);
  assert.equal(again.status, 0, again.stderr);
  const result = lines(again.stdout).at(-1)!;
  assert.equal(result.type, 'result');
  assert.equal(result.ok, true);
  const puts = sandbox.exchanges.filter((e) => e.method === 'PUT' && e.status === 200).length;
  assert.ok(puts <= 40 + 2, `${puts} part PUTs: at most the concurrency re-sent`);
  const remote = await remoteTree(sandbox, folderId);
  assert.equal(remote.get('take.mov')?.length, 1, 'one file in Frame.io');
  assert.equal(remote.get('take.mov')![0]!.sha256, sha256File(join(root, 'take.mov')));

  const status = await slate(['status', '--json'], dataDir);
  const body = JSON.parse(status.stdout) as { jobs: Array<{ state: string; filesDone: number }> };
  assert.deepEqual(body.jobs.map((j) => [j.state, j.filesDone]), [['done', 1]]);
});

test('exit code and messages: 0 when all succeed, 1 naming each failure, 2 for usage', async () => {
  const dataDir = tempDir('cli-data');
  const folderId = await newFolder('cli');
  const root = makeTree({ 'a.wav': 3000, 'sub/b.wav': 4000 });

  const ok = await slate(['upload', root, '--to', folderId], dataDir);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /Done: 2 of 2 files uploaded/);

  const listed = await slate(['ls', folderId], dataDir);
  assert.equal(listed.status, 0, listed.stderr);
  assert.match(listed.stdout, /folder .*\//);

  const missing = await slate(['upload', join(root, 'nope.wav'), '--to', folderId], dataDir);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /nope\.wav: Could not read .*it no longer exists/);

  const usage = await slate(['upload', root, '--to', folderId, '--on-conflict', 'maybe'], dataDir);
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /--on-conflict must be one of skip, version, rename, new/);

  const resumed = await slate(['resume', '--json'], dataDir);
  assert.equal(resumed.status, 1, 'the missing file still cannot be uploaded');
});
