// Links inside a dropped folder: a link to a folder is never followed (`d/up -> ..`, `x -> .` would
// upload the tree inside itself without end) and is named as skipped with why; a link to a file is
// uploaded once. Through `slate upload`, as a person meets it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import { after, before, test } from 'node:test';
import { AccountApi } from '../../main/core/api/resources.ts';
import { NODE, ROOT } from '../support/processes.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { clientFor, makeTree, remoteTree, sha256File, tempDir } from './transfer-helpers.ts';

let sandbox: CheckedSandbox;
before(async () => {
  sandbox = await startCheckedSandbox({ rateLimitScale: 10 });
});
after(() => sandbox.close());

function slate(args: string[], dataDir: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, SLATE_API_URL: sandbox.url, SLATE_TOKEN: sandbox.token, SLATE_ACCOUNT_ID: sandbox.accountId, SLATE_DATA_DIR: dataDir };
    const child = spawn(NODE, ['bin/slate.js', ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

test('links to folders (d/up -> .., x -> ., y -> .) are skipped and named; each real file goes up once; a link to a file goes up once', async () => {
  const root = makeTree({ 'a.mov': 3000, 'd/b.mov': 4000 });
  symlinkSync('..', join(root, 'd', 'up'));
  symlinkSync('.', join(root, 'x'));
  symlinkSync('.', join(root, 'y'));
  symlinkSync('d/b.mov', join(root, 'b-link.mov'));
  symlinkSync('d/b.mov', join(root, 'b-again.mov'));
  mkdirSync(join(root, 'empty-dir'));
  const folderId = (await new AccountApi(clientFor(sandbox), sandbox.accountId).createFolder(sandbox.rootFolderId, 'links')).id;

  const run = await slate(['upload', root, '--to', folderId], tempDir('links-data'));
  assert.equal(run.status, 0, run.stderr);
  for (const link of ['d/up', 'x', 'y']) {
    assert.match(run.stdout, new RegExp(`skipped ${join(root, link).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: A link to a folder: links to folders inside a drop are not followed`), `${link} is named`);
  }
  // In name order b-again.mov comes first and goes up; b-link.mov leads to the same file.
  assert.match(run.stdout, /skipped .*b-link\.mov: A link to a file another link in this drop already uploads\./);
  assert.match(run.stdout, /Done: 3 of 7 files uploaded, 4 skipped/);

  const top = basename(root);
  const remote = await remoteTree(sandbox, folderId);
  assert.deepEqual([...remote.keys()].filter((path) => remote.get(path)!.length > 0).sort(), [`${top}/a.mov`, `${top}/b-again.mov`, `${top}/d/b.mov`]);
  for (const entries of remote.values()) assert.ok(entries.length <= 1, 'nothing twice');
  assert.equal(remote.get(`${top}/b-again.mov`)![0]!.sha256, sha256File(join(root, 'd', 'b.mov')));
});
