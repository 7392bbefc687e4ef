// What a drag out of the desktop window may carry and hand to the system: whole files, few and
// small enough to fetch before the pointer is let go (a folder, a stack, a big or a crowded drag
// downloads into the download folder instead; a file still uploading is refused), and only paths
// inside the drag cache, however the path is spelled.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insideDragCache, planDragOut, type DragCandidate } from '../../main/core/drag-out/plan.ts';

const file = (name: string, size: number, complete = true): DragCandidate => ({ id: name, name, type: 'file', size, complete });
const limits = { bytes: 1000, files: 3 };

test('whole files within the limits are carried by the drag itself', () => {
  assert.deepEqual(planDragOut([file('a.png', 400), file('b.png', 600)], limits), { way: 'drag' });
  assert.deepEqual(planDragOut([file('empty.txt', 0)], limits), { way: 'drag' });
});

test('a folder or a stack, more bytes or more files than a drag carries, download into the download folder instead', () => {
  assert.deepEqual(planDragOut([file('a.png', 10), { id: 'f', name: 'Dailies', type: 'folder', size: 0, complete: true }], limits), { way: 'download', reason: 'not-a-file' });
  assert.deepEqual(planDragOut([{ id: 's', name: 'Cut', type: 'version_stack', size: 0, complete: true }], limits), { way: 'download', reason: 'not-a-file' });
  assert.deepEqual(planDragOut([file('a.mov', 600), file('b.mov', 401)], limits), { way: 'download', reason: 'too-big' });
  assert.deepEqual(planDragOut(['a', 'b', 'c', 'd'].map((n) => file(n, 1)), limits), { way: 'download', reason: 'too-many' });
});

test('a file still uploading to Frame.io is refused, by name: there is no original to fetch', () => {
  assert.deepEqual(planDragOut([file('a.png', 10), file('render.mov', 10, false)], limits), { way: 'refuse', name: 'render.mov' });
});

test('only paths below the drag cache are handed to the system, however they are spelled', () => {
  const cache = '/home/ed/.local/share/slate/cache/drag';
  assert.equal(insideDragCache(cache, `${cache}/file-1/take.png`), true);
  assert.equal(insideDragCache(cache, `${cache}/..file/odd but inside.png`), true);
  assert.equal(insideDragCache(cache, cache), false, 'not the cache itself');
  assert.equal(insideDragCache(cache, `${cache}/../slate.db`), false);
  assert.equal(insideDragCache(cache, '/home/ed/.local/share/slate/cache/drag-other/take.png'), false, 'not a sibling whose name starts the same');
  assert.equal(insideDragCache(cache, '/home/ed/.ssh/id_ed25519'), false);
  assert.equal(insideDragCache(cache, 'file-1/take.png'), false, 'not a relative path');
});
