// Pointer drags into the shapes the contract takes: fractions of the picture, however it is shown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShapeSchema } from '../../preload/contract.ts';
import { containRect, extendStroke, penShape, shapeFromDrag, toPicture, type Point } from '../../renderer/src/lib/drawing.ts';

test('a wide picture in a tall box is letterboxed, a tall one in a wide box pillarboxed', () => {
  assert.deepEqual(containRect({ width: 640, height: 480 }, { width: 1920, height: 1080 }), { left: 0, top: 60, width: 640, height: 360 });
  assert.deepEqual(containRect({ width: 800, height: 400 }, { width: 1080, height: 1920 }), { left: 287.5, top: 0, width: 225, height: 400 });
  assert.deepEqual(containRect({ width: 300, height: 200 }, { width: 0, height: 0 }), { left: 0, top: 0, width: 300, height: 200 }, 'no size yet: the whole box');
});

test('pointer positions become fractions of the picture, held inside it', () => {
  const picture = { left: 100, top: 50, width: 400, height: 200 };
  assert.deepEqual(toPicture(300, 150, picture), [0.5, 0.5]);
  assert.deepEqual(toPicture(20, 400, picture), [0, 1]);
});

test('a rectangle is the same whichever corner the drag starts from', () => {
  const down = shapeFromDrag('rect', [0.2, 0.3], [0.6, 0.7], '#F22237', 4);
  const up = shapeFromDrag('rect', [0.6, 0.7], [0.2, 0.3], '#F22237', 4);
  assert.deepEqual(down, up);
  assert.equal(down?.tool, 'rect');
  if (down?.tool === 'rect') {
    assert.deepEqual([down.x, down.y], [0.2, 0.3]);
    assert.ok(Math.abs(down.w - 0.4) < 1e-12 && Math.abs(down.h - 0.4) < 1e-12);
  }
  assert.ok(ShapeSchema.safeParse(down).success, 'the contract takes it');
});

test('an arrow runs from where the drag starts to where it ends', () => {
  assert.deepEqual(shapeFromDrag('arrow', [0.1, 0.9], [0.5, 0.5], '#FFC400', 6), { tool: 'arrow', color: '#FFC400', size: 6, x1: 0.1, y1: 0.9, x2: 0.5, y2: 0.5 });
});

test('a click is not a drawing', () => {
  assert.equal(shapeFromDrag('rect', [0.5, 0.5], [0.502, 0.501], '#F22237', 4), undefined);
  assert.equal(penShape([[0.5, 0.5]], '#F22237', 4), undefined);
});

test('a pen stroke skips points too close to tell apart and is thinned to the contract limit, ending where it ended', () => {
  assert.equal(extendStroke([[0.5, 0.5]], [0.5005, 0.5]).length, 1);
  assert.equal(extendStroke([[0.5, 0.5]], [0.51, 0.5]).length, 2);
  const long: Point[] = Array.from({ length: 4_501 }, (_, i) => [i / 4_500, 0.5]);
  const shape = penShape(long, '#3D8BFF', 4);
  assert.ok(ShapeSchema.safeParse(shape).success, 'the contract takes it');
  assert.ok(shape?.tool === 'pen' && shape.points.length <= 2000);
  assert.deepEqual(shape?.tool === 'pen' && shape.points.at(-1), [1, 0.5]);
});
