// Following a file: a new comment made elsewhere shows up as an unread count without a reload,
// and opening the file reads it.
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
  session = await openAgentSession();
  ({ page, sandbox } = session);
  page.setDefaultTimeout(20_000);
});
after(() => session?.close());

test('a followed file counts new comments made elsewhere; opening it reads them', { skip }, async () => {
  const main = page.getByRole('navigation', { name: 'Main' });
  await main.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Check followed files for new comments every (seconds)').fill('5');

  await main.getByRole('button', { name: 'Projects' }).click();
  await page.locator('.project-list button').first().click();
  await page.getByLabel('Files to upload').setInputFiles({ name: 'cut_v3.txt', mimeType: 'text/plain', buffer: Buffer.from('locked cut notes') });
  const row = page.getByTestId('asset-row').filter({ hasText: 'cut_v3.txt' });
  for (let tries = 0; !(await row.isVisible()) && tries < 30; tries++) {
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.waitForTimeout(300);
  }
  await row.click();
  await page.getByRole('button', { name: 'Open viewer' }).click();
  await page.getByRole('button', { name: 'Follow comments' }).click();
  await page.getByRole('button', { name: 'Following' }).waitFor();
  await page.getByRole('button', { name: '← Back to files' }).click();

  // A producer comments from Frame.io itself.
  const fileId = sandbox.exchanges.find((e) => e.url.endsWith('/files/local_upload') && e.status === 201)!.responseBody as { data: { id: string } };
  const response = await fetch(`${sandbox.url}/v4/accounts/${sandbox.accountId}/files/${fileId.data.id}/comments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ data: { text: 'Can we lose the second line?' } }),
  });
  if (response.status !== 201) throw new Error(`comment not made: HTTP ${response.status}`);

  const badge = page.getByRole('status', { name: '1 new comment on files you follow' });
  await badge.waitFor({ timeout: 30_000 });
  await snap(page, 'unread-comments');
  await assertAccessible(page, 'unread-comments');
  await row.click();
  await page.getByRole('button', { name: 'Open viewer' }).click();
  await page.getByTestId('comment').filter({ hasText: 'Can we lose the second line?' }).waitFor();
  await badge.waitFor({ state: 'detached' });
});
