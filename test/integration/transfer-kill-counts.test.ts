// The counts a job keeps on its row are written in the same statement as each file's change, so a
// kill -9 at any moment leaves them equal to a full recount of its files; and a resumed job (its
// walk of the drop perhaps cut short too) ends with every file once, here and in Frame.io.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { after, before, test } from 'node:test';
import { AccountApi } from '../../main/core/api/resources.ts';
import { openDatabase } from '../../main/core/db.ts';
import { Journal } from '../../main/core/transfers/journal.ts';
import { NODE, ROOT } from '../support/processes.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { clientFor, tempDir } from './transfer-helpers.ts';

const FILES = 2_000;
const PER_FOLDER = 250;

let sandbox: CheckedSandbox;
before(async () => {
  sandbox = await startCheckedSandbox({ rateLimitScale: 1_000 });
});
after(() => sandbox.close());

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs `slate`; `killWhen` sees each JSON line and may ask for a kill -9. */
function slate(args: string[], dataDir: string, killWhen?: (event: { type: string; state?: string }) => boolean): Promise<Run> {
  return new Promise((resolve) => {
    const env = { ...process.env, SLATE_API_URL: sandbox.url, SLATE_TOKEN: sandbox.token, SLATE_ACCOUNT_ID: sandbox.accountId, SLATE_DATA_DIR: dataDir };
    const child = spawn(NODE, ['bin/slate.js', ...args], { cwd: ROOT, env });
    let stderr = '';
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      if (killWhen && lines.some((line) => line.startsWith('{') && killWhen(JSON.parse(line) as { type: string; state?: string }))) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (status, signal) => resolve({ status, signal, stderr }));
  });
}

function checkCounts(dataDir: string): { jobId: string; total: number; done: number } {
  const db = openDatabase(dataDir);
  try {
    const journal = new Journal(db);
    const [job] = journal.jobs();
    assert.ok(job, 'the job is in the journal');
    assert.deepEqual(journal.counts(job.id), journal.recount(job.id), 'the kept counts equal a recount of the files');
    return { jobId: job.id, total: job.filesTotal, done: job.filesDone };
  } finally {
    db.close();
  }
}

test('after a kill -9 in the middle of a large job the journal\'s counts match a full recount; resumed, every file arrives once', { timeout: 600_000 }, async () => {
  const root = join(tempDir('kill-counts'), 'Timelapse');
  for (let i = 0; i < FILES; i++) {
    const dir = join(root, `roll_${Math.floor(i / PER_FOLDER)}`);
    if (i % PER_FOLDER === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `still_${String(i).padStart(5, '0')}.jpg`), `still ${i}\n`);
  }
  const dataDir = tempDir('kill-counts-data');
  const target = (await new AccountApi(clientFor(sandbox), sandbox.accountId).createFolder(sandbox.rootFolderId, 'kill counts')).id;

  // Killed twice: early (the walk of the drop may still be under way) and well into the uploads.
  let done = 0;
  const early = await slate(['upload', root, '--to', target, '--json'], dataDir, (event) => event.type === 'file' && event.state === 'done' && ++done >= 40);
  assert.equal(early.signal, 'SIGKILL', early.stderr);
  checkCounts(dataDir);

  done = 0;
  const middle = await slate(['resume', '--json'], dataDir, (event) => event.type === 'file' && event.state === 'done' && ++done >= 600);
  assert.equal(middle.signal, 'SIGKILL', middle.stderr);
  const killed = checkCounts(dataDir);
  assert.ok(killed.done > 0 && killed.done < FILES, `${killed.done} of ${killed.total} done when killed`);

  const finished = await slate(['resume', '--json'], dataDir);
  assert.equal(finished.status, 0, finished.stderr);
  const end = checkCounts(dataDir);
  assert.deepEqual([end.total, end.done], [FILES, FILES], 'every file once in the journal, all done');

  const api = new AccountApi(clientFor(sandbox), sandbox.accountId);
  const [top] = await Array.fromAsync(api.listFolders(target));
  assert.equal(top?.name, basename(root));
  const names: string[] = [];
  for await (const roll of api.listFolders(top.id)) for await (const file of api.listFiles(roll.id)) names.push(`${roll.name}/${file.name}`);
  assert.equal(names.length, FILES, 'no file twice in Frame.io, none missing');
  assert.equal(new Set(names).size, FILES);
});
