// Video thumbnails on the first screen: a fresh `slate serve` on its embedded demo sandbox opens on
// the demo's media, and the video row shows Frame.io's thumbnail (a picture that loaded), as do its
// details and a version stack's row. Frame.io's scrub sheet makes those thumbnails scrub: the pointer
// across a row's thumbnail, or ←/→ on the details' one, shows other frames, and leaving shows the still.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { chromiumMissing, launchChromium, snap } from '../support/browser.ts';
import { assertAccessible } from '../support/a11y.ts';
import { NODE, run, type Running } from '../support/processes.ts';

const skip = chromiumMissing();
let browser: Browser;
let dir: string;
let agent: Running;

before(async () => {
  if (skip) return;
  browser = await launchChromium();
  dir = mkdtempSync(join(tmpdir(), 'slate-thumbnails-'));
  agent = run(NODE, ['bin/slate.js', 'serve'], { SLATE_API_URL: '', SLATE_TOKEN: '', SLATE_DATA_DIR: join(dir, 'data') });
});
after(async () => {
  await browser?.close();
  await agent?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openFirstScreen(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(15_000);
  await page.goto(await agent.waitFor('SLATE_URL', 60_000));
  return page;
}

/** The width the picture decoded to: 0 for an image that failed or has not loaded. */
async function loadedWidth(image: Locator): Promise<number> {
  await image.waitFor();
  await image.evaluate((img) => (img as unknown as { decode(): Promise<void> }).decode().catch(() => undefined));
  return image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
}

/** The thumbnail as it looks now, with the pointer at `x` (0 to 1 across it) or away. */
async function looks(page: Page, thumbnail: Locator, x?: number): Promise<Buffer> {
  if (x === undefined) await page.mouse.move(0, 0);
  else {
    const box = (await thumbnail.boundingBox())!;
    await page.mouse.move(box.x + 1, box.y + box.height / 2);
    await page.mouse.move(box.x + box.width * x, box.y + box.height / 2, { steps: 4 });
  }
  // Two pictures in a row that agree: the sheet may still be arriving on the first.
  for (let previous = await thumbnail.screenshot(); ; ) {
    const now = await thumbnail.screenshot();
    if (now.equals(previous)) return now;
    previous = now;
  }
}

// Each test starts on the demo's Day 01, where a fresh agent opens; only the last goes elsewhere,
// as a page opened after it would start where it left (the last place).
test('the first screen\'s demo video row and its details show Frame.io\'s thumbnail', { skip, timeout: 120_000 }, async () => {
  const page = await openFirstScreen();
  const row = page.getByTestId('asset-row').filter({ hasText: 'A002_C011_Interview.webm' });
  const width = await loadedWidth(row.locator('img'));
  assert.ok(width > 0, 'the video row\'s thumbnail loaded');

  await row.click();
  const details = page.getByRole('complementary', { name: 'Details' });
  assert.ok((await loadedWidth(details.getByRole('img', { name: 'Thumbnail of A002_C011_Interview.webm' }))) > 0, 'the details show the thumbnail');
  await assertAccessible(page, 'a video\'s details with its thumbnail');
  await page.close();
});

test('hovering a demo video row\'s thumbnail scrubs through its frames, and the details\' thumbnail scrubs with ←/→', { skip, timeout: 120_000 }, async () => {
  const page = await openFirstScreen();
  const row = page.getByTestId('asset-row').filter({ hasText: 'A002_C011_Interview.webm' });
  const thumbnail = row.locator('.thumb');
  await loadedWidth(row.locator('img'));

  const still = await looks(page, thumbnail);
  const early = await looks(page, thumbnail, 0.1);
  const late = await looks(page, thumbnail, 0.9);
  assert.ok(!early.equals(still), 'the pointer near the start shows a frame, not the still');
  assert.ok(!late.equals(early), 'further along, another frame');
  assert.ok((await looks(page, thumbnail)).equals(still), 'leaving shows the still again');

  await row.click();
  const details = page.getByRole('complementary', { name: 'Details' });
  const frames = details.getByRole('slider', { name: 'Frames of A002_C011_Interview.webm' });
  const picture = details.locator('.details-scrub');
  await loadedWidth(details.getByRole('img', { name: 'Thumbnail of A002_C011_Interview.webm' }));
  const detailsStill = await looks(page, picture);
  await frames.focus();
  assert.equal(await frames.getAttribute('aria-valuetext'), 'Thumbnail');
  await page.keyboard.press('ArrowRight');
  assert.equal(await frames.getAttribute('aria-valuetext'), 'Frame 1 of 20');
  const first = await looks(page, picture);
  assert.ok(!first.equals(detailsStill), '→ shows the first frame');
  await page.keyboard.press('End');
  assert.equal(await frames.getAttribute('aria-valuetext'), 'Frame 20 of 20');
  assert.ok(!(await looks(page, picture)).equals(first), 'End shows the last');
  await snap(page, 'video-scrub-details');
  await assertAccessible(page, 'a video\'s details scrubbed to its last frame');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await frames.getAttribute('aria-valuetext'), 'Thumbnail', '← from the first frame is the still');
  assert.ok((await looks(page, picture)).equals(detailsStill));
  await page.close();
});

test('a scrub sheet that cannot be loaded leaves the still thumbnail', { skip, timeout: 60_000 }, async () => {
  const page = await openFirstScreen();
  // The sandbox serves every sheet it lists; a link gone bad is what Frame.io can meet (expired, offline).
  await page.route(/\.scrub\.webp/, (route) => route.abort());
  const row = page.getByTestId('asset-row').filter({ hasText: 'A002_C011_Interview.webm' });
  const thumbnail = row.locator('.thumb');
  await loadedWidth(row.locator('img'));
  const still = await looks(page, thumbnail);
  assert.ok((await looks(page, thumbnail, 0.5)).equals(still), 'the still stays under the pointer');
  await page.close();
});

test('a version stack\'s row shows its head version\'s thumbnail', { skip, timeout: 60_000 }, async () => {
  const page = await openFirstScreen();
  await page.getByTestId('asset-row').filter({ hasText: 'A002_C011_Interview.webm' }).waitFor();
  await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByText('Harbor Lights — Feature').click();
  await page.getByTestId('asset-row').filter({ hasText: 'Editorial' }).dblclick();
  await page.getByTestId('asset-row').filter({ hasText: 'Cuts' }).dblclick();
  const stack = page.getByTestId('asset-row').filter({ hasText: 'Harbor_Assembly_v2.webm' });
  assert.ok((await loadedWidth(stack.locator('img'))) > 0, 'the version stack\'s thumbnail loaded');
  await page.close();
});
