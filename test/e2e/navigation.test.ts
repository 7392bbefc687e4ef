// Getting around as in any browser or desktop app: the address keeps the place through back,
// forward, Alt+←/→ and a reload; Backspace goes up a folder; Escape, a press outside and going
// elsewhere close menus; double-clicking a row opens it without selecting its words.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { chromiumMissing, snap } from '../support/browser.ts';
import { assertAccessible } from '../support/a11y.ts';
import { openAgentSession, type AgentSession } from '../support/agent-session.ts';

const skip = chromiumMissing();
let session: AgentSession;
let page: Page;

before(async () => {
  if (skip) return;
  session = await openAgentSession({ viewport: { width: 1440, height: 900 } });
  page = session.page;
  page.setDefaultTimeout(15_000);
});
after(() => session?.close());

const row = (name: string) => page.getByTestId('asset-row').filter({ hasText: name });
const crumbs = () => page.getByRole('navigation', { name: 'Breadcrumbs' }).locator('li').allTextContents();

/** Waits until the breadcrumbs read `expected`, then checks the folder's rows are its own. */
async function at(expected: string[], aRow: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Breadcrumbs' }).locator('li').last().filter({ hasText: expected.at(-1)! }).waitFor();
  assert.deepEqual(await crumbs(), expected);
  await row(aRow).waitFor();
}

const selectedText = () => page.evaluate(() => String((globalThis as { getSelection?: () => unknown }).getSelection?.()));

test('back, forward, Alt+←/→, Backspace and a reload keep to the place; a double-click selects no text', { skip, timeout: 90_000 }, async () => {
  await page.getByLabel('Workspace').selectOption({ label: 'Productions' });
  await page.getByRole('button', { name: 'Harbor Lights — Feature' }).click();
  await row('Dailies').dblclick();
  assert.equal(await selectedText(), '', 'opening a folder by double-click selects none of its words');
  await row('Day 01').dblclick();
  await at(['Harbor Lights — Feature', 'Dailies', 'Day 01'], 'A002_C011_Interview.webm');
  assert.match(new URL(page.url()).hash, /^#\/projects\/(?:[^/]+\/){4}[^/]+$/);

  await page.goBack();
  await at(['Harbor Lights — Feature', 'Dailies'], 'Day 01');
  await page.goForward();
  await at(['Harbor Lights — Feature', 'Dailies', 'Day 01'], 'A002_C011_Interview.webm');

  await page.keyboard.press('Alt+ArrowLeft');
  await at(['Harbor Lights — Feature', 'Dailies'], 'Day 01');
  await page.keyboard.press('Alt+ArrowRight');
  await at(['Harbor Lights — Feature', 'Dailies', 'Day 01'], 'A002_C011_Interview.webm');

  // Backspace from the list goes to the folder above; in a text field it stays a text key.
  await row('A002_C011_Interview.webm').click();
  await page.keyboard.press('Backspace');
  await at(['Harbor Lights — Feature', 'Dailies'], 'Day 01');
  await page.getByPlaceholder('Filter by name').fill('Day');
  await page.getByPlaceholder('Filter by name').press('Backspace');
  assert.deepEqual(await crumbs(), ['Harbor Lights — Feature', 'Dailies']);
  await page.getByPlaceholder('Filter by name').fill('');

  // Another screen and back; then a reload opens the same folder again, with its names.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Transfers' }).click();
  assert.equal(new URL(page.url()).hash, '#/transfers');
  await page.goBack();
  await at(['Harbor Lights — Feature', 'Dailies'], 'Day 01');
  await page.reload();
  await at(['Harbor Lights — Feature', 'Dailies'], 'Day 01');
  assert.equal(await page.getByLabel('Workspace').locator('option:checked').textContent(), 'Productions');
  await snap(page, 'navigation-after-reload');
  await assertAccessible(page, 'a folder reopened by its address');
});

test('Escape, a press outside and going elsewhere close the account menu and the export menu', { skip, timeout: 60_000 }, async () => {
  const account = page.getByRole('button', { name: 'Signed in as Rosa Alvarez' });
  const menu = page.getByRole('menu', { name: 'Sign-in' });

  await account.click();
  await menu.waitFor();
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });

  await account.click();
  await menu.waitFor();
  await page.getByRole('heading', { name: 'Projects' }).click();
  await menu.waitFor({ state: 'detached' });

  // Going back to another place closes it too, though the menu's button stays on screen.
  await account.click();
  await menu.waitFor();
  await account.focus();
  await page.keyboard.press('Alt+ArrowLeft');
  await menu.waitFor({ state: 'detached' });
  await page.goForward();

  // In the viewer, the first Escape closes the export menu and leaves the viewer open.
  await row('Day 01').dblclick();
  await row('A002_C011_Interview.webm').dblclick();
  const exportMenu = page.locator('details.menu');
  await page.getByText('Export comments').click();
  await page.getByRole('menuitem', { name: 'CSV' }).waitFor();
  await assertAccessible(page, 'export menu open');
  await page.keyboard.press('Escape');
  await page.getByRole('menuitem', { name: 'CSV' }).waitFor({ state: 'hidden' });
  assert.equal(await exportMenu.getAttribute('open'), null);
  await page.getByRole('button', { name: '← Back to files' }).waitFor();

  await page.getByText('Export comments').click();
  await page.getByRole('menuitem', { name: 'CSV' }).waitFor();
  await page.getByTestId('timecode').click();
  await page.getByRole('menuitem', { name: 'CSV' }).waitFor({ state: 'hidden' });
});
