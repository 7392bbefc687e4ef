// A PDF from a media host that sends no CORS headers (a CDN with no CORS rule for the agent's
// origin): pdf.js's own fetch is refused, and the viewer reads the PDF through the service
// (`file:original`) instead, so the call sheet still shows. Where the host does send them, the
// page fetches the PDF itself and never asks the service.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { openAgentSession } from '../support/agent-session.ts';
import { chromiumMissing, snap } from '../support/browser.ts';

const skip = chromiumMissing();

/** Opens the demo's call sheet in the viewer, noting every request the page sends the agent. */
async function openCallSheet(page: Page): Promise<string[]> {
  const channels: string[] = [];
  page.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => {
      const frame = JSON.parse(String(payload)) as { channel?: string };
      if (frame.channel) channels.push(frame.channel);
    }),
  );
  await page.reload();
  await page.getByLabel('Workspace').selectOption({ label: 'Productions' });
  await page.getByRole('button', { name: 'Harbor Lights — Feature' }).click();
  await page.getByTestId('asset-row').filter({ hasText: 'Documents' }).dblclick();
  await page.getByTestId('asset-row').filter({ hasText: 'Harbor_Call_Sheet.pdf' }).dblclick();
  await page.getByRole('heading', { name: 'Harbor_Call_Sheet.pdf' }).waitFor();
  await page.getByTestId('page-count').filter({ hasText: 'of 3' }).waitFor();
  await page.locator('[data-testid="pdf-page"][data-rendered-page="1"]').waitFor();
  return channels;
}

/** Dark pixels on the page's canvas: text and lines, where a blank sheet has none. */
const inked = (page: Page) =>
  page.getByTestId('pdf-page').evaluate((canvas) => {
    const element = canvas as unknown as { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
    const { data } = element.getContext('2d').getImageData(0, 0, element.width, element.height);
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 128 && data[i + 1]! < 128 && data[i + 2]! < 128 && data[i + 3]! > 0) dark++;
    return dark;
  });

test('with no CORS on the media host, the call sheet is read through the service and page 1 shows', { skip, timeout: 90_000 }, async () => {
  const session = await openAgentSession({}, { mediaCors: false });
  try {
    const { page, sandbox } = session;
    page.setDefaultTimeout(15_000);
    const channels = await openCallSheet(page);
    const ink = await inked(page);
    assert.ok(ink > 500, `page 1 has text on it (${ink} dark pixels)`);
    assert.ok(channels.includes('file:original'), `the page asked the service for the bytes (sent: ${channels.join(', ')})`);
    const fetched = sandbox.exchanges.filter((e) => e.method === 'GET' && e.url.startsWith('/objects/download/'));
    assert.ok(fetched.length > 0 && fetched.every((e) => !('access-control-allow-origin' in e.responseHeaders)), 'the media host sent no CORS headers');
    assert.equal(await page.getByRole('alert').count(), 0, 'no failure is shown');
    await snap(page, 'review-pdf-no-cors');
  } finally {
    await session.close();
  }
});

test('with CORS on the media host, the page fetches the PDF itself and never asks the service', { skip, timeout: 90_000 }, async () => {
  const session = await openAgentSession();
  try {
    const { page } = session;
    page.setDefaultTimeout(15_000);
    const channels = await openCallSheet(page);
    assert.ok((await inked(page)) > 500, 'page 1 has text on it');
    assert.ok(channels.includes('file:show'), `the page's requests were seen (sent: ${channels.join(', ')})`);
    assert.ok(!channels.includes('file:original'), 'no file:original request');
  } finally {
    await session.close();
  }
});
