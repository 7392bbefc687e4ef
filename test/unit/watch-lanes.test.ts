// The lanes a watch's finished files go through on their way to the engine: a few at a time, in the
// order the watch's setting asks, one at a time per shot, and a stuck one never holds the others.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Lanes, type LaneOrder } from '../../main/core/watch/lanes.ts';

interface Gate {
  open(): void;
  fail(error: Error): void;
  promise: Promise<void>;
}

function gate(): Gate {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { open, fail, promise };
}

/** Lets every settled promise's callbacks run. */
const drain = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One task per name, each in its own group unless given one; records the order they start in. */
function rig(size: number, order: LaneOrder) {
  const lanes = new Lanes(size, order);
  const started: string[] = [];
  const gates = new Map<string, Gate>();
  const add = (name: string, group = name, signal = new AbortController().signal) => {
    const g = gate();
    gates.set(name, g);
    return lanes.run(group, signal, async () => {
      started.push(name);
      await g.promise;
      return name;
    });
  };
  return { started, gates, add };
}

test('a stuck task holds one lane; every other task still runs', async () => {
  const { started, gates, add } = rig(2, 'oldest');
  const stuck = add('big');
  const small = Array.from({ length: 50 }, (_, i) => add(`small${i}`));
  for (let i = 0; i < 50; i++) {
    await drain();
    assert.equal(started.length, i + 2, 'the big one and one small one at a time');
    gates.get(`small${i}`)!.open();
  }
  assert.deepEqual(await Promise.all(small), Array.from({ length: 50 }, (_, i) => `small${i}`));
  assert.equal(started[0], 'big');
  gates.get('big')!.open();
  assert.equal(await stuck, 'big');
});

test('oldest first takes waiting tasks in the order they came; newest first, the last one first', async () => {
  for (const [order, expected] of [
    ['oldest', ['a', 'b', 'c', 'd']],
    ['newest', ['a', 'd', 'c', 'b']],
  ] as const) {
    const { started, gates, add } = rig(1, order);
    const all = ['a', 'b', 'c', 'd'].map((name) => add(name));
    for (const name of expected) {
      await drain();
      assert.equal(started.at(-1), name, `${order}: ${started.join(' ')}`);
      gates.get(name)!.open();
    }
    await Promise.all(all);
    assert.deepEqual(started, expected);
  }
});

test('tasks of one group run one at a time in the order they came, whatever the order setting', async () => {
  const { started, gates, add } = rig(3, 'newest');
  const all = [add('shot_v001', 'shot'), add('other'), add('shot_v002', 'shot'), add('shot_v003', 'shot')];
  await drain();
  assert.deepEqual(started, ['shot_v001', 'other'], 'a free lane does not take a later version of a shot under way');
  gates.get('shot_v001')!.open();
  await drain();
  assert.deepEqual(started, ['shot_v001', 'other', 'shot_v002']);
  gates.get('shot_v002')!.open();
  await drain();
  assert.deepEqual(started.at(-1), 'shot_v003');
  for (const name of ['other', 'shot_v003']) gates.get(name)!.open();
  await Promise.all(all);
});

test('a task whose signal aborts while it waits never runs and gives its turn to the next', async () => {
  const { started, gates, add } = rig(1, 'oldest');
  const first = add('first');
  const cancel = new AbortController();
  const dropped = add('dropped', 'shot', cancel.signal);
  const after = add('after', 'shot');
  cancel.abort(new Error('the file changed'));
  await assert.rejects(dropped, /the file changed/);
  gates.get('first')!.open();
  await first;
  await drain();
  assert.deepEqual(started, ['first', 'after']);
  gates.get('after')!.open();
  await after;
  await assert.rejects(new Lanes(1, 'oldest').run('g', cancel.signal, async () => 'never'), /the file changed/, 'an aborted signal is refused at once');
});

test('a task that fails frees its lane and its group', async () => {
  const { started, gates, add } = rig(1, 'oldest');
  const failing = add('failing', 'shot');
  const next = add('next', 'shot');
  gates.get('failing')!.fail(new Error('Frame.io refused it'));
  await assert.rejects(failing, /Frame.io refused it/);
  await drain();
  assert.deepEqual(started, ['failing', 'next']);
  gates.get('next')!.open();
  assert.equal(await next, 'next');
  const lanes = new Lanes(1, 'oldest');
  await assert.rejects(
    lanes.run('g', new AbortController().signal, () => {
      throw new Error('thrown before any await');
    }),
    /thrown before any await/,
  );
  assert.equal(await lanes.run('g', new AbortController().signal, async () => 'the lane is free again'), 'the lane is free again');
});
