// The first minute: `npm start` on a fresh data folder (the web agent, where Electron cannot open)
// shows the demo's media without a click, says how to reach Frame.io, and a demo clip plays.
// A reload keeps the place.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing, launchChromium, snap } from '../support/browser.ts';
import { assertAccessible } from '../support/a11y.ts';
import { NODE, run } from '../support/processes.ts';

const skip = chromiumMissing();
let browser: Browser;
let dir: string;

before(async () => {
  if (skip) return;
  browser = await launchChromium();
  dir = mkdtempSync(join(tmpdir(), 'slate-first-run-'));
});
after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Polls from here: the page's CSP refuses the string predicates waitForFunction would need. */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (const end = Date.now() + 10_000; !(await check()); await delay(50)) assert.ok(Date.now() < end, what);
}

const rowNames = (page: Page) => page.getByTestId('asset-row').locator('.name').allTextContents();

test('`npm start` on a fresh data folder opens on the demo media, says how to sign in, and a clip plays', { skip, timeout: 120_000 }, async () => {
  // No DISPLAY, so the web-agent fallback is taken even where Electron exists.
  const app = run(NODE, ['scripts/start.ts'], { DISPLAY: '', WAYLAND_DISPLAY: '', SLATE_API_URL: '', SLATE_TOKEN: '', SLATE_DATA_DIR: join(dir, 'data') });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(15_000);
    await page.goto(await app.waitFor('SLATE_URL', 90_000));

    // Without a click: the demo's folder of media, with its place in the breadcrumbs and the address.
    await page.getByTestId('asset-row').filter({ hasText: 'A002_C011_Interview.webm' }).waitFor();
    assert.deepEqual((await rowNames(page)).sort(), ['A001_C003_Slate.png', 'A002_C011_Interview.webm', 'SR001_T03_RoomTone.wav']);
    const crumbs = await page.getByRole('navigation', { name: 'Breadcrumbs' }).locator('li').allTextContents();
    assert.deepEqual(crumbs, ['Harbor Lights — Feature', 'Dailies', 'Day 01']);
    assert.match(new URL(page.url()).hash, /^#\/projects\/[^/]+\/[^/]+\/[^/]+\/[^/]+\/[^/]+$/);
    await page.getByTestId('demo-note').getByText('npx slate login').waitFor();
    await snap(page, 'first-run');
    await assertAccessible(page, 'first run: the demo media');

    // The clip plays in this browser: time advances.
    await page.getByTestId('asset-row').filter({ hasText: 'A002_C011_Interview.webm' }).dblclick();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    const videoTime = () => page.locator('video').evaluate((video) => (video as unknown as { currentTime: number }).currentTime);
    await until(async () => (await videoTime()) > 0.3, 'the demo clip plays');
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    assert.match(new URL(page.url()).hash, /\/view:[^/]+$/, 'the address names the open file');

    // A reload opens the same file again.
    await page.reload();
    await page.getByTestId('frame-count').filter({ hasText: 'of 120' }).waitFor();
    await page.close();
  } finally {
    await app.stop();
  }
});
