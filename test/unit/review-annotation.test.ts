import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AnnotationError, MAX_ANNOTATION_LENGTH, parseAnnotation, serializeAnnotation } from '../../main/core/review/annotation.ts';

const RECT = { tool: 'rect', color: '#f22237', size: 8, x: 0.277, y: 0.129, w: 0.315, h: 0.53 };
const ARROW = { tool: 'arrow', color: '#00A0FF', size: 4, x1: 0, y1: 1, x2: 0.5, y2: 0.25 };
const PEN = { tool: 'pen', color: '#FFFFFF', size: 2, points: [[0.1, 0.1], [0.2, 0.15], [0.3, 0.3]] };

test('rectangles, arrows and pen strokes serialize to the JSON string the API stores, and read back', () => {
  const text = serializeAnnotation([RECT, ARROW, PEN]);
  assert.equal(typeof text, 'string');
  assert.deepEqual(parseAnnotation(text), [{ ...RECT, color: '#F22237' }, ARROW, PEN]);
});

test("Frame.io's own example reads back as a rectangle, its extra fields dropped", () => {
  const example = '[{"tool":"rect","color":"#F22237","size":8,"x":0.277726001863933,"y":0.12909555568499534,"w":0.3153168321877913,"h":0.5308131407269339,"ix":0.277726001863933,"iy":0.12909555568499534,"radius":8}]';
  assert.deepEqual(parseAnnotation(example), [{ tool: 'rect', color: '#F22237', size: 8, x: 0.277726001863933, y: 0.12909555568499534, w: 0.3153168321877913, h: 0.5308131407269339 }]);
});

test('stored drawings Slate cannot read are skipped shape by shape, never thrown', () => {
  assert.deepEqual(parseAnnotation(null), []);
  assert.deepEqual(parseAnnotation('not json'), []);
  assert.deepEqual(parseAnnotation('{"tool":"rect"}'), []);
  assert.deepEqual(parseAnnotation(JSON.stringify([{ tool: 'ellipse', color: '#000000', size: 1 }, ARROW])), [ARROW]);
});

test('shapes outside the frame, bad colours and unknown tools are refused with the reason', () => {
  const refused = (shapes: unknown, message: RegExp) => assert.throws(() => serializeAnnotation(shapes), (e: unknown) => e instanceof AnnotationError && message.test(e.message));
  refused([], /non-empty list of shapes/);
  refused({ ...RECT }, /non-empty list of shapes/);
  refused([{ ...RECT, x: 1.5 }], /Shape 1 \(rect\): x must be a number from 0 to 1 \(a fraction of the frame\), got 1\.5/);
  refused([ARROW, { ...RECT, x: 0.8, w: 0.5 }], /Shape 2 \(rect\) reaches past the edge of the frame/);
  refused([{ ...RECT, h: Number.NaN }], /h must be a number from 0 to 1/);
  refused([{ ...RECT, color: 'red' }], /color must be #RRGGBB, got "red"/);
  refused([{ ...RECT, size: 0 }], /size must be a stroke width above 0/);
  refused([{ ...ARROW, y2: -0.1 }], /Shape 1 \(arrow\): y2 must be a number from 0 to 1/);
  refused([{ ...PEN, points: [] }], /needs at least one point/);
  refused([{ ...PEN, points: [[0.1, 0.2, 0.3]] }], /point 1 is not \[x, y\]/);
  refused([{ tool: 'circle', color: '#000000', size: 1 }], /Shape 1 has tool "circle"; Slate draws "rect", "arrow" and "pen"/);
  refused(['rect'], /Shape 1 is not an object/);
});

test('a canvas rounding a hair past the edge is clamped, and the API size limit is kept', () => {
  assert.deepEqual(parseAnnotation(serializeAnnotation([{ ...RECT, x: -1e-12, w: 1 + 1e-12 }])), [{ ...RECT, color: '#F22237', x: 0, w: 1 }]);
  const points = Array.from({ length: 9_000 }, (_, i) => [i / 9_000, 0.123456789]);
  const strokes = Array.from({ length: 3 }, () => ({ ...PEN, points }));
  assert.throws(() => serializeAnnotation(strokes), new RegExp(`too detailed \\(\\d+ characters; Frame\\.io takes up to ${MAX_ANNOTATION_LENGTH}\\)`));
});
