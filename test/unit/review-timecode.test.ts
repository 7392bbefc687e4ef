import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  apiTimestampOfTimecode,
  apiTimestampToIndex,
  FIRST_API_FRAME,
  FRAME_RATES,
  frameRate,
  frameRateOfFps,
  framesToTimecode,
  frameToSeconds,
  indexToApiTimestamp,
  offsetTimecode,
  secondsToFrame,
  seekSecondsForFrame,
  timecodeOfApiTimestamp,
  timecodeToFrames,
  TimecodeError,
} from '../../main/common/timecode.ts';

// [rate, frame index, timecode]: worked out by hand from SMPTE 12M.
const KNOWN: Array<[string, number, string]> = [
  ['23.976', 0, '00:00:00:00'],
  ['23.976', 24, '00:00:01:00'],
  ['23.976', 86_400, '01:00:00:00'],
  ['23.976', 86_399, '00:59:59:23'],
  ['24', 1_439, '00:00:59:23'],
  ['24', 86_400, '01:00:00:00'],
  ['25', 90_000, '01:00:00:00'],
  ['25', 1_524, '00:01:00:24'],
  ['29.97', 1_800, '00:01:00:00'],
  ['29.97', 108_000, '01:00:00:00'],
  ['29.97 DF', 1_799, '00:00:59;29'],
  ['29.97 DF', 1_800, '00:01:00;02'],
  ['29.97 DF', 3_598, '00:02:00;02'],
  ['29.97 DF', 17_981, '00:09:59;29'],
  ['29.97 DF', 17_982, '00:10:00;00'],
  ['29.97 DF', 17_983, '00:10:00;01'],
  ['29.97 DF', 17_984, '00:10:00;02'],
  ['29.97 DF', 19_782, '00:11:00;02'],
  ['29.97 DF', 107_892, '01:00:00;00'],
  ['29.97 DF', 2_589_407, '23:59:59;29'],
  ['30', 1_800, '00:01:00:00'],
  ['30', 107_999, '00:59:59:29'],
  ['47.952', 172_800, '01:00:00:00'],
  ['48', 47, '00:00:00:47'],
  ['50', 180_000, '01:00:00:00'],
  ['50', 49, '00:00:00:49'],
  ['59.94', 216_000, '01:00:00:00'],
  ['59.94 DF', 3_599, '00:00:59;59'],
  ['59.94 DF', 3_600, '00:01:00;04'],
  ['59.94 DF', 35_963, '00:09:59;59'],
  ['59.94 DF', 35_964, '00:10:00;00'],
  ['59.94 DF', 35_968, '00:10:00;04'],
  ['59.94 DF', 215_784, '01:00:00;00'],
  ['59.94 DF', 5_178_815, '23:59:59;59'],
  ['60', 3_600, '00:01:00:00'],
  ['60', 215_999, '00:59:59:59'],
];

test('frames and timecode agree with hand-worked values at every rate, both ways', () => {
  for (const [name, index, timecode] of KNOWN) {
    const r = frameRate(name);
    assert.equal(framesToTimecode(index, r), timecode, `${name}: frame ${index}`);
    assert.equal(timecodeToFrames(timecode, r), index, `${name}: ${timecode}`);
  }
});

test('the twelve rates are all there, with their exact ratios and counting bases', () => {
  assert.deepEqual(
    FRAME_RATES.map((r) => `${r.name}=${r.numerator}/${r.denominator}@${r.timebase}`),
    [
      '23.976=24000/1001@24',
      '24=24/1@24',
      '25=25/1@25',
      '29.97=30000/1001@30',
      '29.97 DF=30000/1001@30',
      '30=30/1@30',
      '47.952=48000/1001@48',
      '48=48/1@48',
      '50=50/1@50',
      '59.94=60000/1001@60',
      '59.94 DF=60000/1001@60',
      '60=60/1@60',
    ],
  );
});

test('drop-frame round-trips every frame of the first two hours and a sweep of the day, always moving forward', () => {
  for (const name of ['29.97 DF', '59.94 DF']) {
    const r = frameRate(name);
    let previous = '';
    const tenMinutes = r.timebase === 30 ? 17_982 : 35_964;
    const day = 24 * 6 * tenMinutes;
    for (let index = 0; index < day; index += index < 12 * tenMinutes ? 1 : 11) {
      const timecode = framesToTimecode(index, r);
      // assert.fail only on a miss: building a message per frame would dominate the run time.
      if (timecode <= previous) assert.fail(`${name}: ${timecode} after ${previous}`);
      if (timecodeToFrames(timecode, r) !== index) assert.fail(`${name}: ${timecode} read back as ${timecodeToFrames(timecode, r)}, not ${index}`);
      previous = timecode;
    }
    assert.equal(framesToTimecode(day, r), '00:00:00;00', `${name} wraps at 24 hours`);
  }
});

test('non-drop rates round-trip across a day', () => {
  for (const r of FRAME_RATES.filter((rate) => !rate.dropFrame)) {
    const day = 24 * 3600 * r.timebase;
    for (let index = 0; index < day; index += 997) {
      assert.equal(timecodeToFrames(framesToTimecode(index, r), r), index, `${r.name}: ${index}`);
    }
    assert.equal(framesToTimecode(day - 1, r), `23:59:59:${String(r.timebase - 1)}`);
  }
});

test('frame rates are read from the ways people write them', () => {
  assert.equal(frameRate(25).name, '25');
  assert.equal(frameRate('29.97').name, '29.97');
  assert.equal(frameRate('29.97df').name, '29.97 DF');
  assert.equal(frameRate('29.97 DF').name, '29.97 DF');
  assert.equal(frameRate('59.94 NDF').name, '59.94');
  assert.equal(frameRate('23.98').name, '23.976');
  assert.equal(frameRate('24000/1001').name, '23.976');
  assert.equal(frameRate('60000/1001 DF').name, '59.94 DF');
  assert.equal(frameRate('25/1').name, '25');
  assert.equal(frameRate(' 24.0 ').name, '24');
});

test('unsupported rates and drop-frame where it does not exist are refused by name', () => {
  assert.throws(() => frameRate('12'), { name: 'TimecodeError', message: /Unsupported frame rate "12"\. Use one of: 23\.976, 24, .*, 60\./ });
  assert.throws(() => frameRate('25 DF'), { message: /Drop-frame timecode exists only at 29\.97 and 59\.94 fps, not at 25 DF/ });
  assert.throws(() => frameRate('fast'), TimecodeError);
});

test('invalid timecodes are refused with the reason', () => {
  const df = frameRate('29.97 DF');
  assert.throws(() => timecodeToFrames('00:01:00;00', df), { message: /"00:01:00;00" does not exist at 29\.97 DF: frames 00 to 01 are dropped/ });
  assert.throws(() => timecodeToFrames('00:01:00:01', df), /does not exist at 29\.97 DF/);
  assert.throws(() => timecodeToFrames('00:07:00;03', frameRate('59.94 DF')), /frames 00 to 03 are dropped/);
  assert.equal(timecodeToFrames('00:01:00:02', df), 1800, 'colons are accepted for drop-frame, as the API writes them');
  assert.throws(() => timecodeToFrames('00:00:00:30', frameRate('30')), { message: /at 30 fps frames go from 00 to 29/ });
  assert.throws(() => timecodeToFrames('00:00:00:24', frameRate('23.976')), /frames go from 00 to 23/);
  assert.throws(() => timecodeToFrames('00:00:10;00', frameRate('29.97')), /written as drop-frame \(";"\) but the rate is 29\.97, which is non-drop-frame/);
  assert.throws(() => timecodeToFrames('24:00:00:00', frameRate('25')), /out of range: hours go to 23/);
  assert.throws(() => timecodeToFrames('00:60:00:00', frameRate('25')), /out of range/);
  assert.throws(() => timecodeToFrames('1:00:00:00', frameRate('25')), /is not a timecode; expected HH:MM:SS:FF/);
  assert.throws(() => framesToTimecode(-1, frameRate('25')), /whole number of frames from 0, got -1/);
  assert.throws(() => framesToTimecode(1.5, frameRate('25')), TimecodeError);
});

test('API timestamps count frames from 0: timestamp 0 is the first frame, at the start timecode', () => {
  assert.equal(FIRST_API_FRAME, 0);
  assert.equal(apiTimestampToIndex(0), 0);
  assert.equal(indexToApiTimestamp(0), 0);
  assert.equal(apiTimestampToIndex(49), 49);
  assert.throws(() => apiTimestampToIndex(-1), /comment timestamp must be a whole frame number from 0, got -1/);
  assert.throws(() => apiTimestampToIndex(2.5), TimecodeError);
  const df = frameRate('29.97 DF');
  // Frame.io's own display of two comments on a live 29.97 fps file.
  assert.equal(timecodeOfApiTimestamp(9000, df), '00:05:00;10');
  assert.equal(timecodeOfApiTimestamp(11_974, df), '00:06:39;16');
  assert.equal(apiTimestampOfTimecode('00:05:00;10', df), 9000);
  assert.equal(apiTimestampOfTimecode('00:06:39;16', df), 11_974);
  assert.equal(timecodeOfApiTimestamp(0, df), '00:00:00;00');
  assert.equal(timecodeOfApiTimestamp(1800, df), '00:01:00;02');
  assert.equal(timecodeOfApiTimestamp(17_982, df), '00:10:00;00');
  assert.equal(timecodeOfApiTimestamp(0, frameRate('25'), '01:00:00:00'), '01:00:00:00');
  assert.equal(timecodeOfApiTimestamp(25, frameRate('25'), '01:00:00:00'), '01:00:01:00');
  assert.equal(timecodeOfApiTimestamp(1798, df, '00:59:00;02'), '01:00:00;00', 'minute 59 drops two frames');
  assert.equal(apiTimestampOfTimecode('01:00:00;00', df, '00:59:00;02'), 1798);
  assert.equal(apiTimestampOfTimecode('00:00:00:00', frameRate('24'), '23:59:59:23'), 1, 'a file running past midnight');
  assert.equal(offsetTimecode('23:59:59:24', 1, frameRate('25')), '00:00:00:00');
});

// [rate, API timestamp, timecode from 00:00:00:00], both directions, from the first frame (0).
const FROM_ZERO: Array<[string, number, string]> = [
  ['23.976', 0, '00:00:00:00'],
  ['23.976', 1, '00:00:00:01'],
  ['23.976', 24, '00:00:01:00'],
  ['23.976', 1439, '00:00:59:23'],
  ['24', 0, '00:00:00:00'],
  ['24', 23, '00:00:00:23'],
  ['24', 86_400, '01:00:00:00'],
  ['25', 0, '00:00:00:00'],
  ['25', 24, '00:00:00:24'],
  ['25', 25, '00:00:01:00'],
  ['29.97', 0, '00:00:00:00'],
  ['29.97', 1800, '00:01:00:00'],
  ['29.97', 9000, '00:05:00:00'],
  ['29.97 DF', 0, '00:00:00;00'],
  ['29.97 DF', 29, '00:00:00;29'],
  ['29.97 DF', 1799, '00:00:59;29'],
  ['29.97 DF', 1800, '00:01:00;02'],
  ['30', 0, '00:00:00:00'],
  ['30', 30, '00:00:01:00'],
  ['30', 9000, '00:05:00:00'],
  ['50', 0, '00:00:00:00'],
  ['50', 49, '00:00:00:49'],
  ['50', 3000, '00:01:00:00'],
  ['59.94 DF', 0, '00:00:00;00'],
  ['59.94 DF', 3599, '00:00:59;59'],
  ['59.94 DF', 3600, '00:01:00;04'],
  ['59.94 DF', 35_964, '00:10:00;00'],
];

test('API timestamps and timecodes convert both ways at every rate, from frame 0', () => {
  for (const [name, timestamp, timecode] of FROM_ZERO) {
    const r = frameRate(name);
    assert.equal(timecodeOfApiTimestamp(timestamp, r), timecode, `${name}: timestamp ${timestamp}`);
    assert.equal(apiTimestampOfTimecode(timecode, r), timestamp, `${name}: ${timecode}`);
  }
});

test("a metadata frame rate (Frame.io's rounded number) names the exact rate; NTSC 29.97 and 59.94 count drop-frame unless the file's timecode is non-drop", () => {
  assert.equal(frameRateOfFps(23.976)?.name, '23.976');
  assert.equal(frameRateOfFps(24)?.name, '24');
  assert.equal(frameRateOfFps(25)?.name, '25');
  assert.equal(frameRateOfFps(29.97)?.name, '29.97 DF');
  assert.equal(frameRateOfFps(29.97, '00:59:58;00')?.name, '29.97 DF');
  assert.equal(frameRateOfFps(29.97, '01:00:00:00')?.name, '29.97');
  assert.equal(frameRateOfFps(59.94)?.name, '59.94 DF');
  assert.equal(frameRateOfFps(50)?.name, '50');
  assert.equal(frameRateOfFps(15), undefined, 'timecode does not count at 15 fps');
  assert.equal(frameRateOfFps(12.5), undefined);
});

test('seconds and frames convert for the player without drifting at NTSC rates', () => {
  const df = frameRate('29.97 DF');
  assert.equal(frameToSeconds(17_982, df), 599.9994);
  assert.equal(frameToSeconds(30_000, df), 1001);
  assert.equal(secondsToFrame(1001, df), 30_000);
  assert.equal(secondsToFrame(1.0009, frameRate('23.976')), 23);
  assert.equal(secondsToFrame(1.001, frameRate('23.976')), 24);
  for (const r of FRAME_RATES) {
    for (let index = 0; index < 2_000_000; index += 7_919) {
      assert.equal(secondsToFrame(frameToSeconds(index, r), r), index, `${r.name}: ${index}`);
      assert.equal(secondsToFrame(seekSecondsForFrame(index, r), r), index, `${r.name}: seek to ${index}`);
    }
  }
  assert.throws(() => secondsToFrame(-1, df), /0 seconds or more/);
});
