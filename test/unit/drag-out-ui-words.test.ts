// What the page says when a drag out of the window could not carry what was dragged: where it is
// downloading instead, and why, for a folder, a stack, a big file and a crowded drag.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sentWords } from '../../renderer/src/components/downloads/drag-out.ts';

const to = '/Users/ed/Downloads';

test('each reason says where the download goes and why the drag could not carry it', () => {
  assert.equal(sentWords({ name: 'Dailies', type: 'folder', reason: 'not-a-file', to, jobId: 'j' }), '“Dailies” is downloading into /Users/ed/Downloads: a folder cannot be carried in a drag.');
  assert.equal(sentWords({ name: 'Cut', type: 'version_stack', reason: 'not-a-file', to, jobId: 'j' }), '“Cut” is downloading into /Users/ed/Downloads: a version stack cannot be carried in a drag.');
  assert.equal(sentWords({ name: 'A001.mov', type: 'file', reason: 'too-big', to, jobId: 'j' }), '“A001.mov” is downloading into /Users/ed/Downloads: a drag carries files up to 16 MB.');
  assert.equal(sentWords({ name: 'A001.mov', type: 'file', reason: 'too-many', to, jobId: 'j' }), '“A001.mov” is downloading into /Users/ed/Downloads: more than 10 files cannot be carried in a drag.');
});
