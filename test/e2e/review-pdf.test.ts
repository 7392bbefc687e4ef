// A producer's pass over a PDF call sheet in a real browser against `slate serve` on the demo
// seed: pdf.js renders its pages under the app's Content-Security-Policy, the page controls and
// keys turn them, the seeded note on page 2 takes the reader there with its drawing, a new note
// with a rectangle lands on page 2, and the CSV export carries the page.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { chromiumMissing, snap } from '../support/browser.ts';
import { assertAccessible } from '../support/a11y.ts';
import { inked, openCallSheet, rendered } from '../support/call-sheet.ts';
import { openAgentSession, type AgentSession } from '../support/agent-session.ts';
import type { CheckedSandbox } from '../support/sandbox.ts';

const skip = chromiumMissing();
let session: AgentSession;
let page: Page;
let sandbox: CheckedSandbox;
/** what the page logged as an error: a CSP refusal of pdf.js's worker or fetch would show here */
const errors: string[] = [];

before(async () => {
  if (skip) return;
  session = await openAgentSession({ acceptDownloads: true });
  ({ page, sandbox } = session);
  page.setDefaultTimeout(15_000);
  page.on('console', (message) => {
    if (message.type() === 'error' || /fake worker|Content.Security.Policy/i.test(message.text())) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
});
after(() => session?.close());

const sent = (operation: RegExp, method: string) => sandbox.exchanges.filter((e) => e.method === method && operation.test(e.url) && e.status < 300);

test('read a PDF call sheet page by page, find the note on page 2, add one with a rectangle there, and export CSV with pages', { skip, timeout: 90_000 }, async () => {
  await openCallSheet(page);

  // Page 1 is drawn, with ink on it, and the count is shown.
  await rendered(page, 1);
  const firstInk = await inked(page);
  assert.ok(firstInk > 500, `page 1 has text on it (${firstInk} dark pixels)`);
  assert.equal(await page.getByLabel('Page number').inputValue(), '1');
  assert.equal(await page.getByRole('button', { name: 'Previous page' }).isDisabled(), true);

  // The seeded note is listed on its page; a PDF has no timeline, so there is no transport.
  const seeded = page.getByTestId('comment').filter({ hasText: 'Swap 12B and 12C' });
  await seeded.getByText('p. 2', { exact: true }).waitFor();
  assert.equal(await page.getByTestId('timecode').count(), 0);

  // Next page, then the keys: ← back, → on, End to the last, Home to the first.
  await page.getByRole('button', { name: 'Next page' }).click();
  await rendered(page, 2);
  assert.notEqual(await inked(page), firstInk, 'page 2 is another picture');
  await page.getByRole('heading', { name: 'Comments' }).click();
  await page.keyboard.press('ArrowLeft');
  await rendered(page, 1);
  await page.keyboard.press('End');
  await rendered(page, 3);
  assert.equal(await page.getByRole('button', { name: 'Next page' }).isDisabled(), true);
  await page.keyboard.press('Home');
  await rendered(page, 1);

  // A page number typed in; then the seeded note takes the reader to page 2 and shows its drawing
  // there, and only there.
  await page.getByLabel('Page number').fill('3');
  await page.getByLabel('Page number').press('Enter');
  await rendered(page, 3);
  await seeded.getByRole('button').first().click();
  await rendered(page, 2);
  assert.equal(await page.getByLabel('Page number').inputValue(), '2');
  const layer = page.getByTestId('drawing-layer');
  await layer.locator('[data-shape="rect"]').waitFor();
  await page.getByRole('heading', { name: 'Comments' }).click();
  await page.keyboard.press('ArrowRight');
  await rendered(page, 3);
  assert.equal(await layer.locator('[data-shape]').count(), 0, "a drawing shows on its own page only");
  await page.keyboard.press('ArrowLeft');
  await rendered(page, 2);

  // A new note on page 2 with a rectangle drawn over the storyboard's first frame.
  await page.getByRole('textbox', { name: 'Comment', exact: true }).fill('12A needs the harbor lights on');
  await page.getByRole('button', { name: 'Rectangle' }).click();
  const box = (await layer.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.15);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.45, { steps: 5 });
  await page.mouse.up();
  await page.getByRole('button', { name: 'Comment on p. 2 with a drawing' }).click();
  const mine = page.getByTestId('comment').filter({ hasText: '12A needs the harbor lights on' });
  await mine.getByText('p. 2', { exact: true }).waitFor();

  const body = sent(/\/files\/[^/]+\/comments$/, 'POST').at(-1)?.requestBody as { data: { page?: number; timestamp?: number; annotation: string } };
  assert.equal(body.data.page, 2);
  assert.equal(body.data.timestamp, undefined, 'a document takes no timestamp');
  const [rect] = JSON.parse(body.data.annotation) as Array<Record<string, number | string>>;
  assert.equal(rect!.tool, 'rect');
  for (const [key, value] of Object.entries({ x: 0.1, y: 0.15, w: 0.4, h: 0.3 })) assert.ok(Math.abs((rect![key] as number) - value) < 0.02, `${key} is about ${value}`);
  await layer.locator('[data-shape="rect"]').waitFor();
  await snap(page, 'review-pdf');
  await assertAccessible(page, 'review-pdf');

  // Export: the timeline formats are offered but say why they cannot be; CSV has the page column.
  await page.getByText('Export comments').click();
  assert.equal(await page.getByRole('menuitem', { name: 'EDL markers (Resolve)' }).isDisabled(), true);
  await page.getByRole('note').filter({ hasText: "a PDF's comments sit on pages" }).waitFor();
  await snap(page, 'review-pdf-export-menu');
  await assertAccessible(page, 'review-pdf-export-menu');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'CSV' }).click()]);
  assert.equal(download.suggestedFilename(), 'Harbor_Call_Sheet comments.csv');
  const rows = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(rows[0], '#,Timecode In,Timecode Out,Page,Author,Comment,Status,Created');
  assert.match(rows[1]!, /^1,,,2,Rosa Alvarez,Swap 12B and 12C: the lighthouse should go dark before we see Mara\.,Open,/);
  assert.match(rows[2]!, /^2,,,2,Rosa Alvarez,12A needs the harbor lights on,Open,/);
  assert.equal(rows.length, 3);

  assert.deepEqual(errors, [], 'nothing refused by the CSP, no fallback to a worker on the page');
});

test('a file named .pdf that is not one says it cannot be read, and what to do, while its comments still work', { skip, timeout: 60_000 }, async () => {
  await page.getByRole('button', { name: '← Back to files' }).click();
  await page.getByLabel('Files to upload').setInputFiles({ name: 'Broken_Script.pdf', mimeType: 'application/pdf', buffer: Buffer.from('This is a text file, not a PDF.\n') });
  const main = page.getByRole('navigation', { name: 'Main' });
  await main.getByRole('button', { name: 'Transfers' }).click();
  await page.getByTestId('transfer-job').first().getByText('Done').waitFor({ timeout: 30_000 });
  await main.getByRole('button', { name: 'Projects' }).click();
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.getByTestId('asset-row').filter({ hasText: 'Broken_Script.pdf' }).dblclick();
  await page.getByRole('heading', { name: 'Broken_Script.pdf' }).waitFor();

  await page.getByRole('alert').filter({ hasText: 'This file cannot be read as a PDF: it may be damaged, or not a PDF at all.' }).waitFor();
  assert.match((await page.getByRole('alert').textContent())!, /upload a good copy as a new version/);
  assert.equal(await page.getByRole('button', { name: 'Next page' }).isDisabled(), true, 'no pages to turn to');
  await snap(page, 'review-pdf-unreadable');
  await assertAccessible(page, 'review-pdf-unreadable');
  await page.getByRole('textbox', { name: 'Comment', exact: true }).fill('Please re-export this script');
  await page.getByRole('button', { name: 'Comment on p. 1' }).click();
  await page.getByTestId('comment').filter({ hasText: 'Please re-export this script' }).getByText('p. 1', { exact: true }).waitFor();
});
