// How a range's bytes reach the disk, both ways: by the write thread (Linux) and through the
// FileHandle (elsewhere). Bytes land where they were asked to, a full disk says ENOSPC, and the
// thread never writes into another file when the caller's handle is closed and its number reused.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openRangeWriter, takeSharedBuffer, WriteFailed, type WriteWay } from '../../main/core/transfers/download/range-writer.ts';
import { mountSmallDisk } from '../support/small-disk.ts';

const ways: WriteWay[] = process.platform === 'linux' ? ['thread', 'handle'] : ['handle'];
const disk = mountSmallDisk(1024 * 1024);
after(() => {
  if (typeof disk !== 'string') disk.unmount();
});

/** `length` bytes of shared memory (at most 1 MiB) holding a pattern that differs with `seed`. */
function pattern(length: number, seed: number): Buffer {
  const buffer = takeSharedBuffer().subarray(0, length);
  for (let i = 0; i < length; i++) buffer[i] = (i * 13 + seed) & 0xff;
  return buffer;
}

for (const way of ways) {
  test(`${way}: writes land at their places, across and off the 32 KiB pieces`, async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'range-writer-')), 'partial');
    const target = await open(path, 'w+');
    const writer = openRangeWriter(target, way);
    const first = pattern(100 * 1024 + 7, 1);
    await writer.write(first, 5);
    const expected = Buffer.alloc(5 + first.length + 3 + 1000);
    first.copy(expected, 5);
    const second = pattern(1000, 2);
    await writer.write(second, 5 + first.length + 3);
    second.copy(expected, 5 + first.length + 3);
    await writer.close();
    await target.close();
    assert.ok(readFileSync(path).equals(expected));
  });

  test(`${way}: a full disk fails the write with ENOSPC`, { skip: typeof disk === 'string' ? disk : false }, async () => {
    if (typeof disk === 'string') return;
    disk.fill(64 * 1024);
    const target = await open(join(disk.dir, 'partial'), 'w+');
    const writer = openRangeWriter(target, way);
    const bytes = pattern(512 * 1024, 3);
    try {
      const error = await writer.write(bytes, 0).catch((caught: unknown) => caught);
      assert.ok(error instanceof WriteFailed, String(error));
      assert.equal(error.code, 'ENOSPC');
    } finally {
      await writer.close();
      await target.close();
      disk.empty();
    }
  });
}

test('thread: once the caller closed its handle and the number went to another file, writes still land in the first', { skip: ways.includes('thread') ? false : 'the write thread runs on Linux only' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'range-writer-'));
  const first = await open(join(dir, 'first'), 'w+');
  const number = first.fd;
  const writer = openRangeWriter(first, 'thread');
  await first.close();
  // The lowest free number is taken by the next open: the one `first` had.
  const second = await open(join(dir, 'second'), 'w+');
  assert.equal(second.fd, number, 'the number was reused');
  const bytes = pattern(70 * 1024, 4);
  await writer.write(bytes, 0);
  await writer.close();
  await second.close();
  assert.ok(readFileSync(join(dir, 'first')).equals(bytes));
  assert.equal(readFileSync(join(dir, 'second')).length, 0);
});

test('thread: a handle whose close has begun is refused before anything is written', { skip: ways.includes('thread') ? false : 'the write thread runs on Linux only' }, async () => {
  const target = await open(join(mkdtempSync(join(tmpdir(), 'range-writer-')), 'partial'), 'w+');
  const closing = target.close();
  assert.throws(() => openRangeWriter(target, 'thread'), (error: unknown) => error instanceof WriteFailed && error.code === 'EBADF');
  await closing;
});
