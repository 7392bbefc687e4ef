// Every screen, kept as a picture in the light and dark themes (test-results/screenshots), each with
// one level-one heading and no serious axe violation; a skip link first in Tab order, the account
// button reached where it sits (the end of the top bar, before the sidebar), and icon buttons whose
// tooltip shows on hover and on keyboard focus alike and goes away on Escape.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { chromiumMissing, snap } from '../support/browser.ts';
import { assertAccessible, type Theme } from '../support/a11y.ts';
import { openAgentSession, type AgentSession } from '../support/agent-session.ts';

const skip = chromiumMissing();
const PART = 5 * 1024 * 1024;
let session: AgentSession;
let page: Page;

before(async () => {
  if (skip) return;
  // Full-size parts never arrive, so the Transfers screen shows a job under way with its controls.
  session = await openAgentSession({ viewport: { width: 1440, height: 900 } }, { partSize: PART, faults: 'part>=5M:stall@1' });
  page = session.page;
  mkdirSync(join(session.work, 'renders'));
  writeFileSync(join(session.work, 'A007_C002.mov'), Buffer.alloc(2 * PART, 7));
});
after(() => session?.close());

const THEMES: Theme[] = ['light', 'dark'];

/** The screen as it is, pictured in each theme, with one h1 and nothing serious for axe. */
async function screen(name: string): Promise<void> {
  assert.equal(await page.locator('h1').count(), 1, `one level-one heading on ${name}`);
  await assertAccessible(page, name);
  const was = (await page.evaluate('document.documentElement.dataset.theme')) as string | undefined;
  for (const theme of THEMES) {
    await page.evaluate(`document.documentElement.dataset.theme = ${JSON.stringify(theme)}`);
    await snap(page, `screen-${name}-${theme}`);
  }
  await page.evaluate(was === undefined ? 'delete document.documentElement.dataset.theme' : `document.documentElement.dataset.theme = ${JSON.stringify(was)}`);
}

// Page code as text or through the element: the tests' type check has no DOM globals.
const focusedName = () =>
  page.evaluate(`(() => {
    const el = document.activeElement;
    return el ? (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\\s+/g, ' ').trim() : '';
  })()`) as Promise<string>;

/** The tooltip drawn for an icon button, and whether it shows now. */
const tooltip = (button: Locator) =>
  button.evaluate((el) => {
    const after = el.ownerDocument.defaultView!.getComputedStyle(el, '::after');
    return { text: after.content, shown: after.visibility === 'visible' };
  });

const blur = () => page.evaluate('document.activeElement?.blur()');

const main = () => page.getByRole('navigation', { name: 'Main' });
const row = (name: string) => page.getByTestId('asset-row').filter({ hasText: name });

test('a skip link comes first and moves focus to the content; the account button closes the top bar', { skip }, async () => {
  await page.getByLabel('Workspace').selectOption({ label: 'Productions' });
  await page.getByRole('button', { name: 'Harbor Lights — Feature' }).click();
  await row('Dailies').dblclick();
  await row('Day 01').dblclick();
  await row('A002_C011_Interview.webm').waitFor();
  const place = new URL(page.url()).hash;

  // A fresh page (the reload keeps the place), so Tab starts from the top.
  await page.reload();
  await row('A002_C011_Interview.webm').waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await focusedName(), 'Skip to content');
  const box = await page.getByRole('link', { name: 'Skip to content' }).boundingBox();
  assert.ok(box && box.y >= 0 && box.y < 100, 'the focused skip link is in sight');
  const stops: string[] = [];
  for (let i = 0; i < 8 && !stops.includes('Projects'); i++) {
    await page.keyboard.press('Tab');
    stops.push(await focusedName());
  }
  const account = stops.findIndex((stop) => stop.endsWith('Rosa Alvarez'));
  assert.ok(account >= 0, `the account button is in the Tab order: ${stops.join(' | ')}`);
  assert.equal(stops[account + 1], 'Projects', `after the account button comes the sidebar: ${stops.join(' | ')}`);

  await page.keyboard.press('Shift+Tab');
  for (let i = 0; i <= account; i++) await page.keyboard.press('Shift+Tab');
  assert.equal(await focusedName(), 'Skip to content');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate('document.activeElement?.id'), 'content');
  assert.equal(new URL(page.url()).hash, place, 'skipping keeps the place in the address');
  assert.equal(await page.locator('h1').textContent(), 'Day 01');
});

test('Projects, a file\'s details and the viewer, in both themes; the viewer\'s icon buttons show their tooltips', { skip, timeout: 120_000 }, async () => {
  await screen('projects');
  await row('A002_C011_Interview.webm').click();
  await page.getByRole('complementary', { name: 'Details' }).getByRole('heading', { name: 'A002_C011_Interview.webm' }).waitFor();
  await page.getByRole('complementary', { name: 'Details' }).getByText('Ready').waitFor();
  await screen('file-details');

  await row('A002_C011_Interview.webm').dblclick();
  const next = page.getByRole('button', { name: 'Next frame' });
  await next.waitFor();
  await page.getByRole('heading', { level: 1, name: 'A002_C011_Interview.webm' }).waitFor();
  assert.deepEqual(await tooltip(next), { text: '"Next frame (→)"', shown: false }, 'hidden until wanted');
  await next.hover();
  assert.deepEqual(await tooltip(next), { text: '"Next frame (→)"', shown: true }, 'shown on hover');

  // Escape hides a tooltip without moving the pointer (WCAG 1.4.13), and does only that: the menu
  // and the viewer behind it stay open; the next Escape is theirs.
  const exportMenu = page.locator('details.menu');
  await page.getByText('Export comments').click();
  await page.getByRole('menuitem', { name: 'CSV' }).waitFor();
  await blur();
  await next.hover();
  await page.keyboard.press('Escape');
  assert.deepEqual(await tooltip(next), { text: '"Next frame (→)"', shown: false }, 'hidden by Escape, the pointer still on it');
  assert.equal(await exportMenu.getAttribute('open'), '', 'the first Escape leaves the menu open');
  await page.keyboard.press('Escape');
  assert.equal(await exportMenu.getAttribute('open'), null, 'the second Escape closes the menu');
  assert.deepEqual(await tooltip(next), { text: '"Next frame (→)"', shown: false }, 'and the tooltip stays hidden while the pointer stays');
  await page.getByRole('heading', { level: 1, name: 'A002_C011_Interview.webm' }).waitFor();
  await page.mouse.move(0, 0);
  await next.hover();
  assert.deepEqual(await tooltip(next), { text: '"Next frame (→)"', shown: true }, 'shown again on the next hover');
  await page.keyboard.press('Escape');
  assert.deepEqual(await tooltip(next), { text: '"Next frame (→)"', shown: false });
  assert.equal(await page.getByRole('heading', { level: 1, name: 'A002_C011_Interview.webm' }).count(), 1, 'Escape on a tooltip does not leave the viewer');
  await page.mouse.move(0, 0);
  await screen('viewer');
  await page.goBack();
  await row('A002_C011_Interview.webm').waitFor();
});

test('Transfers, Watch folders, Shares and Settings in both themes; ↑/↓ show their tooltip on keyboard focus', { skip, timeout: 120_000 }, async () => {
  await page.getByLabel('Files to upload').setInputFiles(join(session.work, 'A007_C002.mov'));
  await main().getByRole('button', { name: 'Transfers' }).click();
  const job = page.getByTestId('transfer-job').filter({ hasText: 'A007_C002.mov' });
  const up = job.getByRole('button', { name: 'Move A007_C002.mov up' });
  await up.waitFor({ timeout: 30_000 });
  await job.getByRole('button', { name: 'Pause now' }).focus();
  await page.keyboard.press('Tab');
  assert.equal(await focusedName(), 'Move A007_C002.mov up');
  assert.deepEqual(await tooltip(up), { text: '"Move up the queue"', shown: true }, 'shown on keyboard focus');
  await snap(page, 'screen-transfers-tooltip');
  await page.keyboard.press('Escape');
  assert.deepEqual(await tooltip(up), { text: '"Move up the queue"', shown: false }, 'Escape hides it, the focus still on the button');
  assert.equal(await focusedName(), 'Move A007_C002.mov up');
  await page.keyboard.press('Tab');
  assert.deepEqual(await tooltip(job.getByRole('button', { name: 'Move A007_C002.mov down' })), { text: '"Move down the queue"', shown: true });
  await page.keyboard.press('Shift+Tab');
  assert.deepEqual(await tooltip(up), { text: '"Move up the queue"', shown: true }, 'focused again, it shows again');
  await page.keyboard.press('Tab');
  await blur();
  await screen('transfers');

  await main().getByRole('button', { name: 'Watch folders' }).click();
  await page.getByLabel('Folder on the agent’s machine').fill(join(session.work, 'renders'));
  await page.getByRole('button', { name: 'Watch this folder' }).click();
  await page.getByTestId('watch').getByText('Watching').waitFor({ timeout: 15_000 });
  await screen('watch-folders');

  await main().getByRole('button', { name: 'Shares' }).click();
  await page.getByRole('heading', { level: 1, name: /^Shares/ }).waitFor();
  await screen('shares');

  await main().getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  await screen('settings');
});
