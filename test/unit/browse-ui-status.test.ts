// A file's state in people's words: each of Frame.io's states has its own word, none of them
// Frame.io's own, and the Status column sorts by the words on screen.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Asset } from '../../preload/contract.ts';
import { statusWords } from '../../renderer/src/lib/file-status.ts';
import { visibleItems } from '../../renderer/src/store/browse.ts';

const API_WORDS = ['created', 'uploaded', 'transcoded'] as const;

test('each of Frame.io\'s file states reads as people say it', () => {
  assert.deepEqual(
    API_WORDS.map((status) => statusWords(status)?.label),
    ['Uploading…', 'Processing', 'Ready'],
  );
  assert.deepEqual(
    API_WORDS.map((status) => statusWords(status)?.tone),
    ['uploading', 'processing', 'ready'],
  );
});

test('no pill or tooltip repeats an API word, and each explains itself', () => {
  for (const status of API_WORDS) {
    const words = statusWords(status)!;
    for (const apiWord of API_WORDS) {
      assert.doesNotMatch(`${words.label} ${words.hint}`, new RegExp(`\\b${apiWord}\\b`, 'i'), `${status} says "${apiWord}"`);
    }
    assert.match(words.hint, /Frame\.io/);
  }
});

test('folders and stacks, which have no state, get no pill', () => {
  assert.equal(statusWords(null), undefined);
});

test('the Status column sorts by the words on screen', () => {
  const file = (id: string, status: Asset['status']): Asset => ({
    id, name: id, type: 'file', parentId: 'f', projectId: 'p', size: 1, mediaType: 'video/mp4', status,
    createdAt: '2024-06-07T09:00:00.000Z', updatedAt: '2024-06-07T09:00:00.000Z', viewUrl: '', thumbnailUrl: null,
  });
  const items = [file('a', 'created'), file('b', 'transcoded'), file('c', 'uploaded')];
  const order = visibleItems(items, '', { key: 'status', descending: false }).map((item) => statusWords(item.status)?.label);
  assert.deepEqual(order, ['Processing', 'Ready', 'Uploading…']);
});
