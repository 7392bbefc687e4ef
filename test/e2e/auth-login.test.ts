// `slate login --no-browser` end to end: the printed address opened in chromium, the sandbox's
// consent page answered, then `slate whoami` and `slate status` use the stored sign-in; the file
// that holds it is private (0600) and no token appears in any other file of the data folder or in
// anything the commands printed.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { chromiumMissing, launchChromium } from '../support/browser.ts';
import { assertAccessible } from '../support/a11y.ts';
import { NODE, ROOT, run } from '../support/processes.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

const skip = chromiumMissing();
let browser: Browser;
let sandbox: CheckedSandbox;
const dirs: string[] = [];

before(async () => {
  if (skip) return;
  browser = await launchChromium();
  sandbox = await startCheckedSandbox({ seed: 'demo' });
});
after(async () => {
  await browser?.close();
  await sandbox?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'slate-login-'));
  dirs.push(dir);
  return dir;
}

const env = (dir: string) => ({ SLATE_API_URL: sandbox.url, SLATE_DATA_DIR: dir, SLATE_TOKEN: '' });

/** Runs `slate login --no-browser`, clicks `button` on the consent page in chromium, returns the exit code and output. */
async function loginThroughBrowser(dir: string, button: 'Allow' | 'Deny') {
  const login = run(NODE, ['bin/slate.js', 'login', '--no-browser', '--ims-url', sandbox.url, '--client-id', 'slate-e2e'], env(dir));
  try {
    const url = await login.waitFor('SLATE_AUTHORIZE_URL');
    const page = await browser.newPage();
    await page.goto(url);
    await page.getByRole('button', { name: button }).waitFor();
    await assertAccessible(page, 'sign-in consent', ['light']);
    await page.getByRole('button', { name: button }).click();
    const heading = button === 'Allow' ? 'Signed in to Slate' : 'Slate sign-in failed';
    await page.getByRole('heading', { name: heading }).waitFor({ timeout: 15_000 });
    await assertAccessible(page, heading, ['light']);
    await page.close();
    const code = await new Promise<number | null>((resolve) => {
      if (login.child.exitCode !== null) resolve(login.child.exitCode);
      else login.child.once('exit', resolve);
    });
    return { code, output: login.output() };
  } finally {
    await login.stop();
  }
}

/** Asynchronously: the sandbox answers from this very process, so a blocking spawn would deadlock. */
function slate(args: string[], dir: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(NODE, ['bin/slate.js', ...args], { cwd: ROOT, env: { ...process.env, ...env(dir) }, encoding: 'utf8', timeout: 60_000 }, (_error, stdout, stderr) =>
      resolve({ status: child.exitCode, stdout, stderr }),
    );
  });
}

test('slate login --no-browser, consent in chromium, then whoami and status use the private stored sign-in', { skip }, async () => {
  const dir = dataDir();
  const login = await loginThroughBrowser(dir, 'Allow');
  assert.equal(login.code, 0, login.output);
  assert.match(login.output, /Signed in as Rosa Alvarez <rosa@northlight.example>/);

  const file = join(dir, 'credentials.json');
  assert.equal(statSync(file).mode & 0o777, 0o600, 'the token file is readable by its owner only');
  const whoami = await slate(['whoami'], dir);
  assert.equal(whoami.status, 0, whoami.stderr);
  assert.match(whoami.stdout, /Rosa Alvarez <rosa@northlight.example> on http:\/\/127\.0\.0\.1:\d+, Frame\.io V4 \(profile ims\)/);
  const status = await slate(['status'], dir);
  assert.equal(status.status, 0, status.stderr);
  assert.match(status.stdout, /Signed in as Rosa Alvarez/);

  // No token outside the vault: not in any other file the commands left (a journal, settings;
  // status only reads, so there may be none), nor in what was printed. The same byte search finds
  // them in the vault, so it would find them anywhere else.
  const vault = JSON.parse(readFileSync(file, 'utf8'));
  const credential = vault.profiles[0].credential;
  const secrets = [credential.accessToken, credential.refreshToken];
  assert.ok(secrets.every((s) => typeof s === 'string' && s.length >= 16));
  assert.ok(secrets.every((s) => readFileSync(file).includes(s)), 'the search finds the tokens where they are kept');
  const others = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name !== 'credentials.json' && statSync(join(dir, name)).isFile());
  for (const name of others) {
    const bytes = readFileSync(join(dir, name));
    for (const secret of secrets) assert.equal(bytes.includes(secret), false, `a token was found in ${name}`);
  }
  for (const text of [login.output, whoami.stdout, whoami.stderr, status.stdout, status.stderr]) {
    for (const secret of secrets) assert.equal(text.includes(secret), false, 'a token was printed');
  }

  const logout = await slate(['logout'], dir);
  assert.equal(logout.status, 0, logout.stderr);
  const revoked = await fetch(`${sandbox.url}/v4/me`, { headers: { authorization: `Bearer ${credential.accessToken}` } });
  assert.equal(revoked.status, 401, 'logout revoked the token');
  const again = await slate(['whoami'], dir);
  assert.equal(again.status, 3, 'exit code 3: sign-in needed');
  assert.match(again.stderr, /Nobody is signed in to http:\/\/127\.0\.0\.1:\d+\.\n\s+Run `slate login`/);
});

test('choosing Deny on the consent page ends slate login with exit code 3 and what to do', { skip }, async () => {
  const dir = dataDir();
  const login = await loginThroughBrowser(dir, 'Deny');
  assert.equal(login.code, 3, login.output);
  assert.match(login.output, /Access was not allowed in the browser\.\n\s+Run the sign-in again and choose Allow/);
  assert.deepEqual(readdirSync(dir), [], 'nothing was stored');
});
