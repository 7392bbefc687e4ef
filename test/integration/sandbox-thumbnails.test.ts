// Video thumbnails and scrub sheets: the demo's clips carry their committed poster frames and sheets,
// an uploaded video gets both from ffmpeg where ffmpeg runs, and without ffmpeg (or with bytes it
// cannot read) video has neither.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { SAMPLE_MEDIA_DIR } from '../../main/sandbox/seed-demo.ts';
import { readJson, type Body } from '../support/http.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

const noFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0 ? false : 'ffmpeg is not installed (apt-get install -y ffmpeg)';

let demo: CheckedSandbox;
let uploads: CheckedSandbox;
let withoutFfmpeg: CheckedSandbox;
before(async () => {
  // Parts of 16 KiB, so an uploaded clip spans several and ffmpeg reads them joined.
  [demo, uploads, withoutFfmpeg] = await Promise.all([
    startCheckedSandbox({ seed: 'demo', rateLimits: 'off' }),
    startCheckedSandbox({ partSize: 16 * 1024, transcodeDelayMs: 0, rateLimits: 'off' }),
    startCheckedSandbox({ transcodeDelayMs: 0, rateLimits: 'off', ffmpeg: join(SAMPLE_MEDIA_DIR, 'no-such-ffmpeg') }),
  ]);
});
after(() => Promise.all([demo.close(), uploads.close(), withoutFfmpeg.close()]));

async function get(sandbox: CheckedSandbox, path: string): Promise<Body> {
  const response = await fetch(`${sandbox.url}/v4/accounts/${sandbox.accountId}${path}`, { headers: { authorization: `Bearer ${sandbox.token}` } });
  assert.equal(response.status, 200, `GET ${path}`);
  return (await readJson(response)).data;
}

async function fetchBytes(url: string): Promise<{ type: string | null; bytes: Buffer }> {
  const response = await fetch(url);
  assert.equal(response.status, 200, url);
  return { type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
}

const isJpeg = (bytes: Buffer) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes.at(-2) === 0xff && bytes.at(-1) === 0xd9;

/** A lossy WebP's picture size, from its VP8 frame header; undefined for anything else. */
function webpSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 16) !== 'WEBPVP8 ') return undefined;
  return { width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
}

/** Uploads `bytes` as `name` into the root folder through presigned parts and waits until it is transcoded. */
async function upload(sandbox: CheckedSandbox, name: string, bytes: Buffer): Promise<string> {
  const created = await fetch(`${sandbox.url}/v4/accounts/${sandbox.accountId}/folders/${sandbox.rootFolderId}/files/local_upload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ data: { name, file_size: bytes.length } }),
  });
  assert.equal(created.status, 201);
  const file = (await readJson(created)).data as { id: string; media_type: string; upload_urls: Array<{ url: string; size: number }> };
  let offset = 0;
  for (const part of file.upload_urls) {
    const put = await fetch(part.url, { method: 'PUT', body: bytes.subarray(offset, (offset += part.size)), headers: { 'x-amz-acl': 'private', 'content-type': file.media_type } });
    assert.equal(put.status, 200);
  }
  for (;;) {
    if ((await get(sandbox, `/files/${file.id}`)).status === 'transcoded') return file.id;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('the demo clips list with their committed poster frames as thumbnail and thumbnail_high_quality', async () => {
  const [, day01] = demo.demo!.folderIds;
  const rows = await get(demo, `/folders/${day01}/children?include=media_links.thumbnail`);
  const clip = rows.find((row: Body) => row.name === 'A002_C011_Interview.webm');
  assert.ok(clip?.media_links.thumbnail.url, 'the demo video row has a thumbnail');
  const thumbnail = await fetchBytes(clip.media_links.thumbnail.url);
  assert.equal(thumbnail.type, 'image/jpeg');
  assert.deepEqual(thumbnail.bytes, readFileSync(join(SAMPLE_MEDIA_DIR, 'thumbnails', 'Harbor_Interview_DF.jpg')));
  const shown = await get(demo, `/files/${clip.id}?include=media_links.thumbnail_high_quality`);
  assert.deepEqual((await fetchBytes(shown.media_links.thumbnail_high_quality.url)).bytes, thumbnail.bytes);
});

test('the demo clips list with their committed scrub sheets, a WebP of 5 × 4 frames 160 pixels wide', async () => {
  const [, day01] = demo.demo!.folderIds;
  const rows = await get(demo, `/folders/${day01}/children?include=media_links.thumbnail,media_links.scrub_sheet`);
  const clip = rows.find((row: Body) => row.name === 'A002_C011_Interview.webm');
  assert.ok(clip?.media_links.scrub_sheet.url, 'the demo video row has a scrub sheet');
  const sheet = await fetchBytes(clip.media_links.scrub_sheet.url);
  assert.equal(sheet.type, 'image/webp');
  assert.deepEqual(sheet.bytes, readFileSync(join(SAMPLE_MEDIA_DIR, 'thumbnails', 'Harbor_Interview_DF.scrub.webp')));
  assert.deepEqual(webpSize(sheet.bytes), { width: 5 * 160, height: 4 * 90 }, 'tiles of the 320 × 180 clip\'s shape');
  const still = rows.find((row: Body) => row.media_type === 'image/png');
  assert.deepEqual(still.media_links.scrub_sheet, { url: null, download_url: null }, 'a still has no scrub sheet');
});

test('a version stack lists with its head version\'s thumbnail', async () => {
  const [feature] = await get(demo, `/workspaces/${demo.demo!.workspaceId}/projects`);
  const find = async (folderId: string, name: string) => (await get(demo, `/folders/${folderId}/children?include=media_links.thumbnail`)).find((row: Body) => row.name === name);
  const editorial = await find(feature.root_folder_id, 'Editorial');
  const cuts = await find(editorial.id, 'Cuts');
  const stack = await find(cuts.id, 'Harbor_Assembly_v2.webm');
  assert.equal(stack.type, 'version_stack');
  const thumbnail = await fetchBytes(stack.head_version.media_links.thumbnail.url);
  assert.deepEqual(thumbnail.bytes, readFileSync(join(SAMPLE_MEDIA_DIR, 'thumbnails', 'Harbor_Assembly_v2.jpg')));
});

test('an uploaded video in several parts gets a JPEG poster frame and a WebP scrub sheet of 5 × 4 frames from ffmpeg', { skip: noFfmpeg }, async () => {
  const clip = readFileSync(join(SAMPLE_MEDIA_DIR, 'Northlight_Spot_25fps.webm'));
  const id = await upload(uploads, 'Spot_upload.webm', clip);
  const file = await get(uploads, `/files/${id}?include=media_links.thumbnail`);
  const thumbnail = await fetchBytes(file.media_links.thumbnail.url);
  assert.equal(thumbnail.type, 'image/jpeg');
  assert.ok(isJpeg(thumbnail.bytes), 'a whole JPEG');
  assert.ok(thumbnail.bytes.length > 1000 && thumbnail.bytes.length < clip.length, `a picture, not the clip (${thumbnail.bytes.length} bytes)`);

  const links = (await get(uploads, `/files/${id}?include=media_links.scrub_sheet`)).media_links.scrub_sheet;
  const sheet = await fetchBytes(links.url);
  assert.equal(sheet.type, 'image/webp');
  assert.deepEqual(webpSize(sheet.bytes), { width: 800, height: 360 });
  const download = await fetch(links.download_url);
  assert.match(download.headers.get('content-disposition') ?? '', /attachment; filename="Spot_upload\.scrub\.webp"/);
  await download.arrayBuffer();
});

test('bytes ffmpeg cannot read as video are transcoded with no thumbnail and no scrub sheet', async () => {
  const id = await upload(uploads, 'not_really.mov', Buffer.alloc(40_000, 7));
  const file = await get(uploads, `/files/${id}?include=media_links.thumbnail,media_links.scrub_sheet`);
  assert.deepEqual(file.media_links.thumbnail, { url: null, download_url: null });
  assert.deepEqual(file.media_links.scrub_sheet, { url: null, download_url: null });
});

test('without ffmpeg an uploaded video is transcoded with no thumbnail or scrub sheet, and still plays', async () => {
  const id = await upload(withoutFfmpeg, 'Spot_upload.webm', readFileSync(join(SAMPLE_MEDIA_DIR, 'Northlight_Spot_25fps.webm')));
  const thumbnail = await get(withoutFfmpeg, `/files/${id}?include=media_links.thumbnail,media_links.scrub_sheet`);
  assert.deepEqual(thumbnail.media_links.thumbnail, { url: null, download_url: null });
  assert.deepEqual(thumbnail.media_links.scrub_sheet, { url: null, download_url: null });
  const playback = await get(withoutFfmpeg, `/files/${id}?include=media_links.high_quality`);
  assert.ok(playback.media_links.high_quality.url);
});
