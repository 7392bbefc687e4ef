// `slate watch` run as a user permission bits apply to (nobody, under root): a folder and a file it
// may not read are said with words, and once their permissions are fixed they are uploaded, once,
// by the same running watch.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { AccountApi } from '../../main/core/api/resources.ts';
import { ROOT } from '../support/processes.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { unprivileged } from '../support/unprivileged.ts';
import { clientFor, remoteTree, tempDir } from './transfer-helpers.ts';

const reader = unprivileged();
let sandbox: CheckedSandbox;
const children: ChildProcess[] = [];
const dirs: string[] = [];
before(async () => {
  sandbox = await startCheckedSandbox({});
});
after(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await sandbox.close();
  // A test that failed early leaves them unreadable, and only root deletes through that.
  for (const dir of dirs) for (const path of [join(dir, 'Locked'), join(dir, 'locked.mov')]) if (existsSync(path)) chmodSync(path, 0o755);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Said {
  type: string;
  message?: string;
  file?: { path: string; state: string; reason: string };
}

test('a folder and a file slate watch may not read are said, and uploaded once their permissions are fixed, without a restart', async (t) => {
  if (typeof reader === 'string') return t.skip(reader);
  const dir = tempDir('unreadable');
  dirs.push(dir);
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'Locked'));
  writeFileSync(join(dir, 'ok.mov'), 'ok');
  writeFileSync(join(dir, 'Locked/inside.mov'), 'inside');
  writeFileSync(join(dir, 'locked.mov'), 'locked');
  chmodSync(join(dir, 'Locked'), 0o000);
  chmodSync(join(dir, 'locked.mov'), 0o000);
  const dataDir = tempDir('unreadable-data');
  dirs.push(dataDir);
  reader.own(dataDir);
  const folderId = (await new AccountApi(clientFor(sandbox), sandbox.accountId).createFolder(sandbox.rootFolderId, 'unreadable')).id;

  const env = { ...process.env, HOME: dataDir, SLATE_API_URL: sandbox.url, SLATE_TOKEN: sandbox.token, SLATE_ACCOUNT_ID: sandbox.accountId, SLATE_DATA_DIR: join(dataDir, 'slate') };
  const [command, args] = reader.command(['bin/slate.js', 'watch', dir, '--to', folderId, '--stable', '0.5', '--json']);
  const child = spawn(command, args, { cwd: ROOT, env });
  children.push(child);
  const said: Said[] = [];
  let pending = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop()!;
    for (const line of lines.filter(Boolean)) said.push(JSON.parse(line) as Said);
  });
  const until = async (what: string, match: (line: Said) => boolean) => {
    for (let waited = 0; !said.some(match); waited += 50) {
      if (child.exitCode !== null || waited > 30_000) assert.fail(`no ${what}; stderr:\n${stderr}\nsaid:\n${said.map((s) => JSON.stringify(s)).join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return said.find(match)!;
  };
  const fileIs = (path: string, state: string) => (line: Said) => line.file?.path === path && line.file.state === state;

  const folderError = await until('word of the locked folder', (line) => line.type === 'error' && /Locked/.test(line.message!));
  assert.match(folderError.message!, /cannot read the folder ".*\/Locked" \(EACCES\), so nothing in it is uploaded\. Let your user read it/);
  const fileFailed = await until('locked.mov failing', fileIs('locked.mov', 'failed'));
  assert.match(fileFailed.file!.reason, /permission|EACCES|read/i);
  await until('ok.mov done', fileIs('ok.mov', 'done'));

  chmodSync(join(dir, 'Locked'), 0o755);
  chmodSync(join(dir, 'locked.mov'), 0o644);
  const notice = await until('word that Locked can be read', (line) => line.type === 'notice');
  assert.match(notice.message!, /The folder ".*\/Locked" can be read again/);
  await until('inside.mov done', fileIs('Locked/inside.mov', 'done'));
  await until('locked.mov done', fileIs('locked.mov', 'done'));
  assert.ok(said.some((line) => line.file?.path === 'locked.mov' && /permissions or owner changed/.test(line.file.reason)), 'the retry says why');
  child.kill('SIGTERM');

  const tree = await remoteTree(sandbox, folderId);
  assert.deepEqual([...tree.keys()].sort(), ['Locked/inside.mov', 'locked.mov', 'ok.mov']);
  for (const [name, copies] of tree) assert.equal(copies.length, 1, `${name} is in Frame.io once`);
  assert.equal(said.filter((line) => line.type === 'error').length, 1, 'the folder is said once; the file through its state');
});
