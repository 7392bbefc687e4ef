// The viewer's playhead maths must agree with the service's, which the exports and Frame.io use.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as core from '../../main/common/timecode.ts';
import * as ui from '../../renderer/src/lib/timecode.ts';

// Frames around minute and ten-minute boundaries (where drop-frame skips numbers), an hour, a day.
const INDEXES = [0, 1, 23, 24, 1_437, 1_438, 1_439, 1_440, 1_798, 1_799, 1_800, 1_801, 3_596, 3_597, 17_981, 17_982, 17_983, 35_963, 35_964, 107_892, 216_000, 2_589_410, 5_178_816, 5_178_817];

for (const rate of core.FRAME_RATES) {
  test(`timecode at ${rate.name} matches the service's`, () => {
    for (const index of INDEXES) assert.equal(ui.framesToTimecode(index, rate), core.framesToTimecode(index, rate), `frame ${index}`);
  });

  test(`seconds and frames at ${rate.name} match the service's both ways`, () => {
    for (const index of INDEXES) {
      assert.equal(ui.seekSecondsForFrame(index, rate), core.seekSecondsForFrame(index, rate));
      assert.equal(ui.secondsToFrame(ui.seekSecondsForFrame(index, rate), rate), index);
      assert.equal(ui.secondsToFrame(core.frameToSeconds(index, rate), rate), core.secondsToFrame(core.frameToSeconds(index, rate), rate));
    }
  });
}
