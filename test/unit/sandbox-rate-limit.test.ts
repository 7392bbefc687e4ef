import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RateLimiter } from '../../main/sandbox/rate-limit.ts';

const fivePerSecond = { calls: 5, windowMs: 1000 };

test('a leaky bucket admits the limit at once, then one call per leak interval', () => {
  let now = 0;
  const limiter = new RateLimiter('real', 1, () => now);
  const first = Array.from({ length: 6 }, () => limiter.take('u:op', fivePerSecond));
  assert.deepEqual(first.map((d) => d.allowed), [true, true, true, true, true, false]);
  assert.deepEqual(first.map((d) => d.remaining), [4, 3, 2, 1, 0, 0]);
  assert.equal(first[5]!.retryAfterMs, 200);
  now = 200;
  assert.equal(limiter.take('u:op', fivePerSecond).allowed, true);
  assert.equal(limiter.take('u:op', fivePerSecond).allowed, false);
});

test('buckets are per key, so one operation does not starve another', () => {
  const limiter = new RateLimiter('real', 1, () => 0);
  for (let i = 0; i < 5; i++) limiter.take('u:a', fivePerSecond);
  assert.equal(limiter.take('u:a', fivePerSecond).allowed, false);
  assert.equal(limiter.take('u:b', fivePerSecond).allowed, true);
  assert.equal(limiter.take('v:a', fivePerSecond).allowed, true);
});

test('off never refuses but still reports the documented limit; scale multiplies it', () => {
  const off = new RateLimiter('off', 1, () => 0);
  for (let i = 0; i < 50; i++) assert.equal(off.take('k', fivePerSecond).allowed, true);
  assert.equal(off.take('k', fivePerSecond).limit, 5);
  const scaled = new RateLimiter('real', 10, () => 0);
  assert.equal(scaled.take('k', fivePerSecond).limit, 50);
});
