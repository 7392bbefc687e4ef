// Follow from the app, in a browser on the web agent: "Follow…" on a folder keeps it in sync into a
// folder on the agent's machine; what is in it comes down, then a file uploaded to it later through
// the API comes down by itself and the follow's card says so; a folder outside the agent's allowed
// roots is refused with words; the dialog and the card pass axe in both themes.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertAccessible } from '../support/a11y.ts';
import { chromiumMissing, snap } from '../support/browser.ts';
import { openFollowSession, type FollowSession } from '../support/follow-session.ts';

const skip = chromiumMissing();
let follows: FollowSession;
let page: Page;
let outside: string;

before(async () => {
  if (skip) return;
  // Looks a second apart, so the test sees a later upload come down without waiting half a minute.
  follows = await openFollowSession(1);
  page = follows.page;
  outside = mkdtempSync(join(tmpdir(), 'slate-e2e-outside-'));
});
after(async () => {
  await follows?.close();
  if (outside) rmSync(outside, { recursive: true, force: true });
});

const dialog = () => page.getByRole('dialog', { name: /^Follow/ });
const folderField = () => dialog().getByLabel('Folder on the agent’s machine');
const followButton = () => page.getByRole('toolbar', { name: 'Folder actions' }).getByRole('button', { name: 'Follow…' });

test('a folder followed from the app comes down, then a file uploaded to it later, and its card says so', { skip, timeout: 120_000 }, async () => {
  const folderId = await follows.openStills();

  await followButton().click();
  await dialog().getByRole('heading', { name: 'Follow “Stills”' }).waitFor();
  await folderField().fill(outside);
  await dialog().getByRole('button', { name: 'Follow', exact: true }).click();
  const alert = dialog().getByRole('alert');
  await alert.getByText(/This agent downloads only into folders under .* is not under any of them/).waitFor();
  await alert.getByText(/slate serve --allow-root/).waitFor();
  await snap(page, 'follow-dialog');
  await assertAccessible(page, 'follow dialog, a folder refused');

  // The agent's data folder is in session.work too, and nothing is downloaded above it.
  const to = join(follows.session.work, 'followed');
  mkdirSync(to);
  await folderField().fill(to);
  await dialog().getByLabel('When a stack gets a new version').selectOption({ label: 'Keep each version beside it (“name v2”)' });
  await dialog().getByRole('button', { name: 'Follow', exact: true }).click();
  await dialog().waitFor({ state: 'hidden' });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Watch folders' }).click();
  const card = page.getByTestId('follow').filter({ hasText: 'Stills' });
  await card.getByText('Downloaded 2').waitFor({ timeout: 30_000 });
  await card.getByText('Following').waitFor();
  assert.deepEqual(readdirSync(join(to, 'Stills')).sort(), ['Harbor_Dawn.png', 'Lighthouse_Night.png']);

  const later = await follows.uploadLater(folderId, 'Later.png');

  await card.getByText('Downloaded 3').waitFor({ timeout: 30_000 });
  await card.getByTestId('follow-last').getByText(/Stills.Later\.png/).waitFor();
  assert.ok(readFileSync(join(to, 'Stills', 'Later.png')).equals(later));
  await snap(page, 'follows');
  await assertAccessible(page, 'watch folders with a follow');

  await card.getByRole('button', { name: 'Settings' }).click();
  const settings = card.getByRole('form', { name: /Settings of the follow of Stills/ });
  assert.equal(await settings.getByLabel('When a stack gets a new version').inputValue(), 'beside');
  await settings.getByRole('button', { name: 'Cancel' }).click();

  await card.getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('dialog', { name: 'Stop following “Stills”?' }).getByRole('button', { name: 'Stop following' }).click();
  await page.getByText('No folders are followed yet.', { exact: false }).waitFor();
  assert.ok(readdirSync(join(to, 'Stills')).includes('Later.png'), 'what came down stays on the disk');
});
