// The settings screen in a browser: wrong values are refused beside their field in people's
// words (the page stays), right ones say they were applied, and what only the desktop app can do
// is not offered.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { chromiumMissing, snap } from '../support/browser.ts';
import { assertAccessible } from '../support/a11y.ts';
import { openAgentSession, type AgentSession } from '../support/agent-session.ts';

const skip = chromiumMissing();
let session: AgentSession;
let page: Page;

before(async () => {
  if (skip) return;
  session = await openAgentSession({ viewport: { width: 1440, height: 900 } });
  page = session.page;
  page.setDefaultTimeout(15_000);
});
after(() => session?.close());

test('bad values are refused beside their field, good ones are confirmed, desktop-only settings are hidden', { skip, timeout: 60_000 }, async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  assert.equal(await page.getByText('Start Slate when I log in').count(), 0);
  assert.equal(await page.getByText(/Update feed/).count(), 0);

  const files = page.getByLabel('Files at once');
  await files.fill('0');
  await page.getByText('Enter a whole number from 1 to 16.').waitFor();
  assert.equal(await files.getAttribute('aria-invalid'), 'true');
  await files.fill('3');
  await page.getByText('Saved: applies the next time Slate starts.').first().waitFor();

  const bandwidth = page.getByLabel('Bandwidth limit (Mbps)');
  await bandwidth.fill('fast');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByText('“fast” is not a number of Mbps.', { exact: false }).waitFor();
  assert.equal(await bandwidth.getAttribute('aria-invalid'), 'true');
  await snap(page, 'settings-refused');
  await assertAccessible(page, 'settings with a refused value');
  await bandwidth.fill('160');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByText('Applied: 160 (Mbps).').waitFor();
  // The same limit in MB/s, and the choice kept after a reload.
  await page.getByLabel('Unit').selectOption('MB/s');
  assert.equal(await page.getByLabel('Bandwidth limit (MB/s)').inputValue(), '19.07');
  await page.reload();
  assert.equal(await page.getByLabel('Bandwidth limit (Mbps)').inputValue(), '160', 'the stored limit keeps the unit it was entered in');
  assert.equal(await page.getByRole('heading', { name: 'Settings', level: 1 }).count(), 1, 'the page stayed');

  const text = await page.locator('body').innerText();
  assert.doesNotMatch(text, /ECONN|Invalid settings|settings:update|Too small/);
});
