// The comments panel's filter and sort.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Comment } from '../../preload/contract.ts';
import { commentAuthors, visibleComments } from '../../renderer/src/lib/comments.ts';

function comment(id: string, fields: Partial<Comment>): Comment {
  return { id, text: id, timestamp: null, durationFrames: null, shapes: [], page: null, completed: false, createdAt: '2024-06-01T09:00:00.000Z', author: null, replies: [], ...fields };
}

const rosa = { name: 'Rosa Díaz', email: 'rosa@example.com' };
const sam = { name: 'Sam Okafor', email: 'sam@example.com' };
const COMMENTS = [
  comment('late', { timestamp: 200, createdAt: '2024-06-01T09:01:00.000Z', author: sam }),
  comment('whole', { timestamp: null, createdAt: '2024-06-01T09:03:00.000Z', author: rosa, text: 'Colour feels cold' }),
  comment('early', { timestamp: 12, createdAt: '2024-06-01T09:02:00.000Z', author: rosa, completed: true, replies: [comment('r', { text: 'Fixed in v2', author: sam })] }),
];
const ids = (list: Comment[]) => list.map((c) => c.id);

test('sorted by timecode, comments on the whole file first', () => {
  assert.deepEqual(ids(visibleComments(COMMENTS, { state: 'all', author: '', text: '' }, 'timecode')), ['whole', 'early', 'late']);
});

test("a document's comments sort by page, the whole document first, then by creation", () => {
  const onPages = [
    comment('p10', { page: 10, createdAt: '2024-06-01T09:00:00.000Z' }),
    comment('p2-later', { page: 2, createdAt: '2024-06-01T09:05:00.000Z' }),
    comment('whole', { createdAt: '2024-06-01T09:09:00.000Z' }),
    comment('p2', { page: 2, createdAt: '2024-06-01T09:01:00.000Z' }),
  ];
  assert.deepEqual(ids(visibleComments(onPages, { state: 'all', author: '', text: '' }, 'timecode')), ['whole', 'p2', 'p2-later', 'p10']);
});

test('sorted by creation either way, and by author', () => {
  assert.deepEqual(ids(visibleComments(COMMENTS, { state: 'all', author: '', text: '' }, 'newest')), ['whole', 'early', 'late']);
  assert.deepEqual(ids(visibleComments(COMMENTS, { state: 'all', author: '', text: '' }, 'oldest')), ['late', 'early', 'whole']);
  assert.deepEqual(ids(visibleComments(COMMENTS, { state: 'all', author: '', text: '' }, 'author')), ['early', 'whole', 'late']);
});

test('filtered by open or completed', () => {
  assert.deepEqual(ids(visibleComments(COMMENTS, { state: 'open', author: '', text: '' }, 'timecode')), ['whole', 'late']);
  assert.deepEqual(ids(visibleComments(COMMENTS, { state: 'completed', author: '', text: '' }, 'timecode')), ['early']);
});

test('text matches the comment, its replies and authors, ignoring case', () => {
  assert.deepEqual(ids(visibleComments(COMMENTS, { state: 'all', author: '', text: 'COLD' }, 'timecode')), ['whole']);
  assert.deepEqual(ids(visibleComments(COMMENTS, { state: 'all', author: '', text: 'fixed in' }, 'timecode')), ['early']);
  assert.deepEqual(ids(visibleComments(COMMENTS, { state: 'all', author: '', text: ' okafor ' }, 'timecode')), ['early', 'late']);
});

test('the list given is left as it was', () => {
  const before = ids(COMMENTS);
  visibleComments(COMMENTS, { state: 'all', author: '', text: '' }, 'newest');
  assert.deepEqual(ids(COMMENTS), before);
});

test('filtered by an author, who is listed once however many comments they wrote', () => {
  assert.deepEqual(commentAuthors(COMMENTS), [rosa, sam]);
  assert.deepEqual(ids(visibleComments(COMMENTS, { state: 'all', author: 'rosa@example.com', text: '' }, 'timecode')), ['whole', 'early']);
  assert.deepEqual(ids(visibleComments(COMMENTS, { state: 'open', author: 'rosa@example.com', text: '' }, 'timecode')), ['whole']);
});
