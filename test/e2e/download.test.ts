// Download from the app, in a browser on the web agent: a folder chosen in the browser comes down
// into a folder on the agent's machine, shows in Transfers until Done, and lands byte for byte; the
// next download offers the same folder; one outside the agent's allowed roots is refused with words;
// a version stack offers all its versions; the dialog passes axe in both themes.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertAccessible } from '../support/a11y.ts';
import { openAgentSession, type AgentSession } from '../support/agent-session.ts';
import { chromiumMissing, snap } from '../support/browser.ts';

const skip = chromiumMissing();
const SAMPLES = join(import.meta.dirname, '../../assets/sandbox');
let session: AgentSession;
let page: Page;
let outside: string;

before(async () => {
  if (skip) return;
  session = await openAgentSession();
  page = session.page;
  outside = mkdtempSync(join(tmpdir(), 'slate-e2e-outside-'));
  await page.getByLabel('Workspace').selectOption({ label: 'Productions' });
  await page.getByRole('button', { name: 'Harbor Lights — Feature' }).click();
});
after(async () => {
  await session?.close();
  if (outside) rmSync(outside, { recursive: true, force: true });
});

const row = (name: string) => page.getByTestId('asset-row').filter({ hasText: name });
const dialog = () => page.getByRole('dialog', { name: /^Download/ });
const folderField = () => dialog().getByLabel('Folder on the agent’s machine');

test('a folder downloaded from the app shows in Transfers until Done and lands on the agent’s disk', { skip, timeout: 90_000 }, async () => {
  const to = join(session.work, 'downloads');
  await row('Stills').click();
  await page.getByRole('toolbar', { name: 'Folder actions' }).getByRole('button', { name: 'Download…' }).click();
  await dialog().getByRole('heading', { name: 'Download “Stills”' }).waitFor();
  await folderField().fill(session.work);
  await snap(page, 'download-dialog');
  await assertAccessible(page, 'download dialog');

  await folderField().fill(to);
  await dialog().getByRole('button', { name: 'Download' }).click();
  await dialog().getByRole('alert').getByText(/is not a folder Slate can open/).waitFor();
  await dialog().getByRole('button', { name: 'Cancel' }).click();
  await dialog().waitFor({ state: 'hidden' });

  // The folder is made, then chosen again.
  mkdirSync(to);
  await page.getByRole('toolbar', { name: 'Folder actions' }).getByRole('button', { name: 'Download…' }).click();
  await folderField().fill(to);
  await dialog().getByLabel('Replace the file on the disk').check();
  await dialog().getByRole('button', { name: 'Download' }).click();
  await dialog().waitFor({ state: 'hidden' });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Transfers' }).click();
  const job = page.getByTestId('transfer-job').filter({ hasText: 'Stills' });
  await job.getByText('Done').waitFor({ timeout: 30_000 });
  assert.match((await job.textContent()) ?? '', /2 of 2 files/);
  assert.deepEqual(readdirSync(join(to, 'Stills')).sort(), ['Harbor_Dawn.png', 'Lighthouse_Night.png']);
  for (const name of ['Harbor_Dawn.png', 'Lighthouse_Night.png']) assert.ok(readFileSync(join(to, 'Stills', name)).equals(readFileSync(join(SAMPLES, name))), name);
  await assertAccessible(page, 'transfers, a download done');
});

test('the next download offers the last folder, and one outside the allowed roots is refused with words', { skip, timeout: 60_000 }, async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Projects' }).click();
  await row('Sound').click();
  // The keyboard opens it too, from anywhere but a text field.
  await row('Sound').press('Control+Shift+D');
  await dialog().getByRole('heading', { name: 'Download “Sound”' }).waitFor();
  assert.equal(await folderField().inputValue(), join(session.work, 'downloads'));

  await folderField().fill(outside);
  await dialog().getByRole('button', { name: 'Download' }).click();
  const alert = dialog().getByRole('alert');
  await alert.getByText(/This agent downloads only into folders under .* is not under any of them/).waitFor();
  await alert.getByText(/slate serve --allow-root/).waitFor();
  await assertAccessible(page, 'download dialog, a folder refused');
  assert.deepEqual(readdirSync(outside), []);
  await page.keyboard.press('Escape');
  await dialog().waitFor({ state: 'hidden' });
});

test('a version stack offers every version', { skip, timeout: 60_000 }, async () => {
  await row('Editorial').dblclick();
  await row('Cuts').dblclick();
  await row('Harbor_Assembly').first().click();
  await page.getByRole('toolbar', { name: 'Folder actions' }).getByRole('button', { name: 'Download…' }).click();
  const every = dialog().getByLabel(/Every version of the stack/);
  await every.check();
  await folderField().fill(join(session.work, 'downloads'));
  await dialog().getByRole('button', { name: 'Download' }).click();
  await dialog().waitFor({ state: 'hidden' });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Transfers' }).click();
  const job = page.getByTestId('transfer-job').filter({ hasText: 'Harbor_Assembly' });
  await job.getByText('Done').waitFor({ timeout: 30_000 });
  // Each version under its own name, numbered by its place in the stack.
  const names = readdirSync(join(session.work, 'downloads')).filter((name) => name.startsWith('Harbor_Assembly'));
  assert.deepEqual(names.sort(), ['Harbor_Assembly_v1 v1.webm', 'Harbor_Assembly_v2 v2.webm']);
  for (const n of [1, 2]) assert.ok(readFileSync(join(session.work, 'downloads', `Harbor_Assembly_v${n} v${n}.webm`)).equals(readFileSync(join(SAMPLES, `Harbor_Assembly_v${n}.webm`))));
});
