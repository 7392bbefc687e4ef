// A scrub sheet read as 5 × 4 frames: the pointer's place across a thumbnail picks a frame, and that
// frame is drawn to fill the thumbnail's box as its still does (cropped to cover, or whole).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { frameAt, placeFrame, SHEET_FRAMES } from '../../renderer/src/lib/scrub-sheet.ts';

test('the frames spread evenly across the thumbnail, the first at its left edge and the last at its right', () => {
  assert.equal(SHEET_FRAMES, 20);
  assert.equal(frameAt(0, 40), 0);
  assert.equal(frameAt(1.99, 40), 0);
  assert.equal(frameAt(2, 40), 1);
  assert.equal(frameAt(20, 40), 10);
  assert.equal(frameAt(39.9, 40), 19);
  assert.equal(frameAt(40, 40), 19, 'the right edge is still the last frame');
  assert.equal(frameAt(-3, 40), 0);
  assert.equal(frameAt(5, 0), 0, 'a box with no width shows the first frame');
});

test('covering a 40 × 28 row thumbnail, a 16:9 frame fills its height and is cropped at the sides', () => {
  const sheet = { width: 800, height: 360 };
  const scale = 28 / 90;
  const frame = placeFrame(sheet, { width: 40, height: 28 }, 7, 'cover');
  assert.equal(frame.height, 28);
  assert.ok(Math.abs(frame.width - 160 * scale) < 1e-9);
  assert.ok(Math.abs(frame.left - (40 - 160 * scale) / 2) < 1e-9 && frame.left < 0, 'centred, overflowing both sides');
  assert.equal(frame.top, 0);
  assert.equal(frame.backgroundSize, `${800 * scale}px ${360 * scale}px`);
  assert.equal(frame.backgroundPosition, `${-2 * 160 * scale}px ${-28}px`, 'frame 7 is the third of the second row');
});

test('contained in the details\' 16:9 box, a 4:3 frame is shown whole, centred between bars', () => {
  const frame = placeFrame({ width: 5 * 120, height: 4 * 90 }, { width: 320, height: 180 }, 19, 'contain');
  assert.deepEqual(frame, { left: 40, top: 0, width: 240, height: 180, backgroundSize: '1200px 720px', backgroundPosition: '-960px -540px' });
});
