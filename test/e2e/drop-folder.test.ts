// A real drag and drop of a folder from the desktop onto the folder view, as Chromium delivers it
// (through the DevTools protocol's native drag events): the files upload with their structure.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { chromiumMissing, snap } from '../support/browser.ts';
import { assertAccessible } from '../support/a11y.ts';
import { openAgentSession, type AgentSession } from '../support/agent-session.ts';

const skip = chromiumMissing();
let session: AgentSession;
let page: Page;
let work: string;

before(async () => {
  if (skip) return;
  session = await openAgentSession({ viewport: { width: 1280, height: 800 } });
  ({ page, work } = session);
});
after(() => session?.close());

test('a folder dropped on the folder view uploads with its sub-folders', { skip }, async () => {
  const offload = join(work, 'Card A001');
  mkdirSync(join(offload, 'CLIPS'), { recursive: true });
  writeFileSync(join(offload, 'CLIPS', 'A001C003.mov'), Buffer.alloc(70_000, 5));
  writeFileSync(join(offload, 'CLIPS', 'A001C004.mov'), Buffer.alloc(90_000, 6));
  writeFileSync(join(offload, 'report.txt'), 'offloaded and verified');

  await page.locator('.project-list button').first().click();
  const zone = page.getByTestId('drop-zone');
  await zone.waitFor();
  const box = (await zone.boundingBox())!;
  const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: [offload], dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, ...at, data });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Transfers' }).click();
  const job = page.getByTestId('transfer-job').filter({ hasText: 'Card A001' });
  await job.getByText('Done').waitFor({ timeout: 30_000 });
  assert.match((await job.textContent()) ?? '', /3 of 3 files/);
  await snap(page, 'drop-folder-done');
  await assertAccessible(page, 'drop-folder-done');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Projects' }).click();
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.getByTestId('asset-row').filter({ hasText: 'Card A001' }).dblclick();
  await page.getByTestId('asset-row').filter({ hasText: 'CLIPS' }).dblclick();
  await page.getByTestId('asset-row').filter({ hasText: 'A001C004.mov' }).waitFor();
});
