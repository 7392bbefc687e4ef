import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Clock } from '../../main/core/api/clock.ts';
import { RateScheduler } from '../../main/core/api/rate-scheduler.ts';
import { RateLimiter } from '../../main/sandbox/rate-limit.ts';

/** A clock that only moves when someone sleeps, so pacing is measured in virtual time. */
function virtualClock(): Clock & { sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

const fivePerSecond = { calls: 5, windowMs: 1000 };

test('paced calls never overflow a leaky bucket of the documented size', async () => {
  const clock = virtualClock();
  const scheduler = new RateScheduler(clock);
  const server = new RateLimiter('real', 1, () => clock.now());
  const refusals: number[] = [];
  for (let i = 0; i < 40; i++) {
    await scheduler.acquire('files.create_local_upload', fivePerSecond);
    const decision = server.take('user:files.create_local_upload', fivePerSecond);
    if (!decision.allowed) refusals.push(i);
  }
  assert.deepEqual(refusals, []);
  // 40 calls at 5/s, less the burst the bucket allows, take about 7 s of virtual time; no more.
  assert.ok(clock.now() >= 7000 && clock.now() <= 7400, `took ${clock.now()} ms`);
});

test('concurrent callers are served in order, one slot at a time', async () => {
  const clock = virtualClock();
  const scheduler = new RateScheduler(clock);
  const order: number[] = [];
  await Promise.all(Array.from({ length: 8 }, (_, i) => scheduler.acquire('op', { calls: 3, windowMs: 1000 }).then(() => order.push(i))));
  assert.deepEqual(order, [0, 1, 2, 3, 4, 5, 6, 7]);
});

test('operations are paced independently', async () => {
  const clock = virtualClock();
  const scheduler = new RateScheduler(clock);
  for (let i = 0; i < 4; i++) await scheduler.acquire('folders.create', { calls: 3, windowMs: 1000 });
  const before = clock.now();
  await scheduler.acquire('files.show', { calls: 10, windowMs: 1000 });
  assert.equal(clock.now(), before, 'a different operation did not wait');
});

test('headers reporting a fuller bucket slow the scheduler down', async () => {
  const clock = virtualClock();
  const scheduler = new RateScheduler(clock);
  scheduler.observe('op', fivePerSecond, { limit: 5, remaining: 0, windowMs: 1000 });
  await scheduler.acquire('op', fivePerSecond);
  // The server's bucket was full: the next call waits until two slots have leaked (one is headroom).
  assert.ok(clock.now() >= 400, `waited ${clock.now()} ms`);
});

test('headers with a different limit replace the documented one', async () => {
  const clock = virtualClock();
  const scheduler = new RateScheduler(clock);
  scheduler.observe('op', fivePerSecond, { limit: 50, remaining: 50, windowMs: 1000 });
  for (let i = 0; i < 40; i++) await scheduler.acquire('op', fivePerSecond);
  assert.equal(clock.now(), 0);
});

test('a 429 blocks the operation for the time the server asked', async () => {
  const clock = virtualClock();
  const scheduler = new RateScheduler(clock);
  scheduler.refused('op', { calls: 100, windowMs: 60_000 }, 3000);
  await scheduler.acquire('op', { calls: 100, windowMs: 60_000 });
  assert.ok(clock.now() >= 3000);
});

test('an aborted waiter leaves the queue without stalling the others', async () => {
  const clock = virtualClock();
  const scheduler = new RateScheduler(clock);
  const limit = { calls: 1, windowMs: 1000 };
  await scheduler.acquire('op', limit);
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(scheduler.acquire('op', limit, controller.signal), { name: 'AbortError' });
  await scheduler.acquire('op', limit);
});
