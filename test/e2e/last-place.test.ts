// The first screen opens where the person last was, also when the web agent comes back on another
// port: the page's own storage belongs to the old origin, so the service keeps the place, in the
// data folder beside the settings.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing, launchChromium } from '../support/browser.ts';
import { assertAccessible } from '../support/a11y.ts';
import { NODE, run, type Running } from '../support/processes.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

const skip = chromiumMissing();
let browser: Browser;
let sandbox: CheckedSandbox;
let work: string;

before(async () => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'slate-last-place-'));
  browser = await launchChromium();
  sandbox = await startCheckedSandbox({ seed: 'demo' });
});
after(async () => {
  await browser?.close();
  await sandbox?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** `slate serve` on a port of its own against the sandbox, always with the same data folder. */
const serve = (): Running => run(NODE, ['bin/slate.js', 'serve'], { SLATE_API_URL: sandbox.url, SLATE_TOKEN: sandbox.token, SLATE_DATA_DIR: join(work, 'data') });

async function openPage(agent: Running): Promise<{ page: Page; origin: string }> {
  const url = await agent.waitFor('SLATE_URL');
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(url);
  return { page, origin: new URL(url).origin };
}

const crumbs = (page: Page) => page.getByRole('navigation', { name: 'Breadcrumbs' }).locator('li').allTextContents();
const row = (page: Page, name: string) => page.getByTestId('asset-row').filter({ hasText: name });

test('an agent started again on another port opens the place the last page left', { skip, timeout: 120_000 }, async () => {
  const first = serve();
  let firstOrigin: string;
  try {
    const { page, origin } = await openPage(first);
    firstOrigin = origin;
    await page.getByLabel('Workspace').selectOption({ label: 'Productions' });
    await page.getByRole('button', { name: 'Harbor Lights — Feature' }).click();
    await row(page, 'Dailies').dblclick();
    await row(page, 'Day 01').dblclick();
    await row(page, 'A002_C011_Interview.webm').waitFor();
    assert.deepEqual(await crumbs(page), ['Harbor Lights — Feature', 'Dailies', 'Day 01']);
    await page.context().close();
  } finally {
    await first.stop();
  }

  const second = serve();
  try {
    const { page, origin } = await openPage(second);
    assert.notEqual(origin, firstOrigin, 'the agent came back on another port');
    await row(page, 'A002_C011_Interview.webm').waitFor();
    assert.deepEqual(await crumbs(page), ['Harbor Lights — Feature', 'Dailies', 'Day 01'], 'opened where the last page was, without a click');
    assert.equal(await page.getByLabel('Workspace').locator('option:checked').textContent(), 'Productions');
    await assertAccessible(page, 'the last place, reopened');
  } finally {
    await second.stop();
  }
});
