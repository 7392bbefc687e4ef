// Video thumbnails on the first screen: a fresh `slate serve` on its embedded demo sandbox opens on
// the demo's media, and the video row shows Frame.io's thumbnail (a picture that loaded), as do its
// details and a version stack's row.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Locator } from 'playwright-core';
import { chromiumMissing, launchChromium } from '../support/browser.ts';
import { assertAccessible } from '../support/a11y.ts';
import { NODE, run } from '../support/processes.ts';

const skip = chromiumMissing();
let browser: Browser;
let dir: string;

before(async () => {
  if (skip) return;
  browser = await launchChromium();
  dir = mkdtempSync(join(tmpdir(), 'slate-thumbnails-'));
});
after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The width the picture decoded to: 0 for an image that failed or has not loaded. */
async function loadedWidth(image: Locator): Promise<number> {
  await image.waitFor();
  await image.evaluate((img) => (img as unknown as { decode(): Promise<void> }).decode().catch(() => undefined));
  return image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
}

test('the first screen\'s demo video row, its details and a version stack show Frame.io\'s thumbnail', { skip, timeout: 120_000 }, async () => {
  const agent = run(NODE, ['bin/slate.js', 'serve'], { SLATE_API_URL: '', SLATE_TOKEN: '', SLATE_DATA_DIR: join(dir, 'data') });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(15_000);
    await page.goto(await agent.waitFor('SLATE_URL', 60_000));

    const row = page.getByTestId('asset-row').filter({ hasText: 'A002_C011_Interview.webm' });
    const width = await loadedWidth(row.locator('img'));
    assert.ok(width > 0, 'the video row\'s thumbnail loaded');

    await row.click();
    const details = page.getByRole('complementary', { name: 'Details' });
    assert.ok((await loadedWidth(details.getByRole('img', { name: 'Thumbnail of A002_C011_Interview.webm' }))) > 0, 'the details show the thumbnail');
    await assertAccessible(page, 'a video\'s details with its thumbnail');

    // A version stack shows its head version's thumbnail.
    await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByText('Harbor Lights — Feature').click();
    await page.getByTestId('asset-row').filter({ hasText: 'Editorial' }).dblclick();
    await page.getByTestId('asset-row').filter({ hasText: 'Cuts' }).dblclick();
    const stack = page.getByTestId('asset-row').filter({ hasText: 'Harbor_Assembly_v2.webm' });
    assert.ok((await loadedWidth(stack.locator('img'))) > 0, 'the version stack\'s thumbnail loaded');
    await page.close();
  } finally {
    await agent.stop();
  }
});
