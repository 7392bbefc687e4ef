// A file's own frame rate, end to end: uploaded through `slate upload`, the sandbox reads its
// technical metadata from the bytes, comments count frames from 0 at that rate (Frame.io's own
// display of 9000 and 11974 at 29.97 drop-frame), timecode bodies land on the right frame without
// the flag, and `slate comments` exports at the file's rate and start timecode unless told otherwise.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FrameioClient, staticToken } from '../../main/core/api/client.ts';
import { CommentService } from '../../main/core/review/comments.ts';
import { NODE, ROOT } from '../support/processes.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { tempDir } from './transfer-helpers.ts';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CLIP = join(ROOT, 'assets/sandbox/Harbor_Interview_DF.webm');
let sandbox: CheckedSandbox;
let comments: CommentService;
let fileId: string;

function slate(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, SLATE_API_URL: sandbox.url, SLATE_TOKEN: sandbox.token, SLATE_ACCOUNT_ID: sandbox.accountId, SLATE_DATA_DIR: tempDir('frame-rate') };
    const child = spawn(NODE, ['bin/slate.js', ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: Body }> {
  const response = await fetch(`${sandbox.url}/v4/accounts/${sandbox.accountId}${path}`, {
    method,
    headers: { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: response.status === 204 ? {} : ((await response.json()) as Body) };
}

before(async () => {
  sandbox = await startCheckedSandbox({ transcodeDelayMs: 0 });
  comments = new CommentService(new FrameioClient({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) }), sandbox.accountId);
  const upload = await slate(['upload', CLIP, '--to', sandbox.rootFolderId]);
  assert.equal(upload.status, 0, upload.stderr);
  const listed = (await api('GET', `/folders/${sandbox.rootFolderId}/children`)).body.data as Body[];
  fileId = listed.find((f) => f.name === 'Harbor_Interview_DF.webm')!.id;
  // The metadata is read while the file is processed; it shows once the file is transcoded.
  while ((await api('GET', `/files/${fileId}`)).body.data.status !== 'transcoded') await new Promise((r) => setTimeout(r, 50));
});
after(() => sandbox.close());

test('a file uploaded through Slate gets its Frame Rate, Duration and start timecode from its own bytes, immutable', async () => {
  const shown = (await api('GET', `/files/${fileId}?include=metadata`)).body.data;
  const fields = Object.fromEntries((shown.metadata as Body[]).map((m) => [m.field_definition_name, m]));
  assert.equal(fields['Frame Rate'].value, 29.97);
  assert.equal(fields['Frame Rate'].field_type, 'number');
  assert.equal(fields['Frame Rate'].mutable, false);
  assert.equal(typeof fields['Duration'].value, 'number');
  assert.ok(Math.abs(fields['Duration'].value - 4) < 0.05, `about 4 s, got ${fields['Duration'].value}`);
  assert.equal(fields['Start Timecode'].value, '00:00:58;00');
  assert.equal(fields['Audio Channels'].value, 1);
  const endpoint = (await api('GET', `/files/${fileId}/metadata`)).body.data;
  assert.deepEqual(endpoint.metadata, shown.metadata, 'the metadata endpoint lists the same fields');

  const write = await api('PATCH', `/projects/${sandbox.projectId}/metadata/values`, { data: { file_ids: [fileId], values: [{ field_definition_id: fields['Frame Rate'].field_definition_id, value: 25 }] } });
  assert.equal(write.status, 422);
  assert.match(write.body.errors[0].detail, /Frame Rate is read-only/);
  const again = (await api('GET', `/files/${fileId}/metadata`)).body.data.metadata as Body[];
  assert.equal(again.find((m) => m.field_definition_name === 'Frame Rate')!.value, 29.97, 'a write leaves it as the media said');
  const removal = await api('DELETE', `/metadata/field_definitions/${fields['Frame Rate'].field_definition_id}`);
  assert.equal(removal.status, 409, 'a built-in field cannot be deleted');
});

test("comment frames count from 0 at the file's own rate: 0, 9000 and 11974 show as Frame.io shows them at 29.97 drop-frame", async () => {
  for (const [text, timestamp] of [['First frame', 0], ['Five minutes', 9000], ['Later', 11_974]] as const) await comments.create(fileId, { text, timestamp });
  const shown = (await api('GET', `/files/${fileId}/comments?timestamp_as_timecode=true`)).body.data as Body[];
  assert.deepEqual(shown.map((c) => [c.text, c.timestamp]), [['First frame', '00:00:00;00'], ['Five minutes', '00:05:00;10'], ['Later', '00:06:39;16']]);
});

test('a timecode body is taken without timestamp_as_timecode and lands on its frame; one that cannot exist is refused with the reason', async () => {
  const created = await api('POST', `/files/${fileId}/comments`, { data: { text: 'At TC', timestamp: '00:05:00;10' } });
  assert.equal(created.status, 201);
  assert.equal(created.body.data.timestamp, 9000, 'answered as a frame number, since the flag was not given');
  const colons = await api('POST', `/files/${fileId}/comments`, { data: { text: 'Colons too', timestamp: '00:00:05:00' } });
  assert.equal(colons.body.data.timestamp, 150);
  const dropped = await api('POST', `/files/${fileId}/comments`, { data: { text: 'No such frame', timestamp: '00:01:00;00' } });
  assert.equal(dropped.status, 422);
  assert.match(dropped.body.errors[0].detail, /does not exist at 29\.97 DF/);
  assert.equal(dropped.body.errors[0].source.pointer, '/data/timestamp');
  for (const id of [created.body.data.id, colons.body.data.id]) await comments.remove(id);
});

test("slate comments exports at the file's own rate and start timecode, and says when --fps overrides it", async () => {
  const fromZero = await slate(['comments', fileId, '--format', 'json', '--start-tc', '00:00:00;00']);
  assert.equal(fromZero.status, 0, fromZero.stderr);
  assert.equal(fromZero.stderr, '', 'nothing to guess: the rate is the metadata');
  const body = JSON.parse(fromZero.stdout);
  assert.equal(body.file.frameRate, '29.97 DF');
  assert.equal(body.file.durationFrames, 120);
  assert.deepEqual(body.comments.map((c: Body) => c.timecodeIn), ['00:00:00;00', '00:05:00;10', '00:06:39;16']);

  // From the file's own start, 00:00:58;00 (frame 1740): 1740 + 9000 and 1740 + 11974, worked by hand.
  const own = JSON.parse((await slate(['comments', fileId, '--format', 'json'])).stdout);
  assert.equal(own.file.startTimecode, '00:00:58;00');
  assert.deepEqual(own.comments.map((c: Body) => c.timecodeIn), ['00:00:58;00', '00:05:58;10', '00:07:37;18']);
  const edl = await slate(['comments', fileId, '--format', 'edl']);
  assert.match(edl.stdout, /FCM: DROP FRAME\r\n/);
  assert.ok(edl.stdout.includes('002  001      V     C        00:05:58;10 00:05:58;11 00:05:58;10 00:05:58;11'));

  const overridden = await slate(['comments', fileId, '--format', 'json', '--fps', '25']);
  assert.equal(overridden.status, 0, overridden.stderr);
  assert.match(overridden.stderr, /25 fps as asked \(--fps\), overriding the file's own 29\.97 DF fps/);
  assert.deepEqual(JSON.parse(overridden.stdout).comments.map((c: Body) => c.timecodeIn), ['00:00:00:00', '00:06:00:00', '00:07:58:24'], "a start the override cannot read is left at zero");
});
