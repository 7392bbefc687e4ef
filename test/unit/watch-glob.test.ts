import assert from 'node:assert/strict';
import { test } from 'node:test';
import { globToRegExp } from '../../main/core/watch/glob.ts';

const matches = (path: string, glob: string) => globToRegExp(glob).test(path);

test('* and ? stay within a name; ** crosses folders, and **/ may match none', () => {
  assert.ok(matches('a.tmp', '*.tmp'));
  assert.ok(!matches('x/a.tmp', '*.tmp'));
  assert.ok(matches('x/y/a.tmp', '**/*.tmp'));
  assert.ok(matches('a.tmp', '**/*.tmp'));
  assert.ok(matches('renders/old/x.mov', 'renders/**'));
  assert.ok(matches('a1.mov', 'a?.mov'));
  assert.ok(!matches('a/.mov', 'a?.mov'));
});

test('sets, negated sets, alternatives, and literal dots, dollars and brackets', () => {
  assert.ok(matches('b.mov', '[ab].mov'));
  assert.ok(!matches('c.mov', '[ab].mov'));
  assert.ok(matches('c.mov', '[!ab].mov'));
  assert.ok(matches('x.mp4', '*.{mov,mp4}'));
  assert.ok(!matches('x.mxf', '*.{mov,mp4}'));
  assert.ok(!matches('xamov', '*.mov'), 'a dot is a dot');
  assert.ok(matches('$RECYCLE.BIN', '$RECYCLE.BIN'));
  assert.ok(matches('~$notes.docx', '~$*'));
  assert.ok(matches('.~lock.x.odt#', '.~lock.*#'));
  assert.ok(matches('(1) [final].mov', '(1) *.mov'));
});

test('matching ignores case', () => {
  assert.ok(matches('THUMBS.DB', 'Thumbs.db'));
  assert.ok(matches('Render.TMP', '*.tmp'));
});
