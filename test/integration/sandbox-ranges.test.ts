// Media links answer byte ranges, across part boundaries, as players need to seek.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { AccountApi } from '../../main/core/api/resources.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { clientFor, content, engineFor, tempDir } from './transfer-helpers.ts';

const PART = 64 * 1024;
let sandbox: CheckedSandbox;
let url: URL;
const bytes = content('ranges', 3 * PART + 100);

before(async () => {
  sandbox = await startCheckedSandbox({ partSize: PART, transcodeDelayMs: 0 });
  const dir = tempDir('ranges');
  writeFileSync(join(dir, 'clip.mov'), bytes);
  const engine = engineFor(sandbox);
  const job = await engine.upload({ accountId: sandbox.accountId, folderId: sandbox.rootFolderId, paths: [join(dir, 'clip.mov')] });
  await engine.settled(job.id);
  const fileId = engine.files(job.id)[0]!.remoteId!;
  await engine.close();
  const file = await new AccountApi(clientFor(sandbox), sandbox.accountId).showFile(fileId, 'media_links.original');
  url = new URL(file.media_links!.original!.download_url!, sandbox.url);
});
after(() => sandbox.close());

const get = (range?: string) => fetch(url, { headers: range ? { range } : {} });

test('a range across part boundaries comes back exactly, with 206 and Content-Range', async () => {
  const start = PART - 10;
  const end = 2 * PART + 10;
  const response = await get(`bytes=${start}-${end}`);
  assert.equal(response.status, 206);
  assert.equal(response.headers.get('content-range'), `bytes ${start}-${end}/${bytes.length}`);
  assert.deepEqual(Buffer.from(await response.arrayBuffer()), bytes.subarray(start, end + 1));
});

test('open-ended and suffix ranges, and the whole object without a range', async () => {
  const tail = await get('bytes=-50');
  assert.deepEqual(Buffer.from(await tail.arrayBuffer()), bytes.subarray(bytes.length - 50));
  const from = await get(`bytes=${3 * PART}-`);
  assert.deepEqual(Buffer.from(await from.arrayBuffer()), bytes.subarray(3 * PART));
  const whole = await get();
  assert.equal(whole.status, 200);
  assert.equal(whole.headers.get('accept-ranges'), 'bytes');
  assert.deepEqual(Buffer.from(await whole.arrayBuffer()), bytes);
});

test('a range past the end is 416 with the size', async () => {
  const response = await get(`bytes=${bytes.length}-`);
  assert.equal(response.status, 416);
  assert.equal(response.headers.get('content-range'), `bytes */${bytes.length}`);
  await response.body?.cancel();
});
