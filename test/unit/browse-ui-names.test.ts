// Names typed in Slate's forms: held to Frame.io's 255 (as the contract counts them, never
// splitting a character) with a word when cut, and refused beside the field when empty or slashed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitName, NAME_LIMIT, nameProblem } from '../../renderer/src/lib/names.ts';

test('a name up to the limit is kept as typed', () => {
  assert.deepEqual(fitName('x'.repeat(NAME_LIMIT)), { name: 'x'.repeat(NAME_LIMIT), cut: false });
});

test('a longer name is cut to the limit and says it was', () => {
  const { name, cut } = fitName(`Selects ${'x'.repeat(300)}`);
  assert.equal(name.length, 255);
  assert.ok(cut);
});

test('a character that would straddle the limit is left out whole', () => {
  const { name, cut } = fitName(`${'x'.repeat(254)}🎬🎬`);
  assert.equal(name, 'x'.repeat(254));
  assert.ok(cut);
  assert.equal(fitName(`${'x'.repeat(253)}🎬`).name, `${'x'.repeat(253)}🎬`);
});

test('an empty or blank name, and one with a slash, are refused with the reason', () => {
  assert.equal(nameProblem('   ', 'folder'), 'Type a name for the folder.');
  assert.equal(nameProblem('', 'project'), 'Type a name for the project.');
  assert.equal(nameProblem('cuts/v2', 'folder'), 'Names cannot contain / or \\.');
  assert.equal(nameProblem('cuts\\v2', 'folder'), 'Names cannot contain / or \\.');
  assert.equal(nameProblem('Día 1 – cuts', 'folder'), undefined);
});
