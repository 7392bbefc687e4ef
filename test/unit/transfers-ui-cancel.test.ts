// Before a job with bytes sent is cancelled, the confirmation names what is lost (the unfinished
// files' bytes, deleted where they arrived) and what is kept (the finished files, the originals);
// with nothing sent there is nothing to ask.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TransferJob } from '../../preload/contract.ts';
import { cancelWords } from '../../renderer/src/lib/cancel-words.ts';

const job = (fields: Partial<TransferJob> = {}): TransferJob => ({
  id: 'j', kind: 'upload', accountId: 'a', folderId: 'f', label: '/media/Day 01', state: 'running', error: null, priority: 0,
  createdAt: 0, updatedAt: 0, filesTotal: 5, filesDone: 2, filesSkipped: 1, filesFailed: 0, bytesTotal: 50_000_000,
  bytesDone: 12_000_000, waitingSince: null, pausedBy: null, startedAt: 0, endedAt: null, filesVerified: 2, bytesVerified: 8_000_000,
  destination: { folderId: 'f', label: 'Dailies', url: null }, ...fields,
});
const counts = { done: 2, skipped: 1, failed: 0, total: 5 };

test('nothing sent: cancelling loses nothing, so nothing is asked', () => {
  assert.equal(cancelWords(job({ bytesDone: 0 }), { done: 0, skipped: 0, failed: 0, total: 5 }, 0, 'Day 01'), undefined);
});

test('an upload with bytes sent names the unfinished files lost in Frame.io and the finished ones kept', () => {
  const words = cancelWords(job(), counts, 12_000_000, 'Day 01')!;
  assert.equal(words.title, 'Cancel the upload of “Day 01”?');
  assert.equal(words.confirm, 'Cancel upload');
  assert.equal(words.lost, '2 files not finished stop, and what has arrived of them in Frame.io is deleted (12 MB sent so far). Starting again later begins them from nothing.');
  assert.equal(words.kept, '3 files already in Frame.io stay there. The files on this computer are not touched.');
});

test('one file part-way and none finished: the words are singular and say nothing is kept in Frame.io', () => {
  const words = cancelWords(job({ filesTotal: 1 }), { done: 0, skipped: 0, failed: 0, total: 1 }, 5_242_880, 'A004_C007.mov')!;
  assert.equal(words.lost, '1 file not finished stops, and what has arrived of it in Frame.io is deleted (5.2 MB sent so far). Starting again later begins it from nothing.');
  assert.equal(words.kept, 'No file has finished uploading yet. The files on this computer are not touched.');
});

test('a download speaks of this computer, and leaves Frame.io as it is', () => {
  const words = cancelWords(job({ kind: 'download' }), counts, 12_000_000, 'Day 01')!;
  assert.equal(words.title, 'Cancel the download of “Day 01”?');
  assert.equal(words.confirm, 'Cancel download');
  assert.match(words.lost, /arrived of them on this computer is deleted \(12 MB received so far\)/);
  assert.equal(words.kept, '3 files already on this computer stay there. Nothing in Frame.io changes.');
});
