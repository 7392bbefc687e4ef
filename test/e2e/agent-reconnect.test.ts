// The web agent going away and coming back: the page says "Slate agent not reachable" (to screen
// readers too), a request made meanwhile fails with that rather than hanging, and once the agent
// answers again the page reconnects by itself and re-reads its lists.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { rendererDir } from '../../main/cli/commands/serve.ts';
import { openBackend, type Backend } from '../../main/backend.ts';
import { startWebAgent, type WebAgent } from '../../main/web/server.ts';
import { chromiumMissing, launchChromium, snap } from '../support/browser.ts';
import { assertAccessible } from '../support/a11y.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

const skip = chromiumMissing();
const SECRET = 'reconnect-test-secret-of-enough-length';
let browser: Browser;
let sandbox: CheckedSandbox;
let backend: Backend;
let agent: WebAgent;
let page: Page;
let work: string;

/** The agent's server on a given port (0: any), over the same service: what a restart of `slate serve` looks like to the page. */
const serve = (port = 0) => startWebAgent({ service: backend.service, engine: backend.engine, rendererDir, stagingDir: join(work, 'staging'), secret: SECRET, port });

before(async () => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'slate-e2e-'));
  browser = await launchChromium();
  sandbox = await startCheckedSandbox({ seed: 'demo' });
  backend = await openBackend({ apiUrl: sandbox.url, token: sandbox.token, dataDir: join(work, 'data') }, 'web');
  agent = await serve();
  page = await browser.newPage();
  await page.goto(agent.url);
  await page.getByTestId('user-name').getByText('Rosa Alvarez').waitFor({ timeout: 15_000 });
});
after(async () => {
  await browser?.close();
  await agent?.close();
  await backend?.close();
  await sandbox?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the page says the agent is unreachable while it is gone, and re-reads its lists when it is back', { skip }, async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Transfers' }).click();
  await page.getByText('Nothing has been uploaded yet.').waitFor();
  const port = Number(new URL(agent.origin).port);

  await agent.close();
  const banner = page.locator('.agent-banner[role=alert]').filter({ hasText: 'Slate agent not reachable' });
  await banner.waitFor({ timeout: 15_000 });
  await snap(page, 'agent-unreachable');
  await assertAccessible(page, 'agent-unreachable');

  // A request meanwhile fails at once with what happened and what to do.
  await page.getByRole('button', { name: 'Pause all' }).click();
  await page.locator('.problem').getByText('Slate agent not reachable.').waitFor({ timeout: 15_000 });

  // Work the page cannot hear about: an upload the service starts while the page is cut off.
  const clip = join(work, 'B001_C004.mov');
  writeFileSync(clip, Buffer.alloc(50_000, 4));
  backend.service.choosePaths([clip]);
  await backend.service.handlers['transfers:upload']({ accountId: sandbox.accountId, folderId: sandbox.rootFolderId, paths: [clip] });

  agent = await serve(port);
  await banner.waitFor({ state: 'detached', timeout: 30_000 });
  const job = page.getByTestId('transfer-job').filter({ hasText: 'B001_C004.mov' });
  await job.waitFor({ timeout: 15_000 });
  await job.getByText('Done').waitFor({ timeout: 30_000 });
  assert.equal(await page.getByText('Nothing has been uploaded yet.').count(), 0);
});
