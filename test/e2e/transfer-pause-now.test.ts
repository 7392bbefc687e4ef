// "Pause now" beside Pause on a running job: with every part stuck on its way (the sandbox reads
// nothing and answers nothing), a plain Pause would wait for those parts; Pause now stops them and
// the job says Paused. Each control says which it is.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { chromiumMissing, snap } from '../support/browser.ts';
import { assertAccessible } from '../support/a11y.ts';
import { openAgentSession, type AgentSession } from '../support/agent-session.ts';

const skip = chromiumMissing();
const PART = 5 * 1024 * 1024;
let session: AgentSession;
let page: Page;

before(async () => {
  if (skip) return;
  session = await openAgentSession({}, { partSize: PART, faults: 'part:stall@1' });
  page = session.page;
  writeFileSync(join(session.work, 'A004_C007.mov'), Buffer.alloc(3 * PART, 9));
});
after(() => session?.close());

test('Pause now pauses a job whose parts are stuck on their way, and says what it does', { skip, timeout: 120_000 }, async () => {
  await page.locator('.project-list button').first().click();
  await page.getByRole('navigation', { name: 'Breadcrumbs' }).waitFor();
  await page.getByLabel('Files to upload').setInputFiles(join(session.work, 'A004_C007.mov'));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Transfers' }).click();
  const job = page.getByTestId('transfer-job').filter({ hasText: 'A004_C007.mov' });
  await job.locator('.job-state', { hasText: 'Uploading' }).waitFor({ timeout: 30_000 });

  const pause = job.getByRole('button', { name: 'Pause', exact: true });
  const pauseNow = job.getByRole('button', { name: 'Pause now', exact: true });
  assert.match((await pause.getAttribute('title')) ?? '', /once the parts on their way have arrived: nothing sent is lost/);
  assert.match((await pauseNow.getAttribute('title')) ?? '', /at once: the parts on their way stop, and are sent again from their start on resume/);

  await job.locator('.job-label').click();
  await job.getByTestId('transfer-file').first().waitFor();
  await snap(page, 'transfer-running-open');
  await assertAccessible(page, 'transfers, a running job open');

  await pauseNow.click();
  await job.locator('.job-state', { hasText: /^Paused$/ }).waitFor({ timeout: 30_000 });
  await job.getByRole('button', { name: 'Resume' }).waitFor();
  assert.equal(await pauseNow.count(), 0, 'a paused job offers Resume, not another pause');
  assert.equal(await page.locator('.problem').count(), 0, 'the pause was accepted');
});
