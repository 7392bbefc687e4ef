// A watch card names the Frame.io folder it uploads into, with a link; its settings point it at the
// folder open in Projects, where new files then land; a destination deleted in Frame.io is said so
// on the card rather than shown as a name that is not there.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

const row = (name: string) => page.getByTestId('asset-row').filter({ hasText: name });
const crumb = (name: string) => page.getByRole('navigation', { name: 'Breadcrumbs' }).locator('li').last().filter({ hasText: name });
const screen = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();
const destination = () => page.getByTestId('watch').getByTestId('watch-destination');

test('the card shows its destination, settings move it to the folder open in Projects, and new files land there', { skip, timeout: 120_000 }, async () => {
  const renders = join(session.work, 'renders');
  mkdirSync(renders);
  await page.getByLabel('Workspace').selectOption({ label: 'Productions' });
  await page.getByRole('button', { name: 'Harbor Lights — Feature' }).click();
  await row('Editorial').dblclick();
  await crumb('Editorial').waitFor();
  await screen('Watch folders');
  await page.getByLabel('Folder on the agent’s machine').fill(renders);
  await page.getByRole('button', { name: 'Watch this folder' }).click();
  await destination().getByRole('link', { name: 'Editorial' }).waitFor();

  // Open Cuts in Projects, then choose it in the watch's settings.
  await screen('Projects');
  await row('Cuts').dblclick();
  await crumb('Cuts').waitFor();
  await screen('Watch folders');
  await page.getByTestId('watch').getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByLabel('Upload new files into Harbor Lights — Feature › Editorial › Cuts').check();
  await snap(page, 'watch-destination-settings');
  await assertAccessible(page, 'a watch moved to another folder');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await destination().getByRole('link', { name: 'Cuts' }).waitFor();

  writeFileSync(join(renders, 'reel_02.mov'), 'a render that finished after the move');
  await screen('Projects');
  await crumb('Cuts').waitFor();
  await row('reel_02.mov').waitFor({ timeout: 60_000 });
  await snap(page, 'watch-destination-landed');

  // Cuts deleted in Frame.io: the card says what it cannot read, and what to do about it.
  await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('button', { name: 'Editorial' }).click();
  await row('Cuts').click();
  const remove = page.getByRole('complementary', { name: 'Details' }).getByRole('button', { name: 'Delete' });
  await remove.click();
  await page.getByRole('button', { name: /Really delete this folder/ }).click();
  await row('Cuts').waitFor({ state: 'detached' });
  await screen('Watch folders');
  await destination().getByText('a Frame.io folder Slate cannot read now').waitFor();
  await assertAccessible(page, 'a watch whose destination is gone');
});
