// A legacy (V2) account in the app, in a real browser against `slate serve` signed in as `slate login
// --token - --api v2` leaves it: the account reads "Legacy (V2)", its teams and projects browse
// down to a clip whose comments open in the viewer and take a new one, a drop uploads, a file takes
// a new version, and what Slate offers only on V4 is not shown but said in words. All through V2.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { staticToken } from '../../main/core/api/client.ts';
import { V2Client } from '../../main/core/api/v2/client.ts';
import { V2Api } from '../../main/core/api/v2/resources.ts';
import type { V2Asset } from '../../main/core/api/v2/types.ts';
import { assertAccessible } from '../support/a11y.ts';
import { openAgentSession, type AgentSession } from '../support/agent-session.ts';
import { chromiumMissing, snap } from '../support/browser.ts';
import type { CheckedSandbox } from '../support/sandbox.ts';

const skip = chromiumMissing();
let session: AgentSession;
let sandbox: CheckedSandbox;
let page: Page;
let work: string;
let v2: V2Api;

before(async () => {
  if (skip) return;
  session = await openAgentSession({ viewport: { width: 1280, height: 800 } }, {}, { legacy: true });
  ({ sandbox, page, work } = session);
  page.setDefaultTimeout(15_000);
  v2 = new V2Api(new V2Client({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) }));
});
after(() => session?.close());

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const v4Calls = () => sandbox.exchanges.filter((e) => e.url.startsWith('/v4/'));
const row = (name: string) => page.getByTestId('asset-row').filter({ hasText: name });

async function child(parentId: string, name: string): Promise<V2Asset> {
  const found = (await Array.fromAsync(v2.children(parentId))).find((a) => a.name === name);
  assert.ok(found, `${name} is in Frame.io`);
  return found;
}

test('a legacy account browses to a clip, reads and adds comments, uploads by drop and a new version; V4-only controls are not shown', { skip, timeout: 120_000 }, async () => {
  // The account says what it is; teams stand where workspaces do; Shares and workspace changes are not offered.
  const account = page.getByLabel('Account');
  await account.locator('option', { hasText: 'Rosa Alvarez — Legacy (V2)' }).waitFor({ state: 'attached' });
  await page.getByTestId('legacy-note').waitFor();
  assert.match((await page.getByTestId('legacy-note').textContent()) ?? '', /Shares, downloads, follows, uploads from a link, renaming/);
  const main = page.getByRole('navigation', { name: 'Main' });
  assert.deepEqual(await main.getByRole('button').allTextContents(), ['Projects', 'Transfers', 'Watch folders', 'Settings']);
  assert.equal(await page.getByRole('button', { name: 'New workspace' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'New project' }).count(), 0);

  await page.getByLabel('Team').selectOption({ label: 'Productions' });
  await page.getByRole('button', { name: 'Harbor Lights — Feature' }).click();
  await row('Dailies').dblclick();
  await row('Day 01').dblclick();
  await row('A002_C011_Interview.webm').waitFor();
  for (const hidden of ['Upload from URL', 'Rename project', 'Delete project']) assert.equal(await page.getByRole('button', { name: hidden }).count(), 0, `${hidden} is not offered`);
  assert.equal(await page.getByRole('toolbar', { name: 'Folder actions' }).getByRole('button', { name: /Download|Follow/ }).count(), 0, 'no download or follow');
  await snap(page, 'legacy-v2-projects');
  await assertAccessible(page, 'a legacy (V2) account in Projects');

  // The interview's comments open in the viewer with their authors; a new one at the playhead goes to V2.
  await row('A002_C011_Interview.webm').dblclick();
  const viewer = page.getByRole('region', { name: 'Viewer' });
  await viewer.getByRole('heading', { name: 'A002_C011_Interview.webm' }).waitFor();
  const comments = page.getByTestId('comment');
  await comments.filter({ hasText: 'She looks off camera here' }).getByText('Rosa Alvarez').waitFor();
  assert.equal(await comments.count(), 3);
  assert.equal(await comments.getByRole('checkbox', { name: 'Completed' }).count(), 0, 'completing is V4 only');
  assert.equal(await page.getByRole('button', { name: 'Follow comments' }).count(), 0);
  await page.getByRole('textbox', { name: 'Comment', exact: true }).fill('Grade the sky warmer');
  await page.getByRole('button', { name: /^Comment at 00:00:00[:;]00$/ }).click();
  await comments.filter({ hasText: 'Grade the sky warmer' }).waitFor();
  const day01 = await child((await child(await featureRoot(), 'Dailies')).id, 'Day 01');
  const interview = await child(day01.id, 'A002_C011_Interview.webm');
  const stored = (await Array.fromAsync(v2.comments(interview.id))).find((c) => c.text === 'Grade the sky warmer');
  assert.deepEqual([stored?.timestamp, stored?.owner?.email], [0, 'rosa@northlight.example']);
  await snap(page, 'legacy-v2-viewer');
  await assertAccessible(page, 'a legacy (V2) file in the viewer');
  await page.getByRole('button', { name: '← Back to files' }).click();

  // A file dropped on a new folder in Day 01 goes up through V2, every byte.
  await page.getByRole('button', { name: 'New folder' }).click();
  await page.getByLabel('New folder name').fill('From V2');
  await page.getByRole('button', { name: 'Create' }).click();
  await row('From V2').dblclick();
  await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByText('From V2').waitFor();
  const take = Buffer.alloc(180_000, 7);
  writeFileSync(join(work, 'Take 1.mov'), take);
  const zone = page.getByTestId('drop-zone');
  const box = (await zone.boundingBox())!;
  const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: [join(work, 'Take 1.mov')], dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, ...at, data });
  await row('Take 1.mov').waitFor({ timeout: 30_000 });
  const folder = await child(day01.id, 'From V2');
  assert.equal(sha256(await original(await child(folder.id, 'Take 1.mov'))), sha256(take));

  // Upload new version: the file and its new version become a stack of two.
  await row('Take 1.mov').click();
  const details = page.getByRole('complementary', { name: 'Details' });
  assert.equal(await details.getByRole('button', { name: /Share|Rename folder|Open in Frame\.io/ }).count(), 0, 'sharing and the web link are not offered');
  const second = Buffer.alloc(120_000, 9);
  await details.getByLabel('New version file').setInputFiles({ name: 'Take 2.mov', mimeType: 'video/quicktime', buffer: second });
  await row('Take 2.mov').getByText('2 versions').waitFor({ timeout: 30_000 });
  const stack = await child(folder.id, 'Take 2.mov');
  assert.equal(stack.type, 'version_stack');
  assert.equal(sha256(await original(await v2.asset(stack.cover_asset_id!))), sha256(second));

  assert.deepEqual(v4Calls().map((e) => e.url), [], 'nothing went to V4');
});

async function featureRoot(): Promise<string> {
  const me = await v2.me();
  for await (const team of v2.listTeams(me.account_id!)) {
    for await (const project of v2.listProjects(team.id)) if (project.name === 'Harbor Lights — Feature') return project.root_asset_id;
  }
  throw new Error('no Harbor Lights — Feature project');
}

async function original(asset: V2Asset): Promise<Buffer> {
  const shown = await v2.asset(asset.id);
  assert.ok(shown.upload_completed_at && shown.original, `${shown.name} is complete`);
  return Buffer.from(await (await fetch(shown.original)).arrayBuffer());
}
