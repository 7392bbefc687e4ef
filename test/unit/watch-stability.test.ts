import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StabilityDetector } from '../../main/core/watch/stability.ts';

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

test('a file becomes stable only after looking the same for the whole window', () => {
  const c = clock();
  const d = new StabilityDetector(5_000, c.now);
  assert.equal(d.observe('a.mov', { size: 10, mtimeMs: 1 }), 'pending');
  c.advance(4_999);
  assert.equal(d.observe('a.mov', { size: 10, mtimeMs: 1 }), 'pending');
  assert.deepEqual(d.due(), []);
  c.advance(1);
  assert.deepEqual(d.due(), ['a.mov']);
  assert.equal(d.observe('a.mov', { size: 10, mtimeMs: 1 }), 'stable');
  assert.equal(d.has('a.mov'), false, 'a stable file leaves the detector');
});

test('a growing file is never stable, however long it grows', () => {
  const c = clock();
  const d = new StabilityDetector(2_000, c.now);
  for (let size = 1; size <= 100; size++) {
    assert.equal(d.observe('render.mov', { size, mtimeMs: size }), 'pending');
    c.advance(1_999);
  }
  // it stops growing: one more full window is needed, seen by a fresh look
  c.advance(1);
  assert.equal(d.observe('render.mov', { size: 100, mtimeMs: 100 }), 'stable');
});

test('a changed mtime with the same size restarts the window (in-place rewrite, preallocated file)', () => {
  const c = clock();
  const d = new StabilityDetector(1_000, c.now);
  d.observe('x', { size: 5, mtimeMs: 1 });
  c.advance(1_000);
  assert.equal(d.observe('x', { size: 5, mtimeMs: 2 }), 'pending');
  c.advance(999);
  assert.equal(d.observe('x', { size: 5, mtimeMs: 2 }), 'pending');
  c.advance(1);
  assert.equal(d.observe('x', { size: 5, mtimeMs: 2 }), 'stable');
});

test('due lists files in the order their windows run out, and nextDueIn says when the next one does', () => {
  const c = clock();
  const d = new StabilityDetector(1_000, c.now);
  assert.equal(d.nextDueIn(), undefined);
  d.observe('a', { size: 1, mtimeMs: 1 });
  c.advance(300);
  d.observe('b', { size: 1, mtimeMs: 1 });
  c.advance(300);
  d.observe('a', { size: 2, mtimeMs: 2 }); // a changed: now due after b
  assert.equal(d.nextDueIn(), 700);
  c.advance(700);
  assert.deepEqual(d.due(), ['b']);
  c.advance(300);
  assert.deepEqual(d.due(), ['b', 'a']);
  d.forget('b');
  assert.deepEqual(d.due(), ['a']);
  assert.equal(d.size, 1);
});

test('a zero window still needs two looks that agree', () => {
  const d = new StabilityDetector(0, () => 0);
  assert.equal(d.observe('a', { size: 1, mtimeMs: 1 }), 'pending');
  assert.equal(d.observe('a', { size: 1, mtimeMs: 1 }), 'stable');
  assert.throws(() => new StabilityDetector(-1), RangeError);
});
