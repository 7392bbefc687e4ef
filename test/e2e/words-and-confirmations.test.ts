// Nothing silent: an empty folder name or watch path says so beside its field, a name longer than
// Frame.io takes is cut with a word, and cancelling a job that has sent bytes asks first, naming
// what is lost and what is kept (Escape and "Keep uploading" leave the job running).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { chromiumMissing, snap } from '../support/browser.ts';
import { assertAccessible } from '../support/a11y.ts';
import { openAgentSession, type AgentSession } from '../support/agent-session.ts';
import type { CheckedSandbox } from '../support/sandbox.ts';

const skip = chromiumMissing();
const PART = 5 * 1024 * 1024;
let session: AgentSession;
let page: Page;
let sandbox: CheckedSandbox;

before(async () => {
  if (skip) return;
  // Every full-size part is stuck on its way; a small file still arrives, so a job has bytes sent
  // and can never finish by itself while the test looks at it.
  session = await openAgentSession({}, { partSize: PART, faults: 'part>=5M:stall@1' });
  ({ page, sandbox } = session);
  mkdirSync(join(session.work, 'media'));
  writeFileSync(join(session.work, 'media', 'notes.txt'), 'scene 4: pick up the wide');
  writeFileSync(join(session.work, 'media', 'A005_C001.mov'), Buffer.alloc(2 * PART, 5));
});
after(() => session?.close());

// Reached through the element: the tests' type check has no DOM globals.
const hasFocus = (locator: Locator) => locator.evaluate((el) => el === el.ownerDocument.activeElement);
const folderPosts = () => sandbox.exchanges.filter((e) => e.method === 'POST' && e.url.endsWith('/folders'));

test('an empty folder name is said beside the field, and a name cut to 255 characters says so', { skip }, async () => {
  await page.locator('.project-list button').first().click();
  await page.getByRole('navigation', { name: 'Breadcrumbs' }).waitFor();
  await page.getByRole('button', { name: 'New folder' }).click();
  const name = page.getByLabel('New folder name');
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByText('Type a name for the folder.').waitFor();
  assert.equal(await name.getAttribute('aria-invalid'), 'true');
  assert.ok(await hasFocus(name), 'the field with the reason has focus');
  assert.equal(folderPosts().length, 0, 'nothing was asked of Frame.io');

  await name.fill(`Selects ${'x'.repeat(300)}`);
  await page.getByText('Names can be at most 255 characters: the rest was cut.').waitFor();
  assert.equal((await name.inputValue()).length, 255);
  assert.equal(await page.getByText('Type a name for the folder.').count(), 0, 'typing clears the empty-name reason');
  await assertAccessible(page, 'a folder name cut to 255 characters');
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByTestId('asset-row').filter({ hasText: 'Selects xxx' }).waitFor();
  const sent = folderPosts().map((e) => (e.requestBody as { data: { name: string } }).data.name);
  assert.deepEqual(sent.map((n) => n.length), [255]);
});

test('an empty watch-folder path is said beside the field, and nothing is watched', { skip }, async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Watch folders' }).click();
  await page.getByRole('button', { name: 'Watch this folder' }).click();
  const path = page.getByLabel('Folder on the agent’s machine');
  await page.getByText('Type the path of the folder to watch, on the machine the agent runs on.').waitFor();
  assert.equal(await path.getAttribute('aria-invalid'), 'true');
  assert.ok(await hasFocus(path), 'the field with the reason has focus');
  await assertAccessible(page, 'an empty watch path');
  assert.equal(await page.getByTestId('watch').count(), 0);
  await path.fill(join(session.work, 'media'));
  assert.equal(await page.getByText('Type the path of the folder').count(), 0, 'typing clears the reason');
});

test('cancelling a job with bytes sent asks first, naming what is lost and what is kept', { skip, timeout: 120_000 }, async () => {
  const main = page.getByRole('navigation', { name: 'Main' });
  await main.getByRole('button', { name: 'Projects' }).click();
  await page.getByLabel('Files to upload').setInputFiles([join(session.work, 'media', 'notes.txt'), join(session.work, 'media', 'A005_C001.mov')]);
  await main.getByRole('button', { name: 'Transfers' }).click();
  const job = page.getByTestId('transfer-job').first();
  await job.getByText(/1 of 2 files/).waitFor({ timeout: 30_000 });

  await job.getByRole('button', { name: 'Cancel' }).click();
  const dialog = page.getByRole('dialog', { name: /^Cancel the upload of / });
  await dialog.waitFor();
  const words = (await dialog.textContent()) ?? '';
  assert.match(words, /Lost: 1 file not finished stops, and what has arrived of it in Frame\.io is deleted/);
  assert.match(words, /Kept: 1 file already in Frame\.io stays there\. The files on this computer are not touched\./);
  assert.ok(await hasFocus(dialog.getByRole('button', { name: 'Keep uploading' })), 'the safe choice has focus');
  await snap(page, 'transfers-cancel-confirm');
  await assertAccessible(page, 'the cancel confirmation');

  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await job.getByRole('button', { name: 'Cancel' }).click();
  await dialog.getByRole('button', { name: 'Keep uploading' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.notEqual(await job.locator('.job-state').textContent(), 'Cancelled', 'saying no leaves the job as it was');

  await job.getByRole('button', { name: 'Cancel' }).click();
  await dialog.getByRole('button', { name: 'Cancel upload' }).click();
  await job.locator('.job-state', { hasText: /^Cancelled$/ }).waitFor({ timeout: 30_000 });
  await main.getByRole('button', { name: 'Projects' }).click();
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.getByTestId('asset-row').filter({ hasText: 'notes.txt' }).waitFor();
  assert.equal(await page.getByTestId('asset-row').filter({ hasText: 'A005_C001.mov' }).count(), 0, 'the unfinished file is gone from Frame.io');
});
