// A watch folder set up from the browser: a render written into the folder uploads itself once
// it stops changing, and shows up in the Frame.io folder it watches into.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
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
let work: string;

before(async () => {
  if (skip) return;
  session = await openAgentSession();
  ({ page, sandbox, work } = session);
  mkdirSync(join(work, 'renders'));
});
after(() => session?.close());

test('a folder watched from the browser uploads a finished render by itself', { skip }, async () => {
  await page.locator('.project-list button').first().click();
  await page.getByRole('navigation', { name: 'Breadcrumbs' }).waitFor();
  const main = page.getByRole('navigation', { name: 'Main' });
  await main.getByRole('button', { name: 'Watch folders' }).click();
  await page.getByLabel('Folder on the agent’s machine').fill(join(work, 'renders'));
  await page.getByLabel('Finished after unchanged for (seconds)').fill('1');
  await page.getByRole('button', { name: 'Watch this folder' }).click();
  const card = page.getByTestId('watch');
  await card.getByText('Watching').waitFor({ timeout: 15_000 });

  writeFileSync(join(work, 'renders', 'promo_v001.mov'), Buffer.alloc(150_000, 3));
  await card.getByText('Done 1').waitFor({ timeout: 30_000 });
  await snap(page, 'watch-folders');
  await assertAccessible(page, 'watch-folders');

  await main.getByRole('button', { name: 'Projects' }).click();
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.getByTestId('asset-row').filter({ hasText: 'promo_v001.mov' }).waitFor();
  assert.equal(sandbox.exchanges.filter((e) => e.url.endsWith('/files/local_upload') && e.status === 201).length, 1);
});

test('a folder that does not exist is refused with a reason', { skip }, async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Watch folders' }).click();
  await page.getByLabel('Folder on the agent’s machine').fill(join(work, 'no such folder'));
  await page.getByRole('button', { name: 'Watch this folder' }).click();
  await page.getByRole('alert').getByText(/is not a folder Slate can open/).waitFor();
  await assertAccessible(page, 'watch folder refused');
});
