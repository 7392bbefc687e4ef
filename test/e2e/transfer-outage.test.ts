// Frame.io going away in the middle of an upload, in the browser: the job and the header say
// "Waiting for Frame.io" rather than failing, and once Frame.io is back (the same server, port and
// data) the job finishes without a click, as one Frame.io file.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing, launchChromium, snap } from '../support/browser.ts';
import { assertAccessible } from '../support/a11y.ts';
import { startRestartableSandbox, type RestartableSandbox } from '../support/outage.ts';
import { NODE, run, type Running } from '../support/processes.ts';

const skip = chromiumMissing();
const PART = 5 * 1024 * 1024;
let browser: Browser;
let sandbox: RestartableSandbox;
let agent: Running;
let page: Page;
let work: string;

before(async () => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'slate-e2e-'));
  browser = await launchChromium();
  // Slow parts, so the outage lands while the file is on its way.
  sandbox = await startRestartableSandbox(['--part-size', String(PART), '--faults', 'latency:part=1500']);
  agent = run(NODE, ['bin/slate.js', 'serve'], { SLATE_API_URL: sandbox.url, SLATE_TOKEN: sandbox.token, SLATE_DATA_DIR: join(work, 'data') });
  page = await browser.newPage();
  await page.goto(await agent.waitFor('SLATE_URL'));
});
after(async () => {
  await browser?.close();
  await agent?.stop();
  await sandbox?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('during a Frame.io outage the job waits for it, then finishes by itself', { skip, timeout: 300_000 }, async () => {
  const clip = join(work, 'A004_C007.mov');
  writeFileSync(clip, Buffer.alloc(8 * PART, 9));
  await page.locator('.project-list button').first().click();
  await page.getByLabel('Files to upload').setInputFiles(clip);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Transfers' }).click();
  const job = page.getByTestId('transfer-job').filter({ hasText: 'A004_C007.mov' });
  await job.locator('.job-state', { hasText: 'Uploading' }).waitFor({ timeout: 30_000 });

  await sandbox.stop();
  await job.locator('.job-state', { hasText: 'Waiting for Frame.io' }).waitFor({ timeout: 60_000 });
  await page.locator('.transfer-indicator', { hasText: 'Waiting for Frame.io' }).waitFor();
  await job.getByRole('status').filter({ hasText: 'Slate carries on by itself when Frame.io answers' }).waitFor();
  assert.equal(await job.locator('.job-state', { hasText: 'Failed' }).count(), 0);
  await snap(page, 'transfer-waiting');
  await assertAccessible(page, 'transfer-waiting');

  await sandbox.start();
  await job.locator('.job-state', { hasText: /^Done$/ }).waitFor({ timeout: 180_000 });
  assert.match((await job.textContent()) ?? '', /1 of 1 files/);
  assert.equal(await page.locator('.transfer-indicator').count(), 0, 'nothing left waiting in the header');
  const created = sandbox.exchanges().filter((e) => e.url.endsWith('/files/local_upload') && e.status === 201);
  assert.equal(created.length, 1, 'one Frame.io file for the clip');
});
