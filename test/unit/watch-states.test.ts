import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canMove, checkMove, IllegalTransition, WATCH_FILE_STATES, type WatchFileState } from '../../main/core/watch/states.ts';

test('the happy path is Pending → Ready → Queued → Uploading → Done', () => {
  const path: WatchFileState[] = ['pending', 'ready', 'queued', 'uploading', 'done'];
  for (let i = 1; i < path.length; i++) assert.ok(canMove(path[i - 1]!, path[i]!), `${path[i - 1]} → ${path[i]}`);
});

test('a file that changes again, wherever it is, starts over at Pending', () => {
  for (const from of ['ready', 'queued', 'uploading', 'done', 'failed', 'skipped'] as const) assert.ok(canMove(from, 'pending'), from);
});

test('no file reaches Done or Uploading without the steps before it', () => {
  assert.ok(!canMove('pending', 'done'));
  assert.ok(!canMove('pending', 'uploading'));
  assert.ok(!canMove('ready', 'uploading'));
  assert.ok(!canMove('done', 'queued'), 'a finished file is only uploaded again when it changes');
  assert.throws(() => checkMove('a.mov', 'pending', 'done'), IllegalTransition);
  assert.doesNotThrow(() => checkMove('a.mov', 'failed', 'queued'));
});

test('a file uploaded as it grows goes from Pending straight to Queued, never Ready: it is not finished', () => {
  assert.ok(canMove('pending', 'queued'));
});

test('every finished state has a way back, and no state leads to itself', () => {
  for (const state of WATCH_FILE_STATES) assert.ok(!canMove(state, state), state);
  for (const state of ['done', 'failed', 'skipped'] as const) assert.ok(canMove(state, 'pending'));
});
