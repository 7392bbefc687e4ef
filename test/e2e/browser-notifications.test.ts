// Browser notifications in the web agent: Settings asks the browser only when the person presses
// the button, says when the browser blocks them, and once allowed the page shows one notification
// per finished job and per new comment on a followed file while the window is in the background
// (none while it is in front); clicking one opens the job or the file.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CDPSession, Page } from 'playwright-core';
import { chromiumMissing, snap } from '../support/browser.ts';
import { assertAccessible } from '../support/a11y.ts';
import { openAgentSession, type AgentSession } from '../support/agent-session.ts';
import type { CheckedSandbox } from '../support/sandbox.ts';

const skip = chromiumMissing();
let session: AgentSession;
let page: Page;
let sandbox: CheckedSandbox;
let cdp: CDPSession;

/** Counts every Notification the page builds, with its title and body, and every permission request. */
const COUNT_NOTIFICATIONS = `
  window.__notices = [];
  window.__asks = 0;
  const Real = window.Notification;
  class Counted extends Real {
    constructor(title, options) {
      super(title, options);
      window.__notices.push({ title, body: (options && options.body) || '', shown: this });
    }
  }
  Counted.requestPermission = (...args) => { window.__asks++; return Real.requestPermission(...args); };
  window.Notification = Counted;
`;

const notices = () => page.evaluate('window.__notices.map(({ title, body }) => ({ title, body }))') as Promise<Array<{ title: string; body: string }>>;

/** The app's CSP forbids the page evaluating strings itself (waitForFunction), so the test asks it over the protocol. */
async function waitForNotices(count: number): Promise<void> {
  for (let tries = 0; ((await page.evaluate('window.__notices.length')) as number) < count; tries++) {
    if (tries === 150) throw new Error(`${count} notifications were expected; the page built: ${JSON.stringify(await notices())}`);
    await page.waitForTimeout(200);
  }
}
const clickNotice = (index: number) => page.evaluate(`window.__notices[${index}].shown.dispatchEvent(new Event('click'))`);

/** Minimizing takes focus from the page, as switching to another window does. */
async function windowState(state: 'minimized' | 'normal'): Promise<void> {
  const { windowId } = (await cdp.send('Browser.getWindowForTarget')) as { windowId: number };
  await cdp.send('Browser.setWindowBounds', { windowId, bounds: { windowState: state } });
}

before(async () => {
  if (skip) return;
  session = await openAgentSession({ viewport: { width: 1440, height: 900 } });
  ({ page, sandbox } = session);
  page.setDefaultTimeout(20_000);
  await page.addInitScript(COUNT_NOTIFICATIONS);
  await page.reload();
  cdp = await page.context().newCDPSession(page);
  // Playwright keeps every page "focused" by default; the window's own focus is what this test is about.
  await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
});
after(() => session?.close());

const main = () => page.getByRole('navigation', { name: 'Main' });

test('Settings asks for the permission only when pressed, says when it is blocked, and sees it allowed', { skip, timeout: 90_000 }, async () => {
  await main().getByRole('button', { name: 'Settings' }).click();
  const allow = page.getByRole('button', { name: 'Allow browser notifications' });
  await allow.waitFor();
  assert.equal(await page.evaluate('window.__asks'), 0, 'nothing asked the browser on load');
  await assertAccessible(page, 'settings, notifications not asked');

  // Not granted by the context: the headless browser refuses, as a person's "Block" does.
  await allow.click();
  await page.getByText('Your browser blocks notifications from this page.', { exact: false }).waitFor();
  assert.equal(await page.evaluate('window.__asks'), 1);
  assert.equal(await allow.count(), 0);
  await snap(page, 'settings-notifications-blocked');
  await assertAccessible(page, 'settings, notifications blocked');

  // Allowed in the browser's site settings: the page follows without a reload.
  await page.context().grantPermissions(['notifications'], { origin: new URL(page.url()).origin });
  await page.getByText('Browser notifications are allowed: Slate shows one when a job finishes or fails', { exact: false }).waitFor();
  await assertAccessible(page, 'settings, notifications allowed');
  await page.getByLabel('Check followed files for new comments every (seconds)').fill('5');
});

test('a job that ends while the window is in front notifies nothing; one that ends in the background notifies once and opens the job', { skip, timeout: 120_000 }, async () => {
  await main().getByRole('button', { name: 'Projects' }).click();
  await page.locator('.project-list button').first().click();
  await page.getByLabel('Files to upload').setInputFiles({ name: 'in_front.txt', mimeType: 'text/plain', buffer: Buffer.from('seen on screen') });
  await main().getByRole('button', { name: 'Transfers' }).click();
  await page.getByTestId('transfer-job').filter({ hasText: 'Done' }).first().waitFor({ timeout: 30_000 });
  assert.deepEqual(await notices(), [], 'the person was looking');

  await main().getByRole('button', { name: 'Projects' }).click();
  await windowState('minimized');
  assert.equal(await page.evaluate('document.hasFocus()'), false);
  await page.getByLabel('Files to upload').setInputFiles([
    { name: 'behind_1.txt', mimeType: 'text/plain', buffer: Buffer.from('one') },
    { name: 'behind_2.txt', mimeType: 'text/plain', buffer: Buffer.from('two') },
  ]);
  await waitForNotices(1);
  const [finished] = await notices();
  assert.equal(finished?.title, 'Upload finished');
  assert.match(finished?.body ?? '', /: 2 of 2 files\.$/);

  await windowState('normal');
  await clickNotice(0);
  await page.getByRole('heading', { name: 'Transfers', level: 1 }).waitFor();
  const opened = page.locator('[data-testid="transfer-job"] .job-label[aria-expanded="true"]');
  await opened.waitFor();
  assert.equal(await page.getByTestId('transfer-job').locator('.job-label[aria-expanded="true"]').count(), 1, 'only the notified job is opened');
  await page.getByTestId('transfer-job').getByText('behind_2.txt').waitFor();
  assert.equal((await notices()).length, 1, 'one notification for the job, not one per file');
});

test('a new comment on a followed file notifies while in the background, and the click opens the file', { skip, timeout: 120_000 }, async () => {
  await main().getByRole('button', { name: 'Projects' }).click();
  await page.getByRole('button', { name: 'Refresh' }).click();
  const row = page.getByTestId('asset-row').filter({ hasText: 'behind_1.txt' });
  await row.click();
  await page.getByRole('button', { name: 'Open viewer' }).click();
  await page.getByRole('button', { name: 'Follow comments' }).click();
  await page.getByRole('button', { name: 'Following' }).waitFor();
  await page.getByRole('button', { name: '← Back to files' }).click();

  await windowState('minimized');
  const upload = sandbox.exchanges.findLast((e) => e.url.endsWith('/files/local_upload') && e.status === 201 && JSON.stringify(e.requestBody).includes('behind_1.txt'));
  const fileId = (upload?.responseBody as { data: { id: string } } | undefined)?.data.id;
  assert.ok(fileId, 'the upload reached the sandbox');
  const response = await fetch(`${sandbox.url}/v4/accounts/${sandbox.accountId}/files/${fileId}/comments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ data: { text: 'Warmer on the second shot?' } }),
  });
  assert.equal(response.status, 201);

  await waitForNotices(2);
  assert.deepEqual((await notices())[1], { title: 'New comment', body: `${(await authorName()) ?? 'Someone'}: Warmer on the second shot?` });
  await windowState('normal');
  await clickNotice(1);
  await page.getByTestId('comment').filter({ hasText: 'Warmer on the second shot?' }).waitFor();
  await page.getByRole('button', { name: '← Back to files' }).waitFor();
});

/** The sandbox's name for the token's user, as the comment's author. */
async function authorName(): Promise<string | undefined> {
  const response = await fetch(`${sandbox.url}/v4/me`, { headers: { authorization: `Bearer ${sandbox.token}` } });
  const body = (await response.json()) as { data?: { name?: string } };
  return body.data?.name;
}
