// A follow's card in the app, in a browser on the web agent, with an hour between looks so that
// only the card's buttons make it look: Look now brings down a file uploaded after the first look;
// Pause says so and hides Look now; Resume looks at once and brings down what landed meanwhile;
// Remove asks first, saying what stops and what is kept, and keeps what came down. Axe-clean in
// both themes, the card paused and the question open.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertAccessible } from '../support/a11y.ts';
import { chromiumMissing, snap } from '../support/browser.ts';
import { openFollowSession, type FollowSession } from '../support/follow-session.ts';

const skip = chromiumMissing();
let follows: FollowSession;
let page: Page;

before(async () => {
  if (skip) return;
  follows = await openFollowSession(3600);
  page = follows.page;
});
after(async () => {
  await follows?.close();
});

test('Look now, Pause, Resume and Remove on a follow’s card', { skip, timeout: 120_000 }, async () => {
  const folderId = await follows.openStills();
  const to = join(follows.session.work, 'followed');
  mkdirSync(to);
  await page.getByRole('toolbar', { name: 'Folder actions' }).getByRole('button', { name: 'Follow…' }).click();
  const dialog = page.getByRole('dialog', { name: /^Follow/ });
  await dialog.getByLabel('Folder on the agent’s machine').fill(to);
  await dialog.getByRole('button', { name: 'Follow', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Watch folders' }).click();
  const card = page.getByTestId('follow').filter({ hasText: 'Stills' });
  await card.getByText('Downloaded 2').waitFor({ timeout: 30_000 });
  await card.getByText('Following').waitFor();

  await follows.uploadLater(folderId, 'Later.png');
  await card.getByRole('button', { name: 'Look now' }).click();
  await card.getByText('Downloaded 3').waitFor({ timeout: 30_000 });
  await card.getByTestId('follow-last').getByText(/Stills.Later\.png/).waitFor();
  assert.ok(readdirSync(join(to, 'Stills')).includes('Later.png'));

  await card.getByRole('button', { name: 'Pause' }).click();
  await card.getByText('Paused', { exact: true }).waitFor();
  await card.getByText(/paused: it looks again when resumed/).waitFor();
  assert.equal(await card.getByRole('button', { name: 'Look now' }).count(), 0, 'a paused follow offers no Look now');
  await snap(page, 'follow-paused');
  await assertAccessible(page, 'watch folders with a paused follow');

  await follows.uploadLater(folderId, 'Meanwhile.png');
  await card.getByRole('button', { name: 'Resume' }).click();
  await card.getByText('Downloaded 4').waitFor({ timeout: 30_000 });
  assert.ok(readdirSync(join(to, 'Stills')).includes('Meanwhile.png'), 'resumed, it looks at once');

  await card.getByRole('button', { name: 'Remove' }).click();
  const question = page.getByRole('dialog', { name: 'Stop following “Stills”?' });
  await question.getByText('Slate stops looking for what lands in “Stills” in Frame.io. Nothing in Frame.io changes.').waitFor();
  await question.getByText(`4 files that came down stay in “Stills” in ${to}.`).waitFor();
  await snap(page, 'follow-remove');
  await assertAccessible(page, 'stop following, asked first');
  await question.getByRole('button', { name: 'Keep following' }).click();
  await question.waitFor({ state: 'hidden' });
  await card.getByText('Following').waitFor();

  await card.getByRole('button', { name: 'Remove' }).click();
  await question.getByRole('button', { name: 'Stop following' }).click();
  await page.getByText('No folders are followed yet.', { exact: false }).waitFor();
  assert.deepEqual(readdirSync(join(to, 'Stills')).sort(), ['Harbor_Dawn.png', 'Later.png', 'Lighthouse_Night.png', 'Meanwhile.png'], 'what came down stays on the disk');
});
