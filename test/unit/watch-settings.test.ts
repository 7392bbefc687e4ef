// A watch's settings as the service takes them: defaults filled in, and what would misbehave refused
// with a reason, whoever asks (the CLI, the app, a stored watch from an older Slate).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_WATCH_SETTINGS, withDefaults } from '../../main/core/watch/settings.ts';

test('missing settings take the defaults; a move without a folder moves into _uploaded', () => {
  assert.deepEqual(withDefaults({}), DEFAULT_WATCH_SETTINGS);
  assert.deepEqual(withDefaults({ afterUpload: { action: 'move', folder: '' } }).afterUpload, { action: 'move', folder: '_uploaded' });
  assert.deepEqual(withDefaults({ afterUpload: { action: 'move', folder: 'Uploaded/today' } }).afterUpload, { action: 'move', folder: 'Uploaded/today' });
});

test('a move out of the watched tree, or onto the files themselves, is refused', () => {
  for (const folder of ['..', '.', '../elsewhere', 'a/../../b', '/tmp/out', 'C:\\out', 'a//b']) {
    assert.throws(() => withDefaults({ afterUpload: { action: 'move', folder } }), /cannot take uploaded files: Give the name of a folder inside the watched folder/, folder);
  }
});

test('a negative stability window, or full looks more often than every 10 s, are refused', () => {
  assert.throws(() => withDefaults({ stableSeconds: -1 }), /stability window must be zero or more seconds/);
  assert.throws(() => withDefaults({ rescanSeconds: 5 }), /every 10 seconds or more \(or never, 0\), not every 5/);
  assert.equal(withDefaults({ rescanSeconds: 0 }).rescanSeconds, 0);
  assert.equal(withDefaults({ rescanSeconds: 10 }).rescanSeconds, 10);
});

test('a watch stored before the upload order existed uploads the oldest first; anything but oldest or newest is refused', () => {
  const stored = { ...DEFAULT_WATCH_SETTINGS } as Partial<typeof DEFAULT_WATCH_SETTINGS>;
  delete stored.uploadFirst;
  assert.equal(withDefaults(stored).uploadFirst, 'oldest');
  assert.equal(withDefaults({ uploadFirst: 'newest' }).uploadFirst, 'newest');
  assert.throws(() => withDefaults({ uploadFirst: 'largest' as 'newest' }), /go oldest or newest first, not "largest"/);
});
