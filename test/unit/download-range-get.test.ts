// The download byte path against an object store that misbehaves in ways the sandbox never does:
// a body cut off half way, a body longer than the range, a Content-Range for other bytes, an
// answer that stalls while the download is cancelled. Each comes back as the error the file's
// download acts on, and nothing lands outside the range.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { systemClock } from '../../main/core/api/clock.ts';
import { Bandwidth, parseBandwidth } from '../../main/core/transfers/bandwidth.ts';
import { getRange, LinkRefused, ObjectChanged, RangeRetryable, WriteFailed, type RangeJob } from '../../main/core/transfers/download/range-get.ts';

const OBJECT = Buffer.from(Array.from({ length: 3 * 1024 * 1024 }, (_, i) => (i * 7) & 0xff));
type Behaviour = (res: ServerResponse, start: number, end: number) => void;
let behave: Behaviour;
let base: string;
const server = createServer((req, res) => {
  const [start, end] = /bytes=(\d+)-(\d+)/.exec(req.headers.range ?? '')!.slice(1).map(Number) as [number, number];
  behave(res, start, end);
});
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/objects/download/blob`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const partial = (res: ServerResponse, start: number, end: number, body: Buffer, total = OBJECT.length) => {
  res.writeHead(206, { 'content-length': body.length, 'content-range': `bytes ${start}-${end}/${total}` });
  return body;
};

/** Fetches bytes [offset, offset + size) into a fresh file; returns the file's bytes and what was counted. */
async function fetchInto(offset: number, size: number, options: Partial<RangeJob> = {}): Promise<{ bytes: Buffer; counted: number; error?: unknown }> {
  const path = join(mkdtempSync(join(tmpdir(), 'range-get-')), 'partial');
  const target = await open(path, 'w+');
  let counted = 0;
  let error: unknown;
  try {
    await getRange({
      url: base,
      offset,
      size,
      total: OBJECT.length,
      target,
      bandwidth: new Bandwidth(systemClock),
      signal: new AbortController().signal,
      onBytes: (delta) => (counted += delta),
      ...options,
    });
  } catch (caught) {
    error = caught;
  } finally {
    await target.close();
  }
  return { bytes: readFileSync(path), counted, error };
}

test('a range lands at its place in the file, every byte counted once, under a bandwidth limit too', async () => {
  behave = (res, start, end) => res.end(partial(res, start, end, OBJECT.subarray(start, end + 1)));
  const offset = 1024 * 1024 + 5;
  const size = 1500 * 1024;
  for (const bandwidth of [new Bandwidth(systemClock), new Bandwidth(systemClock, parseBandwidth('100M'))]) {
    const { bytes, counted, error } = await fetchInto(offset, size, { bandwidth });
    assert.equal(error, undefined);
    assert.equal(counted, size);
    assert.equal(bytes.length, offset + size);
    assert.ok(bytes.subarray(offset).equals(OBJECT.subarray(offset, offset + size)));
    assert.ok(bytes.subarray(0, offset).every((b) => b === 0), 'nothing before the range');
  }
});

test('a body cut off half way is worth a retry and says how far it came', async () => {
  behave = (res, start, end) => {
    partial(res, start, end, OBJECT.subarray(start, end + 1));
    res.write(OBJECT.subarray(start, start + (end - start + 1) / 2), () => res.destroy());
  };
  const { error } = await fetchInto(0, 2 * 1024 * 1024);
  assert.ok(error instanceof RangeRetryable, String(error));
  assert.match(error.message, /cut off after \d+ of 2097152 bytes/);
});

test('an answer longer than the range is refused before it writes past the range', async () => {
  const size = 1024 * 1024;
  behave = (res, start, end) => {
    res.writeHead(206, { 'content-length': end - start + 1 + 4096, 'content-range': `bytes ${start}-${end}/${OBJECT.length}` });
    res.end(OBJECT.subarray(start, end + 1 + 4096));
  };
  const { bytes, error } = await fetchInto(0, size);
  assert.ok(error instanceof ObjectChanged, String(error));
  assert.match(error.message, /more than the 1048576 bytes/);
  assert.ok(bytes.length <= size, `the file grew to ${bytes.length} bytes`);
});

test('a range answered without a Content-Length (chunked) is refused: where its body ends could not be told', async () => {
  behave = (res, start, end) => {
    res.writeHead(206, { 'content-range': `bytes ${start}-${end}/${OBJECT.length}` });
    res.end(OBJECT.subarray(start, end + 1));
  };
  const { bytes, error } = await fetchInto(0, 4096);
  assert.ok(error instanceof ObjectChanged, String(error));
  assert.match(error.message, /answered 206 without a Content-Length/);
  assert.equal(bytes.length, 0);
});

test('a Content-Range naming other bytes, or another size, is an object that changed', async () => {
  behave = (res, start, end) => res.end(partial(res, start + 1, end + 1, OBJECT.subarray(start + 1, end + 2)));
  const shifted = await fetchInto(0, 4096);
  assert.ok(shifted.error instanceof ObjectChanged, String(shifted.error));
  assert.match(shifted.error.message, /answered 206 bytes 1-4096\/\d+ for bytes 0-4095/);
  behave = (res, start, end) => res.end(partial(res, start, end, OBJECT.subarray(start, end + 1), OBJECT.length + 1));
  assert.ok((await fetchInto(0, 4096)).error instanceof ObjectChanged);
});

test("a refused link names S3's code; a 5xx is worth a retry", async () => {
  behave = (res) => res.writeHead(403, { 'content-type': 'application/xml' }).end('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
  const expired = await fetchInto(0, 4096);
  assert.ok(expired.error instanceof LinkRefused, String(expired.error));
  assert.equal(expired.error.message, 'the download link answered 403 AccessDenied');
  behave = (res) => res.writeHead(503).end('<Error><Code>SlowDown</Code></Error>');
  const busy = await fetchInto(0, 4096);
  assert.ok(busy.error instanceof RangeRetryable);
  assert.match(busy.error.message, /503 SlowDown/);
});

test('cancelled while the answer stalls: the abort comes back, and nothing more is written', async () => {
  const controller = new AbortController();
  behave = (res, start, end) => {
    partial(res, start, end, Buffer.alloc(0));
    // Half the range, then nothing: the cancel below is what ends the wait.
    res.write(OBJECT.subarray(start, start + (end - start + 1) / 2), () => controller.abort(new Error('cancelled')));
  };
  const { bytes, error } = await fetchInto(0, 2 * 1024 * 1024, { signal: controller.signal });
  assert.equal((error as Error).message, 'cancelled');
  assert.ok(bytes.length <= 1024 * 1024, `the file grew to ${bytes.length} bytes`);
});

test('a target the disk will not write to fails the range with the system\'s code, nothing counted', async () => {
  behave = (res, start, end) => res.end(partial(res, start, end, OBJECT.subarray(start, end + 1)));
  // A folder opened as if it were the file: no write can go there.
  const target = await open(mkdtempSync(join(tmpdir(), 'range-get-')), 'r');
  let counted = 0;
  const error = await getRange({ url: base, offset: 0, size: 4096, total: OBJECT.length, target, bandwidth: new Bandwidth(systemClock), signal: new AbortController().signal, onBytes: (delta) => (counted += delta) }).catch((caught: unknown) => caught);
  await target.close();
  assert.ok(error instanceof WriteFailed, String(error));
  assert.match(error.code ?? '', /^E[A-Z]+$/);
  assert.equal(counted, 0);
});
