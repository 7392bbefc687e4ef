// A PDF from a media host that sends no CORS headers (a CDN with no CORS rule for the agent's
// origin): pdf.js's own fetch is refused, and the viewer reads the PDF through the service
// (`file:original`) instead, so the call sheet still shows. Where the host does send them, the
// page fetches the PDF itself and never asks the service.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { openAgentSession } from '../support/agent-session.ts';
import { chromiumMissing, snap } from '../support/browser.ts';
import { assertAccessible } from '../support/a11y.ts';
import { inked, openCallSheet, rendered } from '../support/call-sheet.ts';

const skip = chromiumMissing();

/** Opens the demo's call sheet in the viewer, noting every request the page sends the agent. */
async function openNoting(page: Page): Promise<string[]> {
  const channels: string[] = [];
  page.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => {
      const frame = JSON.parse(String(payload)) as { channel?: string };
      if (frame.channel) channels.push(frame.channel);
    }),
  );
  await page.reload();
  await openCallSheet(page);
  await rendered(page, 1);
  return channels;
}

test('with no CORS on the media host, the call sheet is read through the service and page 1 shows', { skip, timeout: 90_000 }, async () => {
  const session = await openAgentSession({}, { mediaCors: false });
  try {
    const { page, sandbox } = session;
    page.setDefaultTimeout(15_000);
    const channels = await openNoting(page);
    const ink = await inked(page);
    assert.ok(ink > 500, `page 1 has text on it (${ink} dark pixels)`);
    assert.ok(channels.includes('file:original'), `the page asked the service for the bytes (sent: ${channels.join(', ')})`);
    const fetched = sandbox.exchanges.filter((e) => e.method === 'GET' && e.url.startsWith('/objects/download/'));
    assert.ok(fetched.length > 0 && fetched.every((e) => !('access-control-allow-origin' in e.responseHeaders)), 'the media host sent no CORS headers');
    assert.equal(await page.getByRole('alert').count(), 0, 'no failure is shown');
    await snap(page, 'review-pdf-no-cors');
    await assertAccessible(page, 'review-pdf-no-cors');
  } finally {
    await session.close();
  }
});

test('with CORS on the media host, the page fetches the PDF itself and never asks the service', { skip, timeout: 90_000 }, async () => {
  const session = await openAgentSession();
  try {
    const { page } = session;
    page.setDefaultTimeout(15_000);
    const channels = await openNoting(page);
    assert.ok((await inked(page)) > 500, 'page 1 has text on it');
    assert.ok(channels.includes('file:show'), `the page's requests were seen (sent: ${channels.join(', ')})`);
    assert.ok(!channels.includes('file:original'), 'no file:original request');
  } finally {
    await session.close();
  }
});
