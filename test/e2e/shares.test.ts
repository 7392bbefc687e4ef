// Sharing from the browser: make a link for a folder, find it under Shares, copy it, invite a
// reviewer, and delete it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing, launchChromium, snap } from '../support/browser.ts';
import { NODE, run, type Running } from '../support/processes.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

const skip = chromiumMissing();
let browser: Browser;
let sandbox: CheckedSandbox;
let agent: Running;
let page: Page;
let dataDir: string;

before(async () => {
  if (skip) return;
  dataDir = mkdtempSync(join(tmpdir(), 'slate-shares-e2e-'));
  browser = await launchChromium();
  sandbox = await startCheckedSandbox({ seed: 'demo' });
  agent = run(NODE, ['bin/slate.js', 'serve'], { SLATE_API_URL: sandbox.url, SLATE_TOKEN: sandbox.token, SLATE_DATA_DIR: dataDir });
  const url = await agent.waitFor('SLATE_URL');
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  page = await context.newPage();
  await page.goto(url);
});
after(async () => {
  await browser?.close();
  await agent?.stop();
  await sandbox?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('share a folder, copy the link, invite a reviewer, delete the share', { skip }, async () => {
  await page.locator('.project-list button').first().click();
  await page.getByRole('button', { name: 'New folder' }).click();
  await page.getByLabel('New folder name').fill('Client review');
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByTestId('asset-row').filter({ hasText: 'Client review' }).click();

  await page.getByRole('button', { name: 'Share…' }).click();
  const form = page.getByRole('form', { name: 'New share' });
  await form.getByLabel('Only invited reviewers').check();
  await form.getByRole('button', { name: 'Create share link' }).click();
  const ready = page.getByRole('status').filter({ hasText: 'Share link ready' });
  const shortUrl = await ready.getByRole('link').textContent();
  assert.match(shortUrl ?? '', /^https?:\/\//);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Shares' }).click();
  const card = page.getByTestId('share').filter({ hasText: 'Client review' });
  await card.getByText('Invited reviewers only').waitFor();
  await card.getByRole('button', { name: 'Copy link' }).click();
  await card.getByRole('button', { name: 'Copied' }).waitFor();
  assert.equal(await page.evaluate('navigator.clipboard.readText()'), shortUrl);

  await card.getByRole('button', { name: 'Details' }).click();
  await card.getByText('Client review', { exact: true }).last().waitFor();
  await card.getByLabel('Reviewer emails').fill('producer@harbor.example');
  await card.getByRole('button', { name: 'Invite' }).click();
  await card.getByText('producer@harbor.example').waitFor();
  await snap(page, 'shares');

  await card.getByRole('button', { name: 'Delete' }).click();
  await card.getByRole('button', { name: 'Really delete this share?' }).click();
  await page.getByTestId('share').filter({ hasText: 'Client review' }).waitFor({ state: 'detached' });
  assert.ok(sandbox.exchanges.some((e) => e.method === 'DELETE' && /\/shares\/[^/]+$/.test(e.url) && e.status === 204));
});
