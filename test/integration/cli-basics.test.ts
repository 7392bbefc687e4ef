// The `slate` command's contract with scripts: output, --json, and exit codes.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { NODE, ROOT, run } from '../support/processes.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

let sandbox: CheckedSandbox;
let dataDir: string;
before(async () => {
  sandbox = await startCheckedSandbox({ seed: 'demo' });
  dataDir = mkdtempSync(join(tmpdir(), 'slate-cli-'));
});
after(async () => {
  await sandbox.close();
  rmSync(dataDir, { recursive: true, force: true });
});

// Async spawn: a synchronous one would block the in-process sandbox the command talks to.
function slate(args: string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(NODE, ['bin/slate.js', ...args], { cwd: ROOT, env: { ...process.env, SLATE_API_URL: sandbox.url, SLATE_TOKEN: sandbox.token, SLATE_DATA_DIR: dataDir, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

test('status --json names the user and the accounts', async () => {
  const result = await slate(['status', '--json']);
  assert.equal(result.status, 0, result.stderr);
  const body = JSON.parse(result.stdout);
  assert.equal(body.user.name, 'Rosa Alvarez');
  assert.equal(body.accounts.length, 2);
  assert.equal(body.backend.kind, 'sandbox');
});

test('a rejected token exits 3 and says to sign in again', async () => {
  const result = await slate(['status'], { SLATE_TOKEN: 'revoked' });
  assert.equal(result.status, 3);
  assert.match(result.stderr, /did not accept the sign-in: Invalid or expired token/);
  assert.match(result.stderr, /Sign in again\./);
});

test('an unknown command or flag exits 2 with usage help', async () => {
  const unknown = await slate(['teleport']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /Unknown command "teleport"/);
  const badFlag = await slate(['serve', '--colour']);
  assert.equal(badFlag.status, 2);
  assert.match(badFlag.stderr, /Unknown option '--colour'/);
});

test('watch settings out of range exit 2 and say what would do', async () => {
  const tooOften = await slate(['watch', '.', '--to', 'f', '--rescan', '3']);
  assert.equal(tooOften.status, 2);
  assert.match(tooOften.stderr, /--rescan must be 0 \(never\) or at least 10 seconds, got "3"; use it for network shares/);
  const negative = await slate(['watch', '.', '--to', 'f', '--stable=-1']);
  assert.equal(negative.status, 2);
  assert.match(negative.stderr, /--stable must be a number of seconds \(0 or more\), got "-1"/);
});

test('--concurrency outside the app settings\' range and a --bwlimit of 0 are refused, saying what would do', async () => {
  for (const wrong of ['1e9', '0', '17', '2.5', '']) {
    const result = await slate(['upload', '.', '--to', 'f', '--concurrency', wrong]);
    assert.equal(result.status, 2, `--concurrency "${wrong}"`);
    assert.match(result.stderr, /--concurrency must be a whole number from 1 to 16 \(parts uploading at once, as in the app's settings\)/);
  }
  const nothing = await slate(['upload', '.', '--to', 'f', '--bwlimit', '0']);
  assert.equal(nothing.status, 2);
  assert.match(nothing.stderr, /--bwlimit "0" is a bandwidth of nothing: no upload would ever finish\. Use "off" for no limit/);
});

test('a URL without a token is refused before any call', async () => {
  const result = await slate(['status'], { SLATE_TOKEN: '' });
  assert.equal(result.status, 1);
  assert.match(result.stderr, /No token for .+: set SLATE_TOKEN or pass --token/);
});

const SYSTEM_NODE = '/usr/bin/node';
const systemMajor = existsSync(SYSTEM_NODE) ? Number(spawnSync(SYSTEM_NODE, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).stdout) : NaN;
const noOldNode = systemMajor < 24 ? false : 'no Node older than 24 on this machine to try';

test('the command refuses to run on an old Node with a clear message', { skip: noOldNode }, () => {
  const old = spawnSync(SYSTEM_NODE, ['bin/slate.js', 'status'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(old.status, 2);
  assert.match(old.stderr, /needs Node 24 or newer/);
});

test('while `slate serve` runs on a data folder, an upload into it is refused and says why; once it stops, the upload runs', async () => {
  const shared = mkdtempSync(join(tmpdir(), 'slate-shared-'));
  const source = join(shared, 'cut.mov');
  writeFileSync(source, 'frames');
  const agent = run(NODE, ['bin/slate.js', 'serve'], { SLATE_API_URL: sandbox.url, SLATE_TOKEN: sandbox.token, SLATE_DATA_DIR: join(shared, 'data') });
  try {
    await agent.waitFor('SLATE_URL');
    const look = await slate(['status', '--json'], { SLATE_DATA_DIR: join(shared, 'data') });
    assert.equal(look.status, 0, `status only reads, so the agent's lock does not stop it: ${look.stderr}`);
    const refused = await slate(['upload', source, '--to', sandbox.rootFolderId], { SLATE_DATA_DIR: join(shared, 'data'), SLATE_ACCOUNT_ID: sandbox.accountId });
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, new RegExp(`\`slate serve\` \\(process ${agent.child.pid}, since .+\\) is already using the data folder .+data\\. Let it do the work, or close it first`));
  } finally {
    await agent.stop();
  }
  const after = await slate(['upload', source, '--to', sandbox.rootFolderId], { SLATE_DATA_DIR: join(shared, 'data'), SLATE_ACCOUNT_ID: sandbox.accountId });
  assert.equal(after.status, 0, after.stderr);
  rmSync(shared, { recursive: true, force: true });
});
