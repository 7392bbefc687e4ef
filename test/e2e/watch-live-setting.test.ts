// "Upload while it grows" on a watch's card, in the browser against a V4 sandbox: the checkbox says
// what it does and where, the service keeps it, and the card then says the watch waits for files
// to finish, because a V4 account has no real-time upload. axe-clean in both themes at each step.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { LIVE_NOT_AVAILABLE } from '../../main/core/watch/manager.ts';
import { chromiumMissing } from '../support/browser.ts';
import { assertAccessible } from '../support/a11y.ts';
import { openAgentSession, type AgentSession } from '../support/agent-session.ts';

const skip = chromiumMissing();
let session: AgentSession;
let page: Page;

before(async () => {
  if (skip) return;
  session = await openAgentSession();
  page = session.page;
});
after(() => session?.close());

test('the watch setting "Upload while it grows" is kept, and on a V4 account the card says what the watch does instead', { skip }, async () => {
  const renders = join(session.work, 'renders');
  mkdirSync(renders);
  await page.locator('.project-list button').first().click();
  await page.getByRole('navigation', { name: 'Breadcrumbs' }).waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Watch folders' }).click();
  await page.getByLabel('Folder on the agent’s machine').fill(renders);
  await page.getByRole('button', { name: 'Watch this folder' }).click();
  const card = page.getByTestId('watch');
  await card.getByText('Watching').waitFor({ timeout: 15_000 });
  assert.equal(await card.getByTestId('watch-notice').count(), 0, 'no notice while the setting is off');

  await card.getByRole('button', { name: 'Settings', exact: true }).click();
  const form = card.getByRole('form', { name: /^Settings of / });
  const live = form.getByRole('checkbox', { name: 'Upload while it grows' });
  assert.equal(await live.isChecked(), false);
  assert.match((await live.getAttribute('aria-describedby'))!, /.+/, 'its help is read out with it');
  await form.getByText(/Needs a legacy \(V2\) account: elsewhere the watch waits for files to finish/).waitFor();
  await live.check();
  await assertAccessible(page, 'watch-live-setting');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await form.waitFor({ state: 'detached' });

  const notice = card.getByTestId('watch-notice');
  await notice.waitFor({ timeout: 15_000 });
  assert.equal(await notice.textContent(), LIVE_NOT_AVAILABLE);
  await assertAccessible(page, 'watch-live-notice');
});
