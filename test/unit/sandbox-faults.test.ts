import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Faults, parseFaults } from '../../main/sandbox/faults.ts';

test('everyN rules fire on exactly every Nth request of their class', () => {
  const faults = new Faults(parseFaults('part:reset@every3,api:5xx@every2'));
  assert.deepEqual(Array.from({ length: 6 }, () => faults.pick('part')), [undefined, undefined, 'reset', undefined, undefined, 'reset']);
  assert.deepEqual(Array.from({ length: 4 }, () => faults.pick('api')), [undefined, '5xx', undefined, '5xx']);
});

test('probability rules are repeatable for a seed and near their rate', () => {
  const run = (seed: number) => {
    const faults = new Faults(parseFaults(`api:429@0.25,seed=${seed}`));
    return Array.from({ length: 2000 }, () => faults.pick('api'));
  };
  assert.deepEqual(run(7), run(7));
  assert.notDeepEqual(run(7), run(8));
  const hits = run(7).filter(Boolean).length;
  assert.ok(hits > 400 && hits < 600, `${hits} of 2000`);
});

test('latency and malformed specs', () => {
  assert.deepEqual(parseFaults('latency:part=20ms,latency:api=5').latencyMs, { api: 5, part: 20 });
  assert.throws(() => parseFaults('part:explode@0.1'), /bad fault rule "part:explode@0.1"/);
  assert.throws(() => parseFaults('api:5xx@2'), /bad fault rule/);
});

test('part>=<size> picks only parts at least that big, for faults and latency alike', () => {
  const plan = parseFaults('part>=1M:stall@every1,latency:part>=64K=20000,latency:part=5');
  assert.deepEqual(plan.bigPartLatency, [{ minBytes: 64 * 1024, ms: 20000 }]);
  const faults = new Faults(plan);
  assert.deepEqual([1024, 1024 * 1024, 1024 * 1024 - 1, 5 * 1024 * 1024].map((bytes) => faults.pick('part', bytes)), [undefined, 'stall', undefined, 'stall']);
  assert.equal(faults.pick('api'), undefined);
  assert.throws(() => parseFaults('api>=1M:5xx@every1'), /bad fault rule "api>=1M:5xx@every1"/, 'only parts have a size');
  assert.throws(() => parseFaults('latency:api>=1K=10'), /bad fault rule/);
});
