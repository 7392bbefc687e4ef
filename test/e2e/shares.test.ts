// Sharing from the browser: make a link for a folder (shown for that folder only), find it under
// Shares, copy it, invite a reviewer, and delete it.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { chromiumMissing, snap } from '../support/browser.ts';
import { assertAccessible } from '../support/a11y.ts';
import { openAgentSession, type AgentSession } from '../support/agent-session.ts';
import type { CheckedSandbox } from '../support/sandbox.ts';

const skip = chromiumMissing();
let session: AgentSession;
let page: Page;
let sandbox: CheckedSandbox;

before(async () => {
  if (skip) return;
  session = await openAgentSession({ permissions: ['clipboard-read', 'clipboard-write'] });
  ({ page, sandbox } = session);
});
after(() => session?.close());

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
  // The share link and the folder's Frame.io link are told apart by their words, and a copy says so.
  const details = page.getByRole('complementary', { name: 'Details' });
  await details.getByRole('button', { name: 'Copy Frame.io link' }).waitFor();
  await ready.getByRole('button', { name: 'Copy share link' }).click();
  await details.getByRole('status').getByText('Share link copied.').waitFor();
  assert.equal(await page.evaluate('navigator.clipboard.readText()'), shortUrl);

  // The link belongs to the folder it shares: another item selected afterwards never shows it.
  writeFileSync(join(session.work, 'brief.txt'), 'for the client: scenes 4 to 9');
  await page.getByLabel('Files to upload').setInputFiles(join(session.work, 'brief.txt'));
  await page.getByTestId('asset-row').filter({ hasText: 'brief.txt' }).click({ timeout: 30_000 });
  await page.getByRole('complementary', { name: 'Details' }).getByRole('heading', { name: 'brief.txt' }).waitFor();
  assert.equal(await page.getByText('Share link ready').count(), 0, 'no share link under another file');
  await page.getByTestId('asset-row').filter({ hasText: 'Client review' }).click();
  await ready.waitFor();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Shares' }).click();
  const card = page.getByTestId('share').filter({ hasText: 'Client review' });
  await card.getByText('Invited reviewers only').waitFor();
  await card.getByRole('button', { name: 'Copy share link' }).click();
  await card.getByRole('status').getByText('Share link copied.').waitFor();
  assert.equal(await page.evaluate('navigator.clipboard.readText()'), shortUrl);

  await card.getByRole('button', { name: 'Details' }).click();
  await card.getByText('Client review', { exact: true }).last().waitFor();
  await card.getByLabel('Reviewer emails').fill('producer@harbor.example');
  await card.getByRole('button', { name: 'Invite' }).click();
  await card.getByText('producer@harbor.example').waitFor();
  await snap(page, 'shares');
  await assertAccessible(page, 'shares');

  await card.getByRole('button', { name: 'Delete' }).click();
  await card.getByRole('button', { name: 'Really delete this share?' }).click();
  await page.getByTestId('share').filter({ hasText: 'Client review' }).waitFor({ state: 'detached' });
  assert.ok(sandbox.exchanges.some((e) => e.method === 'DELETE' && /\/shares\/[^/]+$/.test(e.url) && e.status === 204));
});
