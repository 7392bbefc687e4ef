// The comment service against the sandbox: frames and timecodes in, authors, replies and drawings
// out, and the exports made from what the API returns.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FrameioClient, staticToken } from '../../main/core/api/client.ts';
import { AccountApi } from '../../main/core/api/resources.ts';
import { AnnotationError, parseAnnotation } from '../../main/core/review/annotation.ts';
import { CommentService, toExportComment } from '../../main/core/review/comments.ts';
import { renderExport } from '../../main/core/review/exports/index.ts';
import { probeFrameRate } from '../../main/core/review/frame-rate-probe.ts';
import { frameRate, timecodeOfApiTimestamp } from '../../main/common/timecode.ts';
import { NODE, ROOT } from '../support/processes.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

let sandbox: CheckedSandbox;
let client: FrameioClient;
let service: CommentService;
let fileId: string;

before(async () => {
  sandbox = await startCheckedSandbox();
  client = new FrameioClient({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) });
  service = new CommentService(client, sandbox.accountId);
  const file = await new AccountApi(client, sandbox.accountId).createLocalUpload(sandbox.rootFolderId, 'Beach, take 2.mov', 1_000);
  fileId = file.id;
});
after(() => sandbox.close());

const RECT = { tool: 'rect', color: '#f22237', size: 8, x: 0.25, y: 0.125, w: 0.5, h: 0.5 };

test('comments made at frames, at a timecode and on the whole file come back with authors, drawings and replies', async () => {
  const first = await service.create(fileId, { text: 'Too warm, pull the reds', timestamp: 0, annotation: [RECT] });
  assert.equal(first.timestamp, 0);
  assert.deepEqual(parseAnnotation(first.annotation), [{ ...RECT, color: '#F22237' }]);
  await service.create(fileId, { text: 'Hold "this" shot,\nlonger', timestamp: 1800, durationFrames: 48 });
  await service.create(fileId, { text: 'Lovely grade overall ✓' });
  // A timecode goes in as the API's own form: HH:MM:SS:FF with timestamp_as_timecode.
  const byTimecode = await client.call<{ data: { id: string } }>('comments.create', {
    params: { account_id: sandbox.accountId, file_id: fileId },
    query: { timestamp_as_timecode: true },
    body: { data: { text: 'Cut here', timestamp: '00:00:10:00' } },
  });
  // Replies cannot be made through the stable API; one made in Frame.io's own app is put in place.
  const now = new Date().toISOString();
  sandbox.store.put('comment', {
    id: randomUUID(), account_id: sandbox.accountId, file_id: fileId, parent_id: first.id, owner_id: sandbox.userId, text: 'Done in v2', timestamp: 0,
    duration: null, annotation: null, page: null, text_edited_at: null, completed_at: null, completer_id: null, created_at: now, updated_at: now,
  });

  const listed = await service.list(fileId);
  assert.deepEqual(
    listed.map((c) => [c.text, c.timestamp, c.durationFrames, c.author?.name, c.replies.map((r) => r.text)]),
    [
      ['Too warm, pull the reds', 0, null, 'Rosa Alvarez', ['Done in v2']],
      ['Hold "this" shot,\nlonger', 1800, 48, 'Rosa Alvarez', []],
      ['Lovely grade overall ✓', null, null, 'Rosa Alvarez', []],
      ['Cut here', 240, null, 'Rosa Alvarez', []],
    ],
  );
  assert.equal(listed.find((c) => c.id === byTimecode.data.id)?.timestamp, 10 * 24, 'a file whose media gives no rate counts 24 frames a second, from frame 0');

  const rate = probeFrameRate(new Map(listed.map((c) => [c.id, c.timestamp])), await service.timecodes(fileId));
  assert.equal(rate?.name, '24', "the file's rate, read off the API's own timecodes");
});

test('edit, complete, reopen and delete go through, and the list shows each change', async () => {
  const comment = await service.create(fileId, { text: 'Typo in the title card', timestamp: 49 });
  assert.equal((await service.edit(comment.id, { text: 'Typo in the end card', annotation: [{ tool: 'arrow', color: '#00FF00', size: 4, x1: 0.1, y1: 0.1, x2: 0.5, y2: 0.5 }] })).text, 'Typo in the end card');
  assert.equal((await service.setCompleted(comment.id, true)).completed, true);
  let again = (await service.list(fileId, { replies: false })).find((c) => c.id === comment.id)!;
  assert.equal(again.completed, true);
  assert.ok(again.editedAt, 'the text edit is stamped');
  assert.equal(parseAnnotation(again.annotation)[0]?.tool, 'arrow');
  assert.equal((await service.setCompleted(comment.id, false)).completed, false);
  again = (await service.list(fileId, { replies: false })).find((c) => c.id === comment.id)!;
  assert.equal(again.completed, false);
  await service.remove(comment.id);
  assert.ok(!(await service.list(fileId, { replies: false })).some((c) => c.id === comment.id));
});

test('bad drawings and frame numbers are refused before anything is sent', async () => {
  const before = sandbox.exchanges.length;
  await assert.rejects(service.create(fileId, { text: 'x', timestamp: 5, annotation: [{ ...RECT, x: 1.2 }] }), { name: 'AnnotationError', message: /Shape 1 \(rect\): x must be a number from 0 to 1/ });
  await assert.rejects(service.create(fileId, { text: 'x', annotation: [{ tool: 'circle', color: '#FFFFFF', size: 2 }] }), AnnotationError);
  await assert.rejects(service.create(fileId, { text: 'x', timestamp: -1 }), /frame number from 0, got -1/);
  await assert.rejects(service.create(fileId, { text: 'x', durationFrames: 5 }), /needs a timestamp/);
  await assert.rejects(service.create(fileId, { text: '  ' }), /needs some text/);
  assert.equal(sandbox.exchanges.length, before);
});

test('a missing file is reported as not found', async () => {
  await assert.rejects(service.list(randomUUID()), { name: 'ApiError', kind: 'not-found' });
});

test('exports made from the API answer put each comment at its timecode', async () => {
  const rate = frameRate('24');
  const listed = await service.list(fileId);
  const review = { file: { name: 'Beach, take 2.mov', rate, startTimecode: '01:00:00:00' }, comments: listed.map(toExportComment) };
  const edl = renderExport('edl', review);
  for (const c of listed.filter((c) => c.timestamp !== null)) {
    assert.ok(edl.includes(` ${timecodeOfApiTimestamp(c.timestamp!, rate, '01:00:00:00')} `), `${c.text} in the EDL`);
  }
  assert.ok(edl.includes('004  001      V     C        01:01:15:00 01:01:17:00 01:01:15:00 01:01:17:00  \r\n |C:ResolveColorBlue |M:Rosa Alvarez: Hold "this" shot, longer |D:48\r\n'));
  const csv = renderExport('csv', review);
  assert.match(csv, /\r\n1,,,,Rosa Alvarez,Lovely grade overall ✓,Open,/);
  assert.match(csv, /\r\n2,01:00:00:00,,,Rosa Alvarez,"Too warm, pull the reds",Open,.*\r\n2\.1,01:00:00:00,,,,Done in v2,Reply,/);
  assert.match(csv, /"Hold ""this"" shot,\nlonger"/);
});

// Async spawn: a synchronous one would block the in-process sandbox the command talks to.
function slate(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, SLATE_API_URL: sandbox.url, SLATE_TOKEN: sandbox.token, SLATE_ACCOUNT_ID: sandbox.accountId };
    const child = spawn(NODE, ['bin/slate.js', 'comments', ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

test('slate comments prints a marker EDL, reading the frame rate off the API', async () => {
  const result = await slate([fileId, '--format', 'edl']);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^TITLE: Beach, take 2\.mov\r\nFCM: NON-DROP FRAME\r\n/);
  assert.ok(result.stdout.includes('00:00:10:00 00:00:10:01 00:00:10:00 00:00:10:01  \r\n |C:ResolveColorBlue |M:Rosa Alvarez: Cut here |D:1'));
  assert.match(result.stderr, /the file's metadata gives none; Frame\.io's timecodes count it at 24 fps\. Pass --fps for its exact rate/);
});

test('slate comments --output writes FCPXML at the rate and start timecode given', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'slate-review-'));
  try {
    const output = join(dir, 'notes.fcpxml');
    const result = await slate([fileId, '--format', 'fcpxml', '--output', output, '--fps', '23.976', '--start-tc', '01:00:00:00']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^Wrote 4 comments on Beach, take 2\.mov to .*notes\.fcpxml \(FCPXML markers \(Final Cut Pro\)\)\.\n$/);
    const xml = await readFile(output, 'utf8');
    assert.match(xml, /<format id="r1" frameDuration="1001\/24000s"\/>/);
    assert.match(xml, /tcStart="3603600\/1000s"|tcStart="18018\/5s"/);
    assert.equal(result.stderr, '', 'no guess to mention when the rate is given');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('slate comments --json gives the comments with their timecodes', async () => {
  const result = await slate([fileId, '--json']);
  assert.equal(result.status, 0, result.stderr);
  const body = JSON.parse(result.stdout);
  assert.equal(body.file.frameRate, '24');
  assert.deepEqual(body.comments.map((c: { timecodeIn: string | null; text: string }) => [c.timecodeIn, c.text]), [
    [null, 'Lovely grade overall ✓'],
    ['00:00:00:00', 'Too warm, pull the reds'],
    ['00:00:10:00', 'Cut here'],
    ['00:01:15:00', 'Hold "this" shot,\nlonger'],
  ]);
});

test('slate comments fails clearly: a missing file, an unknown format, a timecode that cannot be', async () => {
  const [missing, format, dropped] = await Promise.all([
    slate([randomUUID(), '--format', 'csv']),
    slate([fileId, '--format', 'pdf']),
    slate([fileId, '--fps', '29.97df', '--start-tc', '00:01:00;00']),
  ]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /File [0-9a-f-]+ was not found in account [0-9a-f-]+\.\n\s+Check the id/);
  assert.equal(format.status, 2);
  assert.match(format.stderr, /Unknown format "pdf"; use one of csv, edl, avid, fcpxml, json/);
  assert.equal(dropped.status, 2);
  assert.match(dropped.stderr, /"00:01:00;00" does not exist at 29\.97 DF/);
});
