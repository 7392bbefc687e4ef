// The follows' pace: turns to list a folder are spaced evenly at half the documented rate of the
// per-folder lists, whoever asks, and a turn not taken for a while is not saved up into a burst.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Clock } from '../../main/core/api/clock.ts';
import { FolderPace, FOLDERS_PER_SECOND } from '../../main/core/sync/pace.ts';

function fakeClock(): Clock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += Math.max(0, ms);
    },
  };
}

test('half of the 5 calls a second Frame.io documents for folders.list, files.list and version_stacks.list', () => {
  assert.equal(FOLDERS_PER_SECOND, 2.5);
});

test('turns are 400 ms apart, and an idle pace does not bank turns', async () => {
  const clock = fakeClock();
  const pace = new FolderPace(clock);
  const starts: number[] = [];
  for (let i = 0; i < 4; i++) {
    await pace.turn();
    starts.push(clock.now());
  }
  assert.deepEqual(starts, [0, 400, 800, 1200]);
  await clock.sleep(10_000);
  await pace.turn();
  await pace.turn();
  assert.deepEqual([clock.now() - 11_200], [400], 'after an idle spell the first turn is at once, the next one 400 ms later');
});
