import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { HashStream } from '../../main/core/transfers/hash-thread.ts';

const CHUNK = 64 * 1024;

/** Hands `data` to a stream through two buffers, as the file hasher does; returns the digest. */
async function hashThrough(stream: HashStream, data: Buffer): Promise<string> {
  let buffer: Buffer = Buffer.allocUnsafeSlow(CHUNK);
  for (let at = 0; at < data.length; at += CHUNK) {
    const length = data.copy(buffer, 0, at, at + CHUNK);
    const handed = buffer;
    buffer = await stream.update(buffer, length);
    assert.equal(handed.length, 0, 'the buffer was moved to the thread, not copied');
    assert.equal(buffer.length, CHUNK, 'and comes back whole');
  }
  return stream.digest();
}

test('a stream hashed on the thread gives the sha256 of its bytes, in order, whatever the buffer boundaries', async () => {
  const data = randomBytes(5 * CHUNK + 123);
  assert.equal(await hashThrough(new HashStream(), data), createHash('sha256').update(data).digest('hex'));
  assert.equal(await new HashStream().digest(), createHash('sha256').digest('hex'), 'nothing hashed: the empty digest');
});

test('streams hashed side by side keep apart, and a dropped one leaves no trace', async () => {
  const a = randomBytes(3 * CHUNK);
  const b = randomBytes(4 * CHUNK + 1);
  const dropped = new HashStream();
  await dropped.update(Buffer.allocUnsafeSlow(CHUNK), CHUNK);
  dropped.drop();
  const [digestA, digestB] = await Promise.all([hashThrough(new HashStream(), a), hashThrough(new HashStream(), b)]);
  assert.equal(digestA, createHash('sha256').update(a).digest('hex'));
  assert.equal(digestB, createHash('sha256').update(b).digest('hex'));
});

test('a buffer that shares its memory (a pooled or sliced one) is refused rather than taken from its owner', async () => {
  const pooled = Buffer.from('small buffers share a pool');
  await assert.rejects(new HashStream().update(pooled, pooled.length), /must own its memory whole/);
  const sliced = Buffer.allocUnsafeSlow(CHUNK).subarray(1);
  await assert.rejects(new HashStream().update(sliced, 10), /must own its memory whole/);
});
