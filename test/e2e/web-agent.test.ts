// The walking skeleton end to end: a real browser opens the URL `slate serve` prints and sees the
// signed-in user, with every API exchange behind it checked against the spec.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { chromiumMissing, launchChromium } from '../support/browser.ts';
import { assertAccessible } from '../support/a11y.ts';
import { NODE, run } from '../support/processes.ts';
import { contractProblems, startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

const skip = chromiumMissing();
let browser: Browser;
let sandbox: CheckedSandbox;

before(async () => {
  if (skip) return;
  browser = await launchChromium();
  sandbox = await startCheckedSandbox({ seed: 'demo' });
});
after(async () => {
  await browser?.close();
  await sandbox?.close();
});

test('`slate serve` shows the signed-in user and their accounts in a browser', { skip }, async () => {
  const agent = run(NODE, ['bin/slate.js', 'serve'], { SLATE_API_URL: sandbox.url, SLATE_TOKEN: sandbox.token });
  try {
    const url = await agent.waitFor('SLATE_URL');
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/\?key=[\w-]{20,}$/);
    const page = await browser.newPage();
    await page.goto(url);
    await page.getByTestId('user-name').getByText('Rosa Alvarez').waitFor({ timeout: 15_000 });
    const accounts = page.getByLabel('Account');
    await accounts.waitFor();
    assert.deepEqual((await accounts.locator('option').allTextContents()).sort(), ['Harbor Post', 'Northlight Pictures']);
    assert.equal(new URL(page.url()).searchParams.has('key'), false, 'the key leaves the address bar');
    assert.ok(sandbox.exchanges.some((e) => e.url === '/v4/me' && e.status === 200));
    await assertAccessible(page, 'signed in, first screen');
    await page.close();
  } finally {
    await agent.stop();
  }
});

test('a page opened without the key says how to get in', { skip }, async () => {
  const agent = run(NODE, ['bin/slate.js', 'serve'], { SLATE_API_URL: sandbox.url, SLATE_TOKEN: sandbox.token });
  try {
    const url = new URL(await agent.waitFor('SLATE_URL'));
    const page = await browser.newPage();
    await page.goto(url.origin + '/');
    await page.getByRole('alert').getByText('Open the full URL that `slate serve` printed.').waitFor({ timeout: 15_000 });
    await assertAccessible(page, 'opened without its key');
    await page.close();
  } finally {
    await agent.stop();
  }
});

test('`npm start` without Electron falls back to the web agent on the demo sandbox', { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'slate-start-'));
  const log = join(dir, 'exchanges.jsonl');
  // `npm start` = node scripts/start.ts; no DISPLAY, so the fallback is taken even where Electron exists.
  const app = run(NODE, ['scripts/start.ts'], { DISPLAY: '', WAYLAND_DISPLAY: '', SLATE_API_URL: '', SLATE_TOKEN: '', SLATE_DATA_DIR: join(dir, 'data'), SLATE_SANDBOX_EXCHANGE_LOG: log });
  try {
    const url = await app.waitFor('SLATE_URL', 60_000);
    assert.match(app.output(), /the desktop window cannot open \(.+\); serving the same app in your browser instead/);
    assert.match(app.output(), /local sandbox \(demo data, not Frame\.io\)/);
    const page = await browser.newPage();
    await page.goto(url);
    await page.getByTestId('user-name').getByText('Rosa Alvarez').waitFor({ timeout: 15_000 });
    await page.getByText('Local sandbox — not Frame.io').waitFor();
    await assertAccessible(page, 'first run on the demo sandbox');
    await page.close();
  } finally {
    await app.stop();
  }
  const exchanges = readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  assert.ok(exchanges.some((e) => e.url === '/v4/me' && e.status === 200), 'the page reached the sandbox through the agent');
  assert.deepEqual(exchanges.flatMap(contractProblems), [], 'the embedded sandbox kept to the spec');
  rmSync(dir, { recursive: true, force: true });
});

test('in a browser the sign-in menu says where signing in happens', { skip }, async () => {
  const agent = run(NODE, ['bin/slate.js', 'serve', '--sandbox']);
  try {
    const page = await browser.newPage();
    await page.goto(await agent.waitFor('SLATE_URL'));
    await page.getByRole('button', { name: 'Signed in as Rosa Alvarez' }).click();
    const menu = page.getByRole('menu', { name: 'Sign-in' });
    await menu.getByText('rosa@northlight.example').waitFor();
    await menu.getByText('To sign in here, run `npx slate login` on this machine.').waitFor();
    await assertAccessible(page, 'sign-in menu');
    await page.close();
  } finally {
    await agent.stop();
  }
});
