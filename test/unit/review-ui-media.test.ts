// What the viewer plays of a file's media links.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mediaKind, playbackUrls } from '../../renderer/src/lib/media.ts';

const link = (kind: string) => ({ kind, url: `https://cdn.example/${kind}` });

test('files are shown by the major part of their media type; a PDF is a document', () => {
  assert.equal(mediaKind('video/quicktime'), 'video');
  assert.equal(mediaKind('audio/wav'), 'audio');
  assert.equal(mediaKind('image/png'), 'image');
  assert.equal(mediaKind('application/pdf'), 'document');
  assert.equal(mediaKind('application/zip'), 'other');
  assert.equal(mediaKind(null), 'other');
});

test('a PDF is read from its original only: a thumbnail has none of its pages', () => {
  assert.deepEqual(playbackUrls('document', [link('thumbnail'), link('original')]), ['https://cdn.example/original']);
  assert.deepEqual(playbackUrls('document', [link('thumbnail')]), []);
});

test("a video plays Frame.io's transcodes before its original, and the 180p proxy last", () => {
  const links = [link('video_h264_180'), link('original'), link('thumbnail'), link('efficient'), link('high_quality')];
  assert.deepEqual(playbackUrls('video', links), ['high_quality', 'efficient', 'original', 'video_h264_180'].map((k) => `https://cdn.example/${k}`));
});

test('a still shows its original before a thumbnail; a file of no known kind plays nothing', () => {
  assert.deepEqual(playbackUrls('image', [link('thumbnail'), link('original')]), ['https://cdn.example/original', 'https://cdn.example/thumbnail']);
  assert.deepEqual(playbackUrls('other', [link('original')]), []);
});

test('the same address offered twice is tried once', () => {
  const same = [{ kind: 'high_quality', url: 'https://cdn.example/a' }, { kind: 'original', url: 'https://cdn.example/a' }];
  assert.deepEqual(playbackUrls('video', same), ['https://cdn.example/a']);
});
