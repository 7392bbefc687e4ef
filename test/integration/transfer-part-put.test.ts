// The byte path of one part against the sandbox's object store: parts larger than the read buffers
// sent side by side (the buffers are reused between parts), a refused link answered before the body
// is sent (Expect: 100-continue), a source that shrinks, a reset, an abort and a bandwidth limit.
// Every failure takes back the bytes it had counted.
import assert from 'node:assert/strict';
import { truncateSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { systemClock } from '../../main/core/api/clock.ts';
import { AccountApi } from '../../main/core/api/resources.ts';
import { Bandwidth, parseBandwidth } from '../../main/core/transfers/bandwidth.ts';
import { nodeFs } from '../../main/core/transfers/fs.ts';
import { PartRetryable, putPart, SourceReadError, UrlRejected, type PartJob } from '../../main/core/transfers/part-upload.ts';
import { READ_SIZE } from '../../main/core/transfers/read-buffers.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { clientFor, makeTree, remoteTree, sha256, sha256File } from './transfer-helpers.ts';

// Not a multiple of the read size, so every part ends on a short read.
const PART = Math.floor(2.5 * READ_SIZE) + 7;
let sandbox: CheckedSandbox;
let resetting: CheckedSandbox;
before(async () => {
  sandbox = await startCheckedSandbox({ partSize: PART, rateLimits: 'off', transcodeDelayMs: 0 });
  resetting = await startCheckedSandbox({ partSize: PART, rateLimits: 'off', transcodeDelayMs: 0, faults: 'part:reset@every1' });
});
after(async () => {
  await sandbox.close();
  await resetting.close();
});

interface Upload {
  fileId: string;
  folderId: string;
  parts: Array<{ url: string; offset: number; size: number }>;
  media: string;
}

async function createUpload(on: CheckedSandbox, path: string, size: number): Promise<Upload> {
  const api = new AccountApi(clientFor(on), on.accountId);
  const folderId = (await api.createFolder(on.rootFolderId, `parts ${Date.now()} ${Math.random()}`)).id;
  const created = await api.createLocalUpload(folderId, path.split('/').pop()!, size);
  let offset = 0;
  const parts = created.upload_urls.map((u) => {
    const part = { url: u.url, offset, size: u.size };
    offset += u.size;
    return part;
  });
  return { fileId: created.id, folderId, parts, media: created.media_type ?? 'application/octet-stream' };
}

function job(path: string, upload: Upload, index: number, overrides: Partial<PartJob> = {}): PartJob {
  const part = upload.parts[index]!;
  return {
    url: part.url,
    path,
    offset: part.offset,
    size: part.size,
    mediaType: upload.media,
    fs: nodeFs,
    bandwidth: new Bandwidth(systemClock),
    signal: new AbortController().signal,
    onBytes: () => undefined,
    ...overrides,
  };
}

test('parts of several read buffers, sent five at a time, arrive byte for byte with their sha256s', async () => {
  const size = 5 * PART - 3;
  const path = join(makeTree({ 'reel.mov': size }), 'reel.mov');
  const upload = await createUpload(sandbox, path, size);
  let counted = 0;
  // Twice over: the second round reads into the buffers the first one gave back.
  const digests = await Promise.all(upload.parts.map((_, i) => putPart(job(path, upload, i, { onBytes: (d) => (counted += d) }))));
  const again = await createUpload(sandbox, path, size);
  await Promise.all(again.parts.map((_, i) => putPart(job(path, again, i))));

  assert.equal(counted, size, 'every byte counted once');
  const bytes = nodeFs.read(path, 0, size - 1);
  const whole = Buffer.alloc(size);
  for (let at = 0, n; (n = await bytes.read(whole.subarray(at))) > 0; ) at += n;
  await bytes.close();
  assert.deepEqual(
    digests,
    upload.parts.map((p) => sha256(whole.subarray(p.offset, p.offset + p.size))),
  );
  for (const sent of [upload, again]) {
    const remote = await remoteTree(sandbox, sent.folderId);
    assert.equal(remote.get('reel.mov')?.[0]?.sha256, sha256File(path));
  }
});

test('a refused link is answered before the body goes: UrlRejected, nothing counted, even for a large part', async () => {
  const size = 2 * PART;
  const path = join(makeTree({ 'refused.mov': size }), 'refused.mov');
  const upload = await createUpload(sandbox, path, size);
  const forged = new URL(upload.parts[0]!.url);
  forged.searchParams.set('X-Amz-Signature', '0'.repeat(64));
  let counted = 0;
  await assert.rejects(
    putPart(job(path, upload, 0, { url: forged.href, onBytes: (d) => (counted += d) })),
    (error: unknown) => error instanceof UrlRejected && error.status === 403,
  );
  assert.equal(counted, 0, 'no byte was sent');
  assert.ok(sandbox.exchanges.some((e) => e.method === 'PUT' && e.status === 403 && e.url.includes('0'.repeat(64))));
});

test('a server that never gives the go-ahead still gets the part, after a wait', async () => {
  const path = join(makeTree({ 'unasked.mov': PART }), 'unasked.mov');
  // Not the sandbox, which answers as S3 does: a server (or a proxy) that ignores the expectation.
  const received: Buffer[] = [];
  const server = createServer();
  server.on('checkContinue', (req, res) => {
    req.on('data', (chunk: Buffer) => received.push(chunk));
    req.on('end', () => res.writeHead(200, { 'content-length': 0 }).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/part`;
  try {
    const upload = { fileId: '', folderId: '', parts: [{ url, offset: 0, size: PART }], media: 'video/quicktime' };
    const digest = await putPart(job(path, upload, 0));
    assert.equal(digest, sha256File(path));
    assert.equal(Buffer.concat(received).length, PART);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('a source that shrinks before its part is read fails as a read error, not a network one', async () => {
  const size = 2 * PART;
  const path = join(makeTree({ 'shrinks.mov': size }), 'shrinks.mov');
  const upload = await createUpload(sandbox, path, size);
  truncateSync(path, PART + READ_SIZE);
  let counted = 0;
  await assert.rejects(putPart(job(path, upload, 1, { onBytes: (d) => (counted += d) })), (error: unknown) => {
    assert.ok(error instanceof SourceReadError, String(error));
    assert.match(error.message, /read \d+ of \d+ bytes: the file changed during upload/);
    return true;
  });
  assert.equal(counted, 0);
});

test('a source that cannot be opened fails as a read error that names the cause', async () => {
  const upload = await createUpload(sandbox, 'gone.mov', PART);
  await assert.rejects(putPart(job('/nonexistent/gone.mov', upload, 0)), (error: unknown) => error instanceof SourceReadError && /ENOENT/.test(error.message));
});

test('a connection reset mid-part is worth another attempt, with the system code in its message', async () => {
  const path = join(makeTree({ 'reset.mov': PART }), 'reset.mov');
  const upload = await createUpload(resetting, path, PART);
  let counted = 0;
  await assert.rejects(putPart(job(path, upload, 0, { onBytes: (d) => (counted += d) })), (error: unknown) => {
    assert.ok(error instanceof PartRetryable, String(error));
    assert.match(error.message, /^E[A-Z]+: /);
    return true;
  });
  assert.equal(counted, 0);
});

test('an abort mid-part rejects with its reason and takes back what was counted', async () => {
  const path = join(makeTree({ 'abort.mov': PART }), 'abort.mov');
  const upload = await createUpload(sandbox, path, PART);
  const controller = new AbortController();
  const reason = new Error('paused by the person');
  let counted = 0;
  const onBytes = (delta: number) => {
    counted += delta;
    if (counted > 0 && !controller.signal.aborted) controller.abort(reason);
  };
  await assert.rejects(putPart(job(path, upload, 0, { signal: controller.signal, onBytes })), (error: unknown) => error === reason);
  assert.equal(counted, 0);
});

test('under a bandwidth limit a read goes out in slices of an eighth of a second', async () => {
  const path = join(makeTree({ 'limited.mov': PART }), 'limited.mov');
  const upload = await createUpload(sandbox, path, PART);
  const bandwidth = new Bandwidth(systemClock, parseBandwidth('4M'));
  const deltas: number[] = [];
  await putPart(job(path, upload, 0, { bandwidth, onBytes: (d) => deltas.push(d) }));
  assert.equal(Math.max(...deltas), (4 * 1024 * 1024) / 8);
  assert.equal(deltas.reduce((a, b) => a + b, 0), PART);
  assert.equal(new Bandwidth(systemClock).sliceOf(READ_SIZE), READ_SIZE, 'without a limit a read goes whole');
});
