// Views that keep themselves true: a folder on screen shows what Slate uploads into it without a
// Refresh, and while Frame.io cannot be reached the folder and shares views show what they last
// loaded, with when, never an empty list that is not.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing, launchChromium, snap } from '../support/browser.ts';
import { assertAccessible } from '../support/a11y.ts';
import { startRestartableSandbox, type RestartableSandbox } from '../support/outage.ts';
import { NODE, run, type Running } from '../support/processes.ts';

const skip = chromiumMissing();
let browser: Browser;
let sandbox: RestartableSandbox;
let agent: Running;
let page: Page;
let work: string;

before(async () => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'slate-e2e-'));
  browser = await launchChromium();
  sandbox = await startRestartableSandbox();
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

const rows = () => page.getByTestId('asset-row');
const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name });

test('a folder on screen shows a file uploaded into it without a refresh', { skip }, async () => {
  await page.locator('.project-list button').first().click();
  for (const name of ['Live', 'Opened later']) {
    await page.getByRole('button', { name: 'New folder' }).click();
    await page.getByLabel('New folder name').fill(name);
    await page.getByRole('button', { name: 'Create' }).click();
    await rows().filter({ hasText: name }).waitFor();
  }
  await rows().filter({ hasText: 'Live' }).dblclick();
  await page.getByText('This folder is empty. Drop files here to upload them.').waitFor();

  writeFileSync(join(work, 'A003_C001.mov'), Buffer.alloc(200_000, 3));
  await page.getByLabel('Files to upload').setInputFiles(join(work, 'A003_C001.mov'));
  // No click from here on: the row comes by itself once the upload lands.
  await rows().filter({ hasText: 'A003_C001.mov' }).waitFor({ timeout: 30_000 });
  await snap(page, 'live-folder');
  await assertAccessible(page, 'live-folder');
});

test('with Frame.io down, views show what was last loaded and when, never a false empty', { skip }, async () => {
  await sandbox.stop();

  await page.getByRole('button', { name: 'Refresh' }).click();
  const note = page.getByRole('status').filter({ hasText: /^Showing what was loaded at \d{1,2}:\d{2}.* — Frame\.io cannot be reached\./ });
  await note.waitFor({ timeout: 30_000 });
  assert.deepEqual(await rows().locator('.name').allTextContents(), ['A003_C001.mov'], 'the last listing stays');
  await snap(page, 'offline-folder');
  await assertAccessible(page, 'offline-folder');

  // A folder opened for the first time while Frame.io is down: nothing of the folder before, no "empty".
  await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('button').first().click();
  await page.getByRole('status').filter({ hasText: 'Frame.io cannot be reached' }).waitFor({ timeout: 30_000 });
  await rows().filter({ hasText: 'Opened later' }).dblclick();
  await page.getByRole('status').filter({ hasText: "This folder has not been loaded yet: Frame.io cannot be reached." }).waitFor({ timeout: 30_000 });
  assert.equal(await rows().count(), 0, 'no rows of another folder under "Opened later"');
  assert.equal(await page.getByText('This folder is empty').count(), 0);

  await nav('Shares').click();
  await page.getByRole('status').filter({ hasText: "This project's share links have not been loaded yet: Frame.io cannot be reached." }).waitFor({ timeout: 30_000 });
  assert.equal(await page.getByText('No share links in this project yet').count(), 0);
  await snap(page, 'offline-shares');
  await assertAccessible(page, 'offline-shares');

  await sandbox.start();
  await page.getByRole('status').getByRole('button', { name: 'Try again' }).click();
  await page.getByText('No share links in this project yet').waitFor({ timeout: 30_000 });
  await nav('Projects').click();
  await page.getByText('This folder is empty').or(rows().first()).waitFor({ timeout: 30_000 });
  assert.equal(await page.getByRole('status').filter({ hasText: 'cannot be reached' }).count(), 0, 'the note goes once Frame.io answers');
});
