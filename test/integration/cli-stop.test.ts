// Stopping a transfer command with a signal, and looking while one works: SIGTERM and Ctrl+C end it
// as a shell reports a stopped process (143, 130) with the rest left to resume, and `slate status`
// reads the journal meanwhile without the data lock the upload holds.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { AccountApi } from '../../main/core/api/resources.ts';
import { NODE, ROOT } from '../support/processes.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { clientFor, makeTree, remoteTree, sha256File, tempDir } from './transfer-helpers.ts';

const PART = 64 * 1024;
let sandbox: CheckedSandbox;
before(async () => {
  sandbox = await startCheckedSandbox({ partSize: PART, rateLimitScale: 10 });
});
const children: ChildProcess[] = [];
after(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await sandbox.close();
});

interface Finished {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Starts `slate`; `started()` resolves at the first stdout line `isStarted` accepts. */
function slate(args: string[], dataDir: string, isStarted: (line: string) => boolean = () => false) {
  const env = { ...process.env, SLATE_API_URL: sandbox.url, SLATE_TOKEN: sandbox.token, SLATE_ACCOUNT_ID: sandbox.accountId, SLATE_DATA_DIR: dataDir };
  const child = spawn(NODE, ['bin/slate.js', ...args], { cwd: ROOT, env });
  children.push(child);
  let stdout = '';
  let stderr = '';
  let markStarted: () => void;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.split('\n').some(isStarted)) markStarted();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const finished = new Promise<Finished>((resolve) => child.on('exit', (status) => resolve({ status, stdout, stderr })));
  const ended = () => finished.then(() => assert.fail(`slate ${args[0]} ended before it was under way:\n${stderr}`));
  return { child, started: () => Promise.race([started, ended()]), finished };
}

const partsIn = (line: string) => {
  if (!line.startsWith('{')) return false;
  const event = JSON.parse(line) as { type: string; bytesDone?: number };
  return event.type === 'progress' && event.bytesDone! >= PART * 6;
};

async function newFolder(name: string): Promise<string> {
  return (await new AccountApi(clientFor(sandbox), sandbox.accountId).createFolder(sandbox.rootFolderId, name)).id;
}

test('SIGTERM mid-upload: `slate status` reads the job meanwhile; the upload exits 143 and `slate resume` finishes it, one file, every byte', async () => {
  const dataDir = tempDir('cli-stop');
  const folderId = await newFolder('terminated');
  const root = makeTree({ 'take.mov': PART * 40 });
  const upload = slate(['upload', join(root, 'take.mov'), '--to', folderId, '--concurrency', '2', '--bwlimit', '640K', '--json'], dataDir, partsIn);
  await upload.started();

  const look = await slate(['status', '--json'], dataDir).finished;
  assert.equal(look.status, 0, look.stderr);
  const seen = JSON.parse(look.stdout) as { jobs: Array<{ state: string; label: string }> };
  assert.deepEqual(seen.jobs.map((j) => j.state), ['running'], 'status sees the running upload');

  upload.child.kill('SIGTERM');
  const stopped = await upload.finished;
  assert.equal(stopped.status, 143, stopped.stderr);
  const result = JSON.parse(stopped.stdout.trim().split('\n').at(-1)!) as { type: string; ok: boolean; stopped: string };
  assert.deepEqual([result.type, result.ok, result.stopped], ['result', false, 'SIGTERM']);

  const resumed = await slate(['resume'], dataDir).finished;
  assert.equal(resumed.status, 0, resumed.stderr);
  const remote = await remoteTree(sandbox, folderId);
  assert.equal(remote.get('take.mov')?.length, 1, 'one file in Frame.io');
  assert.equal(remote.get('take.mov')![0]!.sha256, sha256File(join(root, 'take.mov')));
});

test('Ctrl+C (SIGINT) mid-upload exits 130 and says how to carry on', async () => {
  const dataDir = tempDir('cli-stop');
  const folderId = await newFolder('interrupted');
  const root = makeTree({ 'take.mov': PART * 40 });
  const putsBefore = partsStored();
  const upload = slate(['upload', join(root, 'take.mov'), '--to', folderId, '--concurrency', '2', '--bwlimit', '640K'], dataDir);
  while (partsStored() < putsBefore + 4 && upload.child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 20));
  upload.child.kill('SIGINT');
  const stopped = await upload.finished;
  assert.equal(stopped.status, 130, stopped.stderr);
  assert.match(stopped.stderr, /slate: stopped \(SIGINT\)\. Run the same command again, or `slate resume`, to continue where it left off\./);
});

const partsStored = () => sandbox.exchanges.filter((e) => e.method === 'PUT' && e.status === 200).length;
