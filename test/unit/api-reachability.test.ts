// Reachability: passing failures make waiters wait for a probe Frame.io answers; probes back off,
// doubling to a cap; any answer, even a refusal, counts as Frame.io being there.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Clock } from '../../main/core/api/clock.ts';
import { ApiError } from '../../main/core/api/errors.ts';
import { isPassingApiError, Reachability, type ConnectionState } from '../../main/core/api/reachability.ts';

/** A clock whose sleeps end at once, remembering how long each was. */
function fakeClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return { sleeps, now: () => 0, sleep: async (ms) => void sleeps.push(ms) };
}

const unreachable = () => new ApiError({ kind: 'network', operation: 'users.show', detail: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9' });

test('waiters go on once a probe is answered; probes back off to the cap meanwhile', async () => {
  const clock = fakeClock();
  let failuresLeft = 8;
  const reachability = new Reachability({ clock, now: () => 1_000, minDelayMs: 1_000, maxDelayMs: 30_000, probe: async () => {
    if (failuresLeft-- > 0) throw unreachable();
  } });
  const changes: ConnectionState[] = [];
  reachability.on('change', (state) => changes.push(state));
  await Promise.all([reachability.waitForAnswer(AbortSignal.timeout(5_000)), reachability.waitForAnswer(AbortSignal.timeout(5_000))]);
  assert.deepEqual(clock.sleeps, [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  assert.equal(changes[0]!.reachable, false);
  assert.match(changes[0]!.message ?? '', /Could not reach Frame\.io: ECONNREFUSED/);
  assert.deepEqual(changes.at(-1), { reachable: true, since: 1_000, message: null, nextProbeAt: null });
  assert.equal(reachability.state().reachable, true);
  await reachability.whenReachable(AbortSignal.timeout(1_000));
});

test('a refusal is an answer, and an aborted waiter stops waiting', async () => {
  const refused = new Reachability({ clock: fakeClock(), probe: async () => {
    throw new ApiError({ kind: 'unauthorized', operation: 'users.show', status: 401 });
  } });
  await refused.waitForAnswer(AbortSignal.timeout(1_000));
  assert.equal(refused.state().reachable, true);

  const never = new Reachability({ clock: { now: () => 0, sleep: (ms, signal) => new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason))) }, probe: async () => {
    throw unreachable();
  } });
  const controller = new AbortController();
  const waiting = never.waitForAnswer(controller.signal);
  controller.abort(new Error('paused'));
  await assert.rejects(waiting, /paused/);
  never.close();
});

test('passing failures are network, 5xx, 408 and 429; the rest are lasting', () => {
  const kinds = [
    [new ApiError({ kind: 'network', operation: 'x' }), true],
    [new ApiError({ kind: 'server', operation: 'x', status: 503 }), true],
    [new ApiError({ kind: 'rate-limited', operation: 'x', status: 429 }), true],
    [new ApiError({ kind: 'bad-request', operation: 'x', status: 408 }), true],
    [new ApiError({ kind: 'forbidden', operation: 'x', status: 403 }), false],
    [new ApiError({ kind: 'invalid', operation: 'x', status: 422 }), false],
    [new Error('ENOENT'), false],
  ] as const;
  for (const [error, passing] of kinds) assert.equal(isPassingApiError(error), passing, error.message);
});
