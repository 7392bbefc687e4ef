// A reviewer's pass over a clip, in a real browser against `slate serve`: open it, play it, step
// to a frame, comment there with a rectangle drawn on the picture, find the comment on the
// timeline, jump back to it, mark it done, and take the notes away as CSV.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import type { Locator, Page } from 'playwright-core';
import { chromiumMissing, snap } from '../support/browser.ts';
import { assertAccessible } from '../support/a11y.ts';
import { FrameioClient, staticToken } from '../../main/core/api/client.ts';
import { CommentService } from '../../main/core/review/comments.ts';
import { ROOT } from '../support/processes.ts';
import { openAgentSession, type AgentSession } from '../support/agent-session.ts';
import type { CheckedSandbox } from '../support/sandbox.ts';

/** 48 frames at 24 fps, made by scripts/make-review-clip.sh */
const CLIP = join(ROOT, 'test/fixtures/media/review-clip-24fps.webm');

const skip = chromiumMissing();
let session: AgentSession;
let page: Page;
let sandbox: CheckedSandbox;

before(async () => {
  if (skip) return;
  session = await openAgentSession({ acceptDownloads: true });
  ({ page, sandbox } = session);
  page.setDefaultTimeout(15_000);
});
after(() => session?.close());

const timecode = () => page.getByTestId('timecode').textContent();
const sent = (operation: RegExp, method: string) => sandbox.exchanges.filter((e) => e.method === method && operation.test(e.url) && e.status < 300);

/** An upload lands in the listing once it finishes; the browser shows it on the next refresh. */
async function untilShown(row: Locator): Promise<void> {
  for (let tries = 0; !(await row.isVisible()); tries++) {
    assert.ok(tries < 30, 'the upload shows up in the folder');
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.waitForTimeout(500);
  }
}

const videoTime = () => page.locator('video').evaluate((video) => (video as unknown as { currentTime: number }).currentTime);

/** Polls from here: the page's CSP refuses the string predicates waitForFunction would need. */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (const end = Date.now() + 10_000; !(await check()); await delay(50)) assert.ok(Date.now() < end, what);
}

async function waitForTimecode(expected: string): Promise<void> {
  await page.getByTestId('timecode').filter({ hasText: expected }).waitFor();
}

test('play a clip, comment on a frame with a rectangle, find it on the timeline, complete it and export CSV', { skip, timeout: 90_000 }, async () => {
  // Upload the clip into a folder of its own and wait for the transfer to finish.
  await page.locator('.project-list button').first().click();
  await page.getByRole('button', { name: 'New folder' }).click();
  await page.getByLabel('New folder name').fill('Review');
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByTestId('asset-row').filter({ hasText: 'Review' }).dblclick();
  await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByText('Review').waitFor();
  await page.getByLabel('Files to upload').setInputFiles(CLIP);
  const main = page.getByRole('navigation', { name: 'Main' });
  await main.getByRole('button', { name: 'Transfers' }).click();
  await page.getByTestId('transfer-job').first().getByText('Done').waitFor({ timeout: 30_000 });
  await main.getByRole('button', { name: 'Projects' }).click();
  await page.getByRole('button', { name: 'Refresh' }).click();

  // Open it in the viewer: the player knows its 48 frames at 24 fps.
  await page.getByTestId('asset-row').filter({ hasText: 'review-clip-24fps.webm' }).dblclick();
  const viewer = page.getByRole('region', { name: 'Viewer' });
  await viewer.getByRole('heading', { name: 'review-clip-24fps.webm' }).waitFor();
  await page.getByTestId('frame-count').filter({ hasText: 'of 48' }).waitFor();
  assert.equal(await timecode(), '00:00:00:00');

  // Play, and the playhead moves; pause, and it holds.
  await page.getByRole('button', { name: 'Play' }).click();
  await until(async () => (await videoTime()) > 0.2, 'the clip plays');
  await page.getByRole('button', { name: 'Pause' }).click();
  assert.notEqual(await timecode(), '00:00:00:00');

  // Scrub to frame 12, then one frame on with the arrow key.
  await page.getByLabel('Playhead').fill('12');
  await waitForTimecode('00:00:00:12');
  await page.getByRole('heading', { name: 'Comments' }).click();
  await page.keyboard.press('ArrowRight');
  await waitForTimecode('00:00:00:13');

  // Comment there, with a red rectangle over the middle of the picture.
  await page.getByRole('textbox', { name: 'Comment', exact: true }).fill('Boom dips into frame');
  await page.getByRole('button', { name: 'Rectangle' }).click();
  const layer = await page.getByTestId('drawing-layer').boundingBox();
  assert.ok(layer, 'the drawing layer covers the picture');
  await page.mouse.move(layer.x + layer.width * 0.25, layer.y + layer.height * 0.25);
  await page.mouse.down();
  await page.mouse.move(layer.x + layer.width * 0.5, layer.y + layer.height * 0.5, { steps: 5 });
  await page.mouse.move(layer.x + layer.width * 0.75, layer.y + layer.height * 0.75, { steps: 5 });
  await page.mouse.up();
  await page.getByRole('button', { name: /^Comment at 00:00:00:13 with a drawing$/ }).click();
  const comment = page.getByTestId('comment').filter({ hasText: 'Boom dips into frame' });
  await comment.waitFor();

  const [create] = sent(/\/files\/[^/]+\/comments$/, 'POST');
  const data = (create?.requestBody as { data: { timestamp: number; annotation: string } }).data;
  assert.equal(data.timestamp, 13, 'frame 13 is Frame.io timestamp 13: both count from 0');
  const [rect] = JSON.parse(data.annotation) as Array<Record<string, number | string>>;
  assert.equal(rect!.tool, 'rect');
  assert.equal(rect!.color, '#F22237');
  for (const [key, value] of Object.entries({ x: 0.25, y: 0.25, w: 0.5, h: 0.5 })) assert.ok(Math.abs((rect![key] as number) - value) < 0.02, `${key} is about ${value}`);

  // Its marker sits on the timeline; from elsewhere, the marker brings the playhead back to it
  // and its rectangle is drawn on the frame.
  const marker = page.getByTestId('timeline-marker');
  assert.equal(await marker.count(), 1);
  assert.equal(await marker.getAttribute('aria-label'), 'Comment at 00:00:00:13: Boom dips into frame');
  await page.getByLabel('Playhead').fill('40');
  await waitForTimecode('00:00:01:16');
  assert.equal(await page.getByTestId('drawing-layer').locator('[data-shape]').count(), 0, 'a drawing shows only on its own frame');
  await marker.click();
  await waitForTimecode('00:00:00:13');
  await until(async () => Math.floor((await videoTime()) * 24) === 13, 'the video shows frame 13');
  await page.getByTestId('drawing-layer').locator('[data-shape="rect"]').waitFor();
  await snap(page, 'review-viewer');
  await assertAccessible(page, 'review-viewer');

  // Complete it.
  await comment.getByRole('checkbox', { name: 'Completed' }).check();
  await page.locator('.marker.completed').waitFor();
  await until(async () => sent(/\/comments\/[^/]+$/, 'PATCH').length > 0, 'Frame.io is told');
  assert.deepEqual(sent(/\/comments\/[^/]+$/, 'PATCH').at(-1)?.requestBody, { data: { completed: true } });

  // Export CSV: the download holds the comment at its timecode, completed.
  await page.getByText('Export comments').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'CSV' }).click()]);
  assert.equal(download.suggestedFilename(), 'review-clip-24fps comments.csv');
  const csv = readFileSync((await download.path())!, 'utf8');
  const rows = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(rows[0], '#,Timecode In,Timecode Out,Page,Author,Comment,Status,Created');
  assert.match(rows[1]!, /^1,00:00:00:13,,,[^,]+,Boom dips into frame,Completed,/);

  // Opened while Frame.io was still processing it, the clip had no metadata and the rate was assumed.
  // Once processed, the sandbox has read its rate from its bytes: opened again, the viewer is at it,
  // and any other is an override.
  assert.equal(await page.getByLabel('Frame rate').getAttribute('aria-label'), 'Frame rate');
  await until(async () => sandbox.store.list('asset').some((a) => a.name === 'review-clip-24fps.webm' && a.type === 'file' && a.status === 'transcoded'), 'the clip is processed');
  await page.getByRole('button', { name: '← Back to files' }).click();
  await page.getByTestId('asset-row').filter({ hasText: 'review-clip-24fps.webm' }).dblclick();
  await page.getByTestId('frame-count').filter({ hasText: 'of 48' }).waitFor();
  const rate = page.getByLabel('Frame rate');
  await until(async () => (await rate.getAttribute('aria-label')) !== 'Frame rate', "the viewer reads the file's rate");
  assert.equal(await rate.inputValue(), '24');
  assert.equal(await rate.getAttribute('aria-label'), "Frame rate (override the file's own)");
  assert.equal((await rate.locator('option').allTextContents()).length, 12);
  assert.equal(await rate.locator('option:checked').textContent(), "24 fps (the file's)");
});

test('a file with nothing to play says so, and still takes comments on the whole file, editable and deletable by their author', { skip }, async () => {
  await page.getByRole('button', { name: '← Back to files' }).click();
  await page.getByLabel('Files to upload').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('scene 4 take 2') });
  const row = page.getByTestId('asset-row').filter({ hasText: 'notes.txt' });
  await untilShown(row);
  await row.click();
  await page.getByRole('button', { name: 'Open viewer' }).click();
  await page.getByText(/Slate cannot show|still uploading|offers no media/).waitFor();
  await page.getByRole('textbox', { name: 'Comment', exact: true }).fill('Use take 2');
  await page.getByRole('button', { name: 'Comment on the whole file' }).click();
  // The file's only comment, whatever its text becomes.
  const mine = page.getByTestId('comment');
  await mine.filter({ hasText: 'Use take 2' }).getByText('Whole file').waitFor();
  await snap(page, 'review-viewer-no-media');
  await assertAccessible(page, 'review-viewer-no-media');

  // Own comments can be edited and deleted.
  await mine.getByRole('button', { name: 'Edit' }).click();
  await mine.getByLabel('Comment text').fill('Use take 3');
  await mine.getByRole('button', { name: 'Save' }).click();
  await mine.getByText('Use take 3').waitFor();
  await mine.getByRole('button', { name: 'Delete' }).click();
  await mine.getByRole('button', { name: 'Really delete?' }).click();
  await page.getByText('No comments yet.').waitFor();
  assert.equal(sent(/\/comments\/[^/]+$/, 'DELETE').length, 1);
});

test("a version stack opens at its newest version at the file's own 23.976 fps, each version shows its own comments, and another rate is an override", { skip }, async () => {
  await page.getByRole('button', { name: '← Back to files' }).click();
  await page.getByLabel('Workspace').selectOption({ label: 'Productions' });
  await page.getByRole('button', { name: 'Harbor Lights — Feature' }).click();
  await page.getByTestId('asset-row').filter({ hasText: 'Editorial' }).dblclick();
  await page.getByTestId('asset-row').filter({ hasText: 'Cuts' }).dblclick();
  await page.getByTestId('asset-row').filter({ hasText: 'Version stack' }).click();
  await page.getByRole('button', { name: 'Open viewer' }).click();

  const version = page.getByLabel('Version');
  await page.getByRole('heading', { name: 'Harbor_Assembly_v2.webm' }).waitFor();
  assert.equal(await version.locator('option:checked').textContent(), 'v2 (latest) · Harbor_Assembly_v2.webm');
  await page.getByTestId('comment').filter({ hasText: 'Warm the water here' }).getByText('00:00:01:06').waitFor();
  assert.equal(await page.getByTestId('comment').count(), 3);
  await page.getByTestId('frame-count').filter({ hasText: /of 9[67]/ }).waitFor();
  const rate = page.getByLabel('Frame rate');
  assert.equal(await rate.inputValue(), '23.976');
  assert.equal(await page.getByTestId('rate-override').count(), 0, "the file's own rate is no override");
  await rate.selectOption('25');
  await page.getByTestId('rate-override').filter({ hasText: 'Override: the file is 23.976 fps' }).waitFor();
  await page.getByTestId('comment').filter({ hasText: 'Warm the water here' }).getByText('00:00:01:05').waitFor();
  await snap(page, 'review-viewer-rate-override');
  await assertAccessible(page, 'review-viewer-rate-override');
  await rate.selectOption('23.976');
  assert.equal(await page.getByTestId('rate-override').count(), 0);

  await version.selectOption({ label: 'v1 · Harbor_Assembly_v1.webm' });
  await page.getByRole('heading', { name: 'Harbor_Assembly_v1.webm' }).waitFor();
  const only = page.getByTestId('comment');
  await only.filter({ hasText: 'Sun comes up too small' }).waitFor();
  assert.equal(await only.count(), 1);
  assert.equal(await only.getByRole('checkbox', { name: 'Completed' }).isChecked(), true);
});

test("a 29.97 drop-frame demo clip plays, opens at its own rate, and shows Frame.io's frames 0, 9000 and 11974 as Frame.io does, in the viewer and its export", { skip, timeout: 60_000 }, async () => {
  const clip = sandbox.store.list('asset').find((a) => a.name === 'A002_C011_Interview.webm')!;
  const comments = new CommentService(new FrameioClient({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) }), sandbox.accountId);
  await comments.create(clip.id, { text: 'Five minutes in', timestamp: 9000 });
  await comments.create(clip.id, { text: 'Later still', timestamp: 11_974 });

  await page.getByRole('button', { name: '← Back to files' }).click();
  await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByText('Harbor Lights — Feature').click();
  await page.getByTestId('asset-row').filter({ hasText: 'Dailies' }).dblclick();
  await page.getByTestId('asset-row').filter({ hasText: 'Day 01' }).dblclick();
  await page.getByTestId('asset-row').filter({ hasText: 'A002_C011_Interview.webm' }).dblclick();
  await page.getByTestId('frame-count').filter({ hasText: 'of 120' }).waitFor();
  assert.equal(await page.getByLabel('Frame rate').inputValue(), '29.97 DF');
  assert.equal(await timecode(), '00:00:00;00');
  const at = (text: string) => page.getByTestId('comment').filter({ hasText: text }).locator('.timecode');
  assert.equal(await at('Slate reads 11').textContent(), '00:00:00;00', 'timestamp 0 is the first frame');
  assert.equal(await at('Five minutes in').textContent(), '00:05:00;10');
  assert.equal(await at('Later still').textContent(), '00:06:39;16');

  // The demo clip plays in this browser: time advances.
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await until(async () => (await videoTime()) > 0.3, 'the clip plays');
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  assert.notEqual(await timecode(), '00:00:00;00');

  // The export starts at the file's own timecode unless told otherwise; from zero it agrees with the viewer.
  await page.getByText('Export comments').click();
  const start = page.getByLabel('Start timecode');
  assert.equal(await start.inputValue(), '00:00:58;00');
  await start.fill('00:00:00;00');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'JSON' }).click()]);
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { file: { frameRate: string }; comments: Array<{ text: string; timecodeIn: string }> };
  assert.equal(exported.file.frameRate, '29.97 DF');
  const placed = Object.fromEntries(exported.comments.map((c) => [c.text, c.timecodeIn]));
  assert.equal(placed['Five minutes in'], '00:05:00;10');
  assert.equal(placed['Later still'], '00:06:39;16');
  await snap(page, 'review-viewer-drop-frame');
  await assertAccessible(page, 'review-viewer-drop-frame');
});

test('on a still, an arrow and a pen stroke in two colours go with a comment and come back when it is chosen', { skip }, async () => {
  await page.getByRole('button', { name: '← Back to files' }).click();
  await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByText('Harbor Lights — Feature').click();
  await page.getByTestId('asset-row').filter({ hasText: 'Stills' }).dblclick();
  await page.getByTestId('asset-row').filter({ hasText: 'Harbor_Dawn.png' }).dblclick();
  await page.getByRole('img', { name: 'Harbor_Dawn.png' }).waitFor();
  const layer = page.getByTestId('drawing-layer');
  const box = (await layer.boundingBox())!;
  const drag = async (points: Array<[number, number]>) => {
    await page.mouse.move(box.x + box.width * points[0]![0], box.y + box.height * points[0]![1]);
    await page.mouse.down();
    for (const [x, y] of points.slice(1)) await page.mouse.move(box.x + box.width * x, box.y + box.height * y, { steps: 3 });
    await page.mouse.up();
  };

  await page.getByRole('button', { name: 'Arrow' }).click();
  await page.getByRole('radio', { name: 'Yellow' }).click();
  await drag([[0.2, 0.8], [0.5, 0.5]]);
  await page.getByRole('button', { name: 'Pen' }).click();
  await page.getByRole('radio', { name: 'Blue' }).click();
  await drag([[0.6, 0.3], [0.7, 0.35], [0.8, 0.3]]);
  await page.getByRole('textbox', { name: 'Comment', exact: true }).fill('Lift the horizon');
  await page.getByRole('button', { name: 'Comment on the whole file with 2 shapes' }).click();
  const mine = page.getByTestId('comment').filter({ hasText: 'Lift the horizon' });
  await mine.waitFor();

  const body = sent(/\/files\/[^/]+\/comments$/, 'POST').at(-1)?.requestBody as { data: { annotation: string; timestamp?: number } };
  assert.equal(body.data.timestamp, undefined, 'a still has no frames');
  const shapes = JSON.parse(body.data.annotation) as Array<{ tool: string; color: string }>;
  assert.deepEqual(shapes.map((s) => [s.tool, s.color]), [['arrow', '#FFC400'], ['pen', '#3D8BFF']]);

  await page.getByTestId('comment').filter({ hasText: 'Poster candidate.' }).getByRole('button').first().click();
  assert.equal(await layer.locator('[data-shape]').count(), 0);
  await mine.getByRole('button').first().click();
  await layer.locator('[data-shape="pen"]').waitFor();
  assert.deepEqual(await layer.locator('[data-shape]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-shape'))), ['arrow', 'pen']);
});
