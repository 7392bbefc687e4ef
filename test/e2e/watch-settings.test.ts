// A watch's settings changed on its card in the browser: the service restarts the watch with them
// (an ignored file never uploads, an allowed one does); a rescan more often than the minimum, deleting
// local files without the second yes, or an empty or outside sub-folder for uploaded files, is stopped in
// the form without a request; a sub-folder name cut to 255 characters says so; a refusal from the service
// shows in the banner.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { WebSocket } from 'ws';
import type { Reply, Watch } from '../../preload/contract.ts';
import { chromiumMissing, snap } from '../support/browser.ts';
import { assertAccessible } from '../support/a11y.ts';
import { openAgentSession, type AgentSession } from '../support/agent-session.ts';
import type { CheckedSandbox } from '../support/sandbox.ts';

const skip = chromiumMissing();
let session: AgentSession;
let page: Page;
let sandbox: CheckedSandbox;
let renders: string;
/** the channel of every request the page sent to the agent */
const sent: string[] = [];

before(async () => {
  if (skip) return;
  session = await openAgentSession();
  ({ page, sandbox } = session);
  renders = join(session.work, 'renders');
  mkdirSync(renders);
  page.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => {
      const frame = JSON.parse(String(payload)) as { type: string; channel?: string };
      if (frame.type === 'invoke' && frame.channel) sent.push(frame.channel);
    }),
  );
  // The page opened its socket before anything could listen; a reload opens the one to watch.
  await page.reload();
});
after(() => session?.close());

/** Asks the service over a socket of the test's own, not through the page (as another window would). */
async function askService(channel: string, input: object): Promise<unknown> {
  const url = new URL(await session.agent.waitFor('SLATE_URL'));
  const socket = new WebSocket(`ws://${url.host}/bridge?key=${encodeURIComponent(url.searchParams.get('key')!)}`, { origin: url.origin });
  const reply = await new Promise<Reply>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'invoke', id: 1, channel, input })));
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type: string; id?: number; reply?: Reply };
      if (frame.type === 'reply' && frame.id === 1) resolve(frame.reply!);
    });
  });
  socket.close();
  assert.ok(reply.ok, JSON.stringify(reply));
  return reply.value;
}

const watchesInService = async () => (await askService('watches:list', {})) as Watch[];

const card = () => page.getByTestId('watch');
const settingsForm = (): Locator => card().getByRole('form', { name: /^Settings of / });
const openSettings = async () => {
  await card().getByRole('button', { name: 'Settings', exact: true }).click();
  await settingsForm().waitFor();
};
const uploadedNames = () =>
  sandbox.exchanges.filter((e) => e.url.endsWith('/files/local_upload') && e.status === 201).map((e) => (e.requestBody as { data: { name: string } }).data.name);

test('changed settings are saved through the service and the watch runs with them', { skip }, async () => {
  await page.locator('.project-list button').first().click();
  await page.getByRole('navigation', { name: 'Breadcrumbs' }).waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Watch folders' }).click();
  await page.getByLabel('Folder on the agent’s machine').fill(renders);
  await page.getByRole('button', { name: 'Watch this folder' }).click();
  await card().getByText('Watching').waitFor({ timeout: 15_000 });
  assert.equal((await watchesInService())[0]!.settings.stableSeconds, 5);

  await openSettings();
  const form = settingsForm();
  // The form takes the focus: the stability window is typed into without a click.
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1');
  assert.equal(await form.getByLabel('Finished after unchanged for (seconds)').inputValue(), '1');
  await form.getByLabel('Ignore (globs, one per line)').fill('*.wav');
  await form.getByLabel('Full look at the folder every (seconds)').fill('120');
  await form.getByLabel('When several files are waiting to upload').selectOption('newest');
  await snap(page, 'watch-settings');
  await assertAccessible(page, 'watch-settings');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await form.waitFor({ state: 'detached' });
  assert.equal(sent.filter((c) => c === 'watches:update').length, 1);

  const [watch] = await watchesInService();
  assert.deepEqual(
    {
      stableSeconds: watch!.settings.stableSeconds,
      ignore: watch!.settings.ignore,
      rescanSeconds: watch!.settings.rescanSeconds,
      afterUpload: watch!.settings.afterUpload,
      uploadFirst: watch!.settings.uploadFirst,
    },
    { stableSeconds: 1, ignore: ['*.wav'], rescanSeconds: 120, afterUpload: { action: 'leave' }, uploadFirst: 'newest' },
  );
  await card().getByText('Watching').waitFor({ timeout: 15_000 });

  // The ignored file is written first: had the restarted watch kept its old rules, it would be done first.
  writeFileSync(join(renders, 'temp_mix.wav'), Buffer.alloc(50_000, 1));
  writeFileSync(join(renders, 'promo_v001.mov'), Buffer.alloc(150_000, 3));
  await card().getByText('Done 1').waitFor({ timeout: 30_000 });
  await page.waitForTimeout(2_000);
  assert.deepEqual(uploadedNames(), ['promo_v001.mov']);
  await card().getByRole('button', { name: 'Files' }).click();
  const files = card().getByRole('list', { name: /^Files in / });
  await files.getByText('promo_v001.mov').waitFor();
  assert.equal(await files.getByText('temp_mix.wav').count(), 0);

  // Opened again, the form shows what was saved; Cancel forgets an edit.
  await openSettings();
  assert.equal(await settingsForm().getByLabel('Finished after unchanged for (seconds)').inputValue(), '1');
  assert.equal(await settingsForm().getByLabel('Ignore (globs, one per line)').inputValue(), '*.wav');
  await settingsForm().getByLabel('Full look at the folder every (seconds)').fill('600');
  await settingsForm().getByRole('button', { name: 'Cancel' }).click();
  await settingsForm().waitFor({ state: 'detached' });
  await openSettings();
  assert.equal(await settingsForm().getByLabel('Full look at the folder every (seconds)').inputValue(), '120');
  await settingsForm().getByRole('button', { name: 'Cancel' }).click();
  assert.equal(sent.filter((c) => c === 'watches:update').length, 1);
});

test('a rescan every 5 seconds, a negative stability window or an unconfirmed delete is explained beside the field and nothing is sent', { skip }, async () => {
  await openSettings();
  const form = settingsForm();
  const rescan = form.getByLabel('Full look at the folder every (seconds)');
  const stability = form.getByLabel('Finished after unchanged for (seconds)');
  await rescan.fill('5');
  await stability.fill('-2');
  const before = sent.length;
  await form.getByRole('button', { name: 'Save settings' }).click();

  await form.getByText('Use 0 (never) or 10 seconds or more').waitFor();
  await form.getByText('The stability window cannot be negative').waitFor();
  assert.equal(await rescan.getAttribute('aria-invalid'), 'true');
  assert.equal(await stability.getAttribute('aria-invalid'), 'true');
  assert.match((await stability.getAttribute('aria-describedby'))!, /error/);
  await snap(page, 'watch-settings-invalid');
  await assertAccessible(page, 'watch-settings-invalid');

  // Choosing to delete local files is not enough on its own.
  await rescan.fill('0');
  await stability.fill('1');
  await form.getByLabel('Delete the local file once Frame.io has it').check();
  await form.getByRole('button', { name: 'Save settings' }).click();
  const confirmDelete = form.getByLabel('Yes, delete uploaded files from this folder');
  await form.getByText('Tick this to confirm that Slate may delete').waitFor();
  assert.equal(await confirmDelete.getAttribute('aria-invalid'), 'true');
  assert.equal(await confirmDelete.isChecked(), false);
  await snap(page, 'watch-settings-delete');
  await assertAccessible(page, 'watch-settings-delete');
  assert.deepEqual(sent.slice(before), []);
  assert.equal(await form.isVisible(), true, 'the form stays open to fix');
  const [watch] = await watchesInService();
  assert.deepEqual([watch!.settings.rescanSeconds, watch!.settings.stableSeconds], [120, 1]);

  await form.getByRole('button', { name: 'Cancel' }).click();
});

test('a sub-folder name for uploaded files is cut to 255 characters with a word; an empty or outside one is refused beside the field', { skip }, async () => {
  await openSettings();
  const form = settingsForm();
  await form.getByLabel('Move it into a sub-folder of the watched folder').check();
  const folder = form.getByLabel('Sub-folder name');
  await folder.fill(`sent ${'x'.repeat(300)}`);
  await form.getByText('Names can be at most 255 characters: the rest was cut.').waitFor();
  assert.equal((await folder.inputValue()).length, 255);
  assert.match((await folder.getAttribute('aria-describedby'))!, /note/, 'the word is read out with the field');
  await assertAccessible(page, 'watch-settings-folder-cut');
  await folder.fill('sent');
  assert.equal(await form.getByText('the rest was cut').count(), 0, 'a name that fits says nothing');

  const before = sent.length;
  const refusals: Array<[string, string]> = [
    ['   ', 'Name the sub-folder that uploaded files move into.'],
    ['../elsewhere', 'Give the name of a folder inside the watched folder, such as _uploaded.'],
  ];
  for (const [typed, reason] of refusals) {
    await folder.fill(typed);
    await form.getByRole('button', { name: 'Save settings' }).click();
    await form.getByText(reason).waitFor();
    assert.equal(await folder.getAttribute('aria-invalid'), 'true', `"${typed}" is marked`);
    assert.ok(await folder.evaluate((el) => el === el.ownerDocument.activeElement), 'the field with the reason has focus');
  }
  await assertAccessible(page, 'watch-settings-folder-refused');
  assert.deepEqual(sent.slice(before), [], 'nothing was sent');

  await folder.fill(`sent ${'x'.repeat(300)}`);
  await form.getByRole('button', { name: 'Save settings' }).click();
  await form.waitFor({ state: 'detached' });
  const [watch] = await watchesInService();
  assert.deepEqual(watch!.settings.afterUpload, { action: 'move', folder: `sent ${'x'.repeat(250)}` }, 'the name as cut is what was saved');
  await card().getByText('Watching').waitFor({ timeout: 15_000 });
});

test('Look now looks through the whole folder again, and the card says when it last did', { skip }, async () => {
  const [before] = await watchesInService();
  assert.ok(before!.lookedAt, 'the catch-up at start was a full look');
  await card().getByTestId('watch-looked').getByText(/Last looked through the whole folder at /).waitFor();
  await card().getByRole('button', { name: 'Look now' }).click();
  for (let waited = 0; ((await watchesInService())[0]!.lookedAt ?? 0) <= before!.lookedAt!; waited += 100) {
    assert.ok(waited < 10_000, 'the look did not happen');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.ok(sent.includes('watches:lookNow'));
  await card().getByRole('button', { name: 'Look now' }).waitFor();
});

test('a refusal from the service shows in the problem banner and keeps the edits', { skip }, async () => {
  await openSettings();
  const form = settingsForm();
  await form.getByLabel('Full look at the folder every (seconds)').fill('300');
  // Meanwhile the watch is removed elsewhere (another window): the service has nothing to change.
  const [watch] = await watchesInService();
  await askService('watches:remove', { watchId: watch!.id });
  await form.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('alert').getByText(/This watch \(.+\) no longer exists: it was removed, perhaps in another window/).waitFor();
  assert.equal(await form.getByLabel('Full look at the folder every (seconds)').inputValue(), '300');
  assert.deepEqual(await watchesInService(), []);
});
