// A follow's card in the app, in a browser on the web agent, with an hour between looks so that
// only the card's buttons make it look: Look now brings down a file uploaded after the first look;
// Pause says so and hides Look now; Resume looks at once and brings down what landed meanwhile;
// Remove asks first, saying what stops and what is kept, and keeps what came down. Axe-clean in
// both themes, the card paused and the question open.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { TransferEngine } from '../../main/core/transfers/engine.ts';
import { assertAccessible } from '../support/a11y.ts';
import { openAgentSession, type AgentSession } from '../support/agent-session.ts';
import { chromiumMissing, snap } from '../support/browser.ts';
import { engineFor } from '../integration/transfer-helpers.ts';

const skip = chromiumMissing();
const SAMPLES = join(import.meta.dirname, '../../assets/sandbox');
let session: AgentSession;
let page: Page;
let uploader: TransferEngine;

before(async () => {
  if (skip) return;
  process.env.SLATE_FOLLOW_CHECK_SECONDS = '3600';
  session = await openAgentSession();
  page = session.page;
  uploader = engineFor(session.sandbox);
  await page.getByLabel('Workspace').selectOption({ label: 'Productions' });
  await page.getByRole('button', { name: 'Harbor Lights — Feature' }).click();
});
after(async () => {
  delete process.env.SLATE_FOLLOW_CHECK_SECONDS;
  await uploader?.close();
  await session?.close();
});

async function uploadLater(folderId: string, name: string): Promise<void> {
  const source = join(session.work, name);
  writeFileSync(source, readFileSync(join(SAMPLES, 'Harbor_Dawn.png')).subarray(0, 4000 + name.length));
  const upload = await uploader.upload({ accountId: session.sandbox.accountId, folderId, paths: [source] });
  assert.equal((await uploader.settled(upload.id)).state, 'done');
}

test('Look now, Pause, Resume and Remove on a follow’s card', { skip, timeout: 120_000 }, async () => {
  await page.getByTestId('asset-row').filter({ hasText: 'Stills' }).dblclick();
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByText('Stills').waitFor();
  const folderId = decodeURIComponent(new URL(page.url()).hash.split('/').at(-1)!);
  const to = join(session.work, 'followed');
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

  await uploadLater(folderId, 'Later.png');
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

  await uploadLater(folderId, 'Meanwhile.png');
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
