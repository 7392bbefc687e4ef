// The demo seed as a new user meets it: a workspace with two projects, nested folders, sample
// media already transcoded (bytes identical to assets/sandbox/), a version stack, a PDF and comments.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { SAMPLE_MEDIA_DIR } from '../../main/sandbox/seed-demo.ts';
import { readJson, type Body } from '../support/http.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

let sandbox: CheckedSandbox;
before(async () => {
  sandbox = await startCheckedSandbox({ seed: 'demo', rateLimits: 'off' });
});
after(() => sandbox.close());

async function get(path: string): Promise<Body> {
  const response = await fetch(sandbox.url + path, { headers: { authorization: `Bearer ${sandbox.token}` } });
  assert.equal(response.status, 200, `GET ${path}`);
  return readJson(response);
}

const a = () => `/v4/accounts/${sandbox.accountId}`;

async function childNamed(folderId: string, name: string, include = ''): Promise<Body> {
  const children = (await get(`${a()}/folders/${folderId}/children${include ? `?include=${include}` : ''}`)).data;
  const child = children.find((c: Body) => c.name === name);
  assert.ok(child, `${name} in ${children.map((c: Body) => c.name).join(', ')}`);
  return child;
}

async function productions(): Promise<Body[]> {
  const workspaces = (await get(`${a()}/workspaces`)).data;
  assert.deepEqual(workspaces.map((w: Body) => w.name), ['Northlight', 'Productions'], 'the minimal seed\'s workspace still lists first');
  return (await get(`${a()}/workspaces/${workspaces[1].id}/projects`)).data;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

test('the demo keeps the minimal world and adds a workspace with two projects and nested folders', async () => {
  assert.equal((await get('/v4/me')).data.name, 'Rosa Alvarez');
  const projects = await productions();
  assert.deepEqual(projects.map((p: Body) => p.name), ['Harbor Lights — Feature', 'Northlight Spot 30s']);
  const root = projects[0].root_folder_id;
  const top = (await get(`${a()}/folders/${root}/children`)).data.map((c: Body) => c.name);
  assert.deepEqual(top.sort(), ['Dailies', 'Documents', 'Editorial', 'Sound', 'Stills']);
  const dailies = await childNamed(root, 'Dailies');
  const day01 = await childNamed(dailies.id, 'Day 01');
  const shots = (await get(`${a()}/folders/${day01.id}/children`)).data.map((c: Body) => c.name);
  assert.deepEqual(shots.sort(), ['A001_C003_Slate.png', 'A002_C011_Interview.webm', 'SR001_T03_RoomTone.wav']);
  assert.ok((await get(`${a()}/projects/${projects[0].id}`)).data.storage > 0);
});

test('sample files are transcoded, with thumbnails for images and the shipped bytes as the original', async () => {
  const [feature] = await productions();
  const stills = await childNamed(feature.root_folder_id, 'Stills');
  const dawn = await childNamed(stills.id, 'Harbor_Dawn.png', 'media_links.thumbnail');
  assert.equal(dawn.status, 'transcoded');
  assert.equal(dawn.media_type, 'image/png');
  assert.ok(dawn.media_links.thumbnail.url, 'an image has a thumbnail');
  const shown = (await get(`${a()}/files/${dawn.id}?include=media_links.original`)).data;
  const original = Buffer.from(await (await fetch(shown.media_links.original.download_url)).arrayBuffer());
  assert.equal(sha256(original), sha256(readFileSync(join(SAMPLE_MEDIA_DIR, 'Harbor_Dawn.png'))));
  assert.equal(original.length, dawn.file_size);
  const thumbnail = await fetch(dawn.media_links.thumbnail.url);
  assert.equal(thumbnail.status, 200);
  assert.equal(thumbnail.headers.get('content-type'), 'image/png');
  await thumbnail.body?.cancel();
  const sound = await childNamed(feature.root_folder_id, 'Sound');
  const tone = await childNamed(sound.id, 'Room_Tone_440Hz.wav', 'media_links.efficient');
  assert.equal(tone.media_type, 'audio/wav');
  assert.ok(tone.media_links.efficient.url, 'audio has a playback rendition');
});

test('the cut is a version stack of two versions with comments at timecodes, one annotated, one completed', async () => {
  const [feature] = await productions();
  const editorial = await childNamed(feature.root_folder_id, 'Editorial');
  const cuts = await childNamed(editorial.id, 'Cuts');
  const stack = await childNamed(cuts.id, 'Harbor_Assembly_v2.webm');
  assert.equal(stack.type, 'version_stack');
  assert.equal(stack.head_version.name, 'Harbor_Assembly_v2.webm');
  const versions = (await get(`${a()}/version_stacks/${stack.id}/children`)).data;
  assert.deepEqual(versions.map((v: Body) => v.name), ['Harbor_Assembly_v2.webm', 'Harbor_Assembly_v1.webm'], 'newest first');
  assert.ok(versions.every((v: Body) => v.status === 'transcoded' && v.media_type === 'video/webm'));

  const comments = (await get(`${a()}/files/${stack.head_version.id}/comments?timestamp_as_timecode=true`)).data;
  assert.deepEqual(comments.map((c: Body) => c.timestamp), ['00:00:00:12', '00:00:01:06', '00:00:01:23']);
  const annotated = comments.filter((c: Body) => c.annotation !== null);
  assert.equal(annotated.length, 1);
  assert.ok(Array.isArray(JSON.parse(annotated[0].annotation)));
  const completed = comments.filter((c: Body) => c.completed_at !== null);
  assert.equal(completed.length, 1);
  assert.equal(completed[0].completer_id, sandbox.userId);
  const frames = (await get(`${a()}/files/${stack.head_version.id}/comments`)).data.map((c: Body) => c.timestamp);
  assert.deepEqual(frames, [12, 30, 47], 'frame numbers at 23.976 fps, the first frame is 0');
  const earlier = (await get(`${a()}/files/${versions[1].id}/comments`)).data;
  assert.equal(earlier.length, 1);
});

test('the call sheet is a three-page PDF with a drawn-on comment on page 2', async () => {
  const [feature] = await productions();
  const documents = await childNamed(feature.root_folder_id, 'Documents');
  const sheet = await childNamed(documents.id, 'Harbor_Call_Sheet.pdf');
  assert.equal(sheet.media_type, 'application/pdf');
  assert.equal(sheet.status, 'transcoded');
  const shown = (await get(`${a()}/files/${sheet.id}?include=media_links.original`)).data;
  const original = Buffer.from(await (await fetch(shown.media_links.original.inline_url)).arrayBuffer());
  assert.equal(sha256(original), sha256(readFileSync(join(SAMPLE_MEDIA_DIR, 'Harbor_Call_Sheet.pdf'))));
  assert.equal(original.subarray(0, 5).toString(), '%PDF-');
  const comments = (await get(`${a()}/files/${sheet.id}/comments`)).data;
  assert.deepEqual(comments.map((c: Body) => [c.page, c.timestamp]), [[2, null]]);
  assert.equal(JSON.parse(comments[0].annotation)[0].tool, 'rect');
});

test('the second project has its own folders and media', async () => {
  const [, spot] = await productions();
  const stills = await childNamed(spot.root_folder_id, 'Stills');
  const keyframe = await childNamed(stills.id, 'Spot_Keyframe_01.png');
  assert.equal(keyframe.status, 'transcoded');
  await childNamed(spot.root_folder_id, 'Sound');
});

/** A file's technical metadata as name → value, read as a client reads it. */
async function technical(fileId: string): Promise<Record<string, unknown>> {
  const file = (await get(`${a()}/files/${fileId}?include=metadata`)).data;
  assert.ok(file.metadata.every((m: Body) => m.mutable === false), "only the media's own fields on a demo file");
  return Object.fromEntries(file.metadata.map((m: Body) => [m.field_definition_name, m.value]));
}

test('each demo clip lists its frame rate, duration and start timecode, read from its bytes, and its comments count frames at that rate from 0', async () => {
  const [feature, spot] = await productions();
  const day01 = await childNamed((await childNamed(feature.root_folder_id, 'Dailies')).id, 'Day 01');
  const interview = await childNamed(day01.id, 'A002_C011_Interview.webm');
  const cut = await childNamed((await childNamed(feature.root_folder_id, 'Editorial')).id, 'Cuts').then((cuts) => childNamed(cuts.id, 'Harbor_Assembly_v2.webm'));
  const spotCut = await childNamed((await childNamed(spot.root_folder_id, 'Edit')).id, 'Northlight_Spot_30s_v3.webm');
  const clips: Array<[string, number, string, Body]> = [
    ['29.97 DF', 29.97, '00:00:58;00', interview],
    ['23.976', 23.976, '01:00:00:00', cut.head_version],
    ['25', 25, '10:00:00:00', spotCut],
  ];
  for (const [name, rate, start, file] of clips) {
    const fields = await technical(file.id);
    assert.equal(fields['Frame Rate'], rate, `${name}: Frame Rate`);
    assert.equal(typeof fields['Duration'], 'number');
    assert.ok(Math.abs((fields['Duration'] as number) - 4) < 0.05, `${name}: about 4 s, got ${fields['Duration']}`);
    assert.equal(fields['Start Timecode'], start);
    assert.equal(fields['Width'], 320);
    assert.equal(fields['Video Codec'], 'VP9');
    assert.equal(fields['Audio Codec'], 'Opus');
    const comments = (await get(`${a()}/files/${file.id}/comments?timestamp_as_timecode=true`)).data;
    assert.ok(comments.length >= 2, `${name} has comments`);
  }
  const frames = (await get(`${a()}/files/${interview.id}/comments`)).data.map((c: Body) => c.timestamp);
  assert.deepEqual(frames, [0, 75, 110], 'at 29.97 DF: 00:00:00;00, 00:00:02;15, 00:00:03;20');
  const shown = (await get(`${a()}/files/${interview.id}/comments?timestamp_as_timecode=true`)).data.map((c: Body) => c.timestamp);
  assert.deepEqual(shown, ['00:00:00;00', '00:00:02;15', '00:00:03;20']);
  const spotShown = (await get(`${a()}/files/${spotCut.id}/comments?timestamp_as_timecode=true`)).data.map((c: Body) => c.timestamp);
  assert.deepEqual(spotShown, ['00:00:00:00', '00:00:02:13'], 'timestamp 0 shows as 00:00:00:00');
  // A still and a PDF have no rate.
  const stills = await childNamed(feature.root_folder_id, 'Stills');
  assert.deepEqual(await technical((await childNamed(stills.id, 'Harbor_Dawn.png')).id), {});
});
