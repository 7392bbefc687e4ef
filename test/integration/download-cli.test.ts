// `slate download` as people and scripts meet it: a Unicode-named tree uploaded with `slate upload`
// comes back identical; a kill -9 halfway through a large file, then the same command, finishes
// with the same bytes, fetching only the ranges not yet on the disk, and leaves no temporary file;
// a second run changes nothing.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { AccountApi } from '../../main/core/api/resources.ts';
import { NODE, ROOT } from '../support/processes.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { clientFor, makeTree, tempDir } from './transfer-helpers.ts';

const PART = 64 * 1024;
let sandbox: CheckedSandbox;
before(async () => {
  sandbox = await startCheckedSandbox({ partSize: PART, rateLimitScale: 10, transcodeDelayMs: 0 });
});
after(() => sandbox.close());

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

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

/** Every file under a folder, by relative path, with its bytes and modification time. */
function tree(root: string): Map<string, { bytes: Buffer; mtimeMs: number }> {
  const out = new Map<string, { bytes: Buffer; mtimeMs: number }>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.set(relative(root, path), { bytes: readFileSync(path), mtimeMs: statSync(path).mtimeMs });
  }
  return out;
}

async function newFolder(name: string): Promise<string> {
  return (await new AccountApi(clientFor(sandbox), sandbox.accountId).createFolder(sandbox.rootFolderId, name)).id;
}

async function childId(folderId: string, name: string): Promise<string> {
  for await (const asset of new AccountApi(clientFor(sandbox), sandbox.accountId).listChildren(folderId)) if (asset.name === name) return asset.id;
  throw new Error(`${name} is not in ${folderId}`);
}

const rangeGets = () => sandbox.exchanges.filter((e) => e.method === 'GET' && e.url.startsWith('/objects/download/') && e.status === 206).length;

test('a Unicode-named tree uploaded with slate upload comes back identical; a second run changes nothing', async () => {
  const dataDir = tempDir('dl-data');
  const folderId = await newFolder('unicode round trip');
  const source = join(tempDir('dl-src'), 'Dailies — 日本語');
  makeTree({ 'Szene 1/Ünïcødé take.mov': 3 * PART + 7, 'Szene 1/Ton/Ça va.wav': 1000, 'Ωmega.txt': 12, 'Привет/clip (1).mp4': PART }, source);
  const up = await slate(['upload', source, '--to', folderId], dataDir);
  assert.equal(up.status, 0, up.stderr);

  const to = tempDir('dl-to');
  const id = await childId(folderId, 'Dailies — 日本語');
  const args = ['download', id, '--to', to, '--range-size', String(PART), '--json'];
  const first = await slate(args, dataDir);
  assert.equal(first.status, 0, first.stderr);
  const want = tree(source);
  const got = tree(join(to, 'Dailies — 日本語'));
  assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort());
  for (const [path, { bytes }] of want) assert.ok(got.get(path)!.bytes.equals(bytes), `${path} came back identical`);

  const gets = rangeGets();
  const second = await slate(args, dataDir);
  assert.equal(second.status, 0, second.stderr);
  const result = JSON.parse(second.stdout.trim().split('\n').at(-1)!) as { jobs: Array<{ filesSkipped: number; filesTotal: number }> };
  assert.equal(result.jobs[0]!.filesSkipped, want.size, 'every file skipped as identical');
  assert.equal(rangeGets(), gets, 'nothing fetched again');
  assert.deepEqual(tree(to), new Map([...got].map(([path, entry]) => [join('Dailies — 日本語', path), entry])), 'nothing on the disk changed');
});

test('kill -9 halfway through a large file, run again: identical bytes, finished ranges not fetched again, no temporary file', async () => {
  const dataDir = tempDir('dl-kill-data');
  const folderId = await newFolder('kill download');
  const source = makeTree({ 'take.mov': PART * 40 });
  const up = await slate(['upload', join(source, 'take.mov'), '--to', folderId], dataDir);
  assert.equal(up.status, 0, up.stderr);
  const id = await childId(folderId, 'take.mov');

  const to = tempDir('dl-kill-to');
  const args = ['download', id, '--to', to, '--range-size', String(PART), '--concurrency', '2', '--json'];
  const before = rangeGets();
  const killed = await slate([...args, '--bwlimit', '640K'], dataDir, (line) => {
    const event = JSON.parse(line) as { type: string; bytesDone?: number };
    return event.type === 'progress' && event.bytesDone! >= PART * 16;
  });
  assert.equal(killed.signal, 'SIGKILL');
  const fetchedBefore = rangeGets() - before;
  assert.ok(fetchedBefore >= 10 && fetchedBefore < 40, `${fetchedBefore} ranges came down before the kill`);
  assert.deepEqual(readdirSync(to), ['.take.mov.slate-download'], 'only the temporary name while unfinished');

  const again = await slate(args, dataDir);
  assert.equal(again.status, 0, again.stderr);
  assert.ok(rangeGets() - before <= 40 + 2, `${rangeGets() - before} range GETs: at most the concurrency fetched again`);
  assert.deepEqual(readdirSync(to), ['take.mov'], 'no temporary or stray file');
  assert.ok(readFileSync(join(to, 'take.mov')).equals(readFileSync(join(source, 'take.mov'))));

  const status = await slate(['status', '--json'], dataDir);
  const jobs = (JSON.parse(status.stdout) as { jobs: Array<{ kind: string; state: string; filesDone: number }> }).jobs.filter((j) => j.kind === 'download');
  assert.deepEqual(jobs.map((j) => [j.state, j.filesDone]), [['done', 1]]);
});

test('usage mistakes are refused with what to do', async () => {
  const dataDir = tempDir('dl-usage');
  const noTo = await slate(['download', 'x'], dataDir);
  assert.equal(noTo.status, 2);
  assert.match(noTo.stderr, /--to/);
  const badPolicy = await slate(['download', 'x', '--to', dataDir, '--on-conflict', 'version'], dataDir);
  assert.equal(badPolicy.status, 2);
  assert.match(badPolicy.stderr, /skip, overwrite, rename/);
});

test('the summary speaks of files downloaded, and a folder name the disk refuses comes down escaped', async () => {
  const dataDir = tempDir('dl-words');
  const folderId = await newFolder('words');
  const dayId = (await new AccountApi(clientFor(sandbox), sandbox.accountId).createFolder(folderId, 'Day 01/02')).id;
  const source = makeTree({ 'note.txt': 40 });
  const up = await slate(['upload', join(source, 'note.txt'), '--to', dayId], dataDir);
  assert.equal(up.status, 0, up.stderr);

  const to = tempDir('dl-words-to');
  const run = await slate(['download', folderId, '--to', to], dataDir);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /Done: 1 of 1 files downloaded \(words\)/);
  assert.doesNotMatch(run.stdout, /uploaded/);
  assert.ok(readFileSync(join(to, 'words', 'Day 01%2F02', 'note.txt')).equals(readFileSync(join(source, 'note.txt'))));
});
