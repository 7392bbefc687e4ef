// Comments on a PDF against the sandbox: they sit on a page and never at a timestamp, come back
// with their page, and export with it; what a document cannot take is refused with the reason.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FrameioClient, staticToken } from '../../main/core/api/client.ts';
import { AccountApi } from '../../main/core/api/resources.ts';
import { reviewHandlers } from '../../main/core/handlers/review.ts';
import { parseAnnotation } from '../../main/core/review/annotation.ts';
import { CommentService } from '../../main/core/review/comments.ts';
import type { Following } from '../../main/core/review/following.ts';
import { SAMPLE_MEDIA_DIR } from '../../main/sandbox/seed-demo.ts';
import { NODE, ROOT } from '../support/processes.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

let sandbox: CheckedSandbox;
let client: FrameioClient;
let service: CommentService;
let pdfId: string;
let clipId: string;

/** Created and its bytes sent to the part URLs, as an upload does. */
async function upload(name: string, bytes: Buffer): Promise<string> {
  const file = await new AccountApi(client, sandbox.accountId).createLocalUpload(sandbox.rootFolderId, name, bytes.length);
  let offset = 0;
  for (const part of file.upload_urls) {
    const response = await fetch(part.url, { method: 'PUT', body: bytes.subarray(offset, (offset += part.size)), headers: { 'x-amz-acl': 'private', 'content-type': file.media_type ?? '' } });
    assert.equal(response.status, 200);
  }
  return file.id;
}

before(async () => {
  sandbox = await startCheckedSandbox();
  client = new FrameioClient({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) });
  service = new CommentService(client, sandbox.accountId);
  pdfId = await upload('Call sheet.pdf', readFileSync(join(SAMPLE_MEDIA_DIR, 'Harbor_Call_Sheet.pdf')));
  clipId = await upload('Clip.mov', Buffer.alloc(2_000, 7));
});
after(() => sandbox.close());

const RECT = { tool: 'rect', color: '#F22237', size: 4, x: 0.1, y: 0.2, w: 0.3, h: 0.25 };

test('a comment on page 2 of a PDF, with a drawing, lists back on its page with no timestamp', async () => {
  const made = await service.create(pdfId, { text: 'Swap these frames', page: 2, annotation: [RECT] });
  assert.deepEqual([made.page, made.timestamp], [2, null]);
  await service.create(pdfId, { text: 'Print 40 copies' });
  const sent = sandbox.exchanges.filter((e) => e.method === 'POST' && e.url.endsWith(`/files/${pdfId}/comments`));
  assert.deepEqual(sent[0]?.requestBody, { data: { text: 'Swap these frames', annotation: JSON.stringify([RECT]), page: 2 } }, 'the page goes in as the spec has it, and no timestamp');

  const listed = await service.list(pdfId);
  assert.deepEqual(
    listed.map((c) => [c.text, c.page, c.timestamp, c.author?.name]),
    [
      ['Swap these frames', 2, null, 'Rosa Alvarez'],
      ['Print 40 copies', null, null, 'Rosa Alvarez'],
    ],
  );
  assert.deepEqual(parseAnnotation(listed[0]!.annotation), [RECT]);

  // Moved to another page through comments.update, as Frame.io's own app can.
  await client.call('comments.update', { params: { account_id: sandbox.accountId, comment_id: made.id }, body: { data: { page: 3 } } });
  assert.equal((await service.list(pdfId, { replies: false })).find((c) => c.id === made.id)?.page, 3);
});

test("the PDF's CSV export has the page column; a timeline format says why it cannot be made", async () => {
  const handlers = reviewHandlers(client, {} as Following);
  const csv = await handlers['comments:export']({ accountId: sandbox.accountId, fileId: pdfId, format: 'csv' });
  assert.equal(csv.filename, 'Call sheet comments.csv');
  const rows = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(rows[0], '#,Timecode In,Timecode Out,Page,Author,Comment,Status,Created');
  assert.match(rows[1]!, /^1,,,,Rosa Alvarez,Print 40 copies,Open,/);
  assert.match(rows[2]!, /^2,,,3,Rosa Alvarez,Swap these frames,Open,/);
  await assert.rejects(handlers['comments:export']({ accountId: sandbox.accountId, fileId: pdfId, format: 'edl' }), {
    name: 'UnsuitableExport',
    message: /EDL markers \(DaVinci Resolve\) places comments as markers on a timeline, and Call sheet\.pdf is a document: its comments sit on pages\. Export CSV or JSON instead/,
  });
});

test('slate comments exports a PDF as CSV with pages, and refuses EDL as a usage error that says why', async () => {
  // Async spawn: a synchronous one would block the in-process sandbox the command talks to.
  const slate = (...args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const env = { ...process.env, SLATE_API_URL: sandbox.url, SLATE_TOKEN: sandbox.token, SLATE_ACCOUNT_ID: sandbox.accountId };
      const child = spawn(NODE, ['bin/slate.js', 'comments', pdfId, ...args], { cwd: ROOT, env });
      let [stdout, stderr] = ['', ''];
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('exit', (status) => resolve({ status, stdout, stderr }));
    });
  const [csv, edl] = await Promise.all([slate('--format', 'csv'), slate('--format', 'edl')]);
  assert.equal(csv.status, 0, csv.stderr);
  assert.match(csv.stdout, /\r\n2,,,3,Rosa Alvarez,Swap these frames,Open,/);
  assert.equal(edl.status, 2);
  assert.match(edl.stderr, /is a document: its comments sit on pages\. Export CSV or JSON instead/);
  assert.equal(edl.stdout, '');
});

test('the sandbox refuses a timestamp on a PDF and a page on a video, with 422 and the field', async () => {
  const refused = (fileId: string, data: Record<string, unknown>) =>
    assert.rejects(client.call('comments.create', { params: { account_id: sandbox.accountId, file_id: fileId }, body: { data } }), (error: Record<string, unknown>) => {
      assert.equal(error.name, 'ApiError');
      assert.equal(error.status, 422);
      return true;
    });
  await refused(pdfId, { text: 'At a frame?', timestamp: 10 });
  await refused(clipId, { text: 'On a page?', page: 1 });
  const onClip = await service.create(clipId, { text: 'Fine at a frame', timestamp: 10 });
  await assert.rejects(client.call('comments.update', { params: { account_id: sandbox.accountId, comment_id: onClip.id }, body: { data: { page: 2 } } }), { status: 422 });

  const refusals = sandbox.exchanges.filter((e) => e.status === 422).map((e) => (e.responseBody as { errors: Array<{ detail: string; source: { pointer: string } }> }).errors[0]);
  assert.deepEqual(
    refusals.map((e) => [e?.source.pointer, e?.detail]),
    [
      ['/data/timestamp', 'timestamp is only allowed on audio, video or stream files; comment on a page of a PDF document with page'],
      ['/data/page', 'page is only allowed on a PDF document'],
      ['/data/page', 'page is only allowed on a PDF document'],
    ],
  );
  assert.equal((await service.list(pdfId, { replies: false })).length, 2, 'nothing refused was kept');
});

test('a page and a timestamp together, or a page before the first, are refused before anything is sent', async () => {
  const before = sandbox.exchanges.length;
  await assert.rejects(service.create(pdfId, { text: 'x', page: 2, timestamp: 5 }), /either at a frame of media \(timestamp\) or on a page of a document \(page\), not both/);
  await assert.rejects(service.create(pdfId, { text: 'x', page: 0 }), { name: 'RangeError', message: /page number from 1/ });
  await assert.rejects(service.create(pdfId, { text: 'x', page: 1.5 }), RangeError);
  assert.equal(sandbox.exchanges.length, before);
});
