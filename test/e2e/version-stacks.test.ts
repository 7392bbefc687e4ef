// Version stacks as Frame.io shows them: the stack's row counts its versions, inside it the
// versions read v1, v2 … newest first with the head marked, and a new version uploaded onto the
// stack becomes its head, counted on the stack's row.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertAccessible } from '../support/a11y.ts';
import { openAgentSession, type AgentSession } from '../support/agent-session.ts';
import { chromiumMissing, snap } from '../support/browser.ts';

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

const rows = () => page.getByTestId('asset-row');
const row = (name: string) => rows().filter({ hasText: name });
const crumb = (name: string) => page.getByRole('navigation', { name: 'Breadcrumbs' }).locator('li').last().filter({ hasText: name });

/** Each row's version label and name, as read on screen. */
const versionRows = () => rows().evaluateAll((found) => found.map((r) => `${r.querySelector('.version-label')?.textContent} ${r.querySelector('.name')?.textContent}`));

test('a stack counts its versions, lists them v2, v1 with the head marked, and takes a new version as v3', { skip, timeout: 120_000 }, async () => {
  await page.getByLabel('Workspace').selectOption({ label: 'Productions' });
  await page.getByRole('button', { name: 'Harbor Lights — Feature' }).click();
  await row('Editorial').dblclick();
  await row('Cuts').dblclick();
  await crumb('Cuts').waitFor();
  const stack = row('Harbor_Assembly_v2.webm');
  await stack.getByText('2 versions').waitFor();
  await snap(page, 'version-stack-row');
  await assertAccessible(page, 'a folder with a version stack');

  await stack.dblclick();
  await crumb('Harbor_Assembly_v2.webm').waitFor();
  await row('Harbor_Assembly_v1.webm').waitFor();
  assert.deepEqual(await versionRows(), ['v2 Harbor_Assembly_v2.webmCurrent', 'v1 Harbor_Assembly_v1.webm']);
  await snap(page, 'version-stack-inside');
  await assertAccessible(page, 'the versions of a stack');

  // Onto the stack from its own toolbar: the new file becomes v3, the head.
  const toolbar = page.getByRole('toolbar', { name: 'Folder actions' });
  assert.equal(await toolbar.getByRole('button', { name: 'New folder' }).isDisabled(), true);
  await toolbar.getByLabel('New version of the stack').setInputFiles({ name: 'Harbor_Assembly_v3.webm', mimeType: 'video/webm', buffer: Buffer.from('a third cut of the assembly') });
  await row('Harbor_Assembly_v3.webm').getByText('Current').waitFor({ timeout: 60_000 });
  assert.deepEqual(await versionRows(), ['v3 Harbor_Assembly_v3.webmCurrent', 'v2 Harbor_Assembly_v2.webm', 'v1 Harbor_Assembly_v1.webm']);

  // The folder above counts three on the stack, now called by its head, whose details offer a new version too.
  await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('button', { name: 'Cuts' }).click();
  await crumb('Cuts').waitFor();
  const grown = row('Harbor_Assembly_v3.webm');
  await grown.getByText('3 versions').waitFor();
  await grown.click();
  const details = page.getByRole('complementary', { name: 'Details' });
  await details.getByText('3 versions').waitFor();
  assert.equal(await details.getByRole('button', { name: 'Upload new version' }).isEnabled(), true);
});
