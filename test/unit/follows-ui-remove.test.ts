// The words of "Stop following?": what stops, which downloads are cancelled (and that their
// half-fetched bytes are deleted), and what is kept, in the singular and the plural.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { removeWords } from '../../renderer/src/components/follows/remove-words.ts';

const follow = (done: number, coming: number) => ({ label: 'Dailies', dir: '/Volumes/Media', counts: { done, skipped: 0, failed: 0, coming } });

test('downloads still to come are said to be cancelled, their bytes deleted; what came down is kept', () => {
  const words = removeWords(follow(12, 3));
  assert.equal(words.title, 'Stop following “Dailies”?');
  assert.equal(words.stops, 'Slate stops looking for what lands in “Dailies” in Frame.io. Nothing in Frame.io changes.');
  assert.equal(words.cancelled, '3 files still to come down are cancelled, and what has arrived of them is deleted.');
  assert.equal(words.kept, '12 files that came down stay in “Dailies” in /Volumes/Media.');
});

test('one of each is said in the singular', () => {
  const words = removeWords(follow(1, 1));
  assert.equal(words.cancelled, '1 file still to come down is cancelled, and what has arrived of it is deleted.');
  assert.equal(words.kept, '1 file that came down stays in “Dailies” in /Volumes/Media.');
});

test('with nothing coming nothing is said to be cancelled, and before anything came down the folder is left as it is', () => {
  const words = removeWords(follow(0, 0));
  assert.equal(words.cancelled, undefined);
  assert.equal(words.kept, 'Nothing has come down yet; the folder “Dailies” in /Volumes/Media is left as it is.');
  assert.equal(removeWords(follow(2_500, 0)).kept, '2,500 files that came down stay in “Dailies” in /Volumes/Media.');
});
