import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WatchRules } from '../../main/core/watch/rules.ts';

test('temp, partial and lock files, and operating-system litter, are ignored by default', () => {
  const rules = new WatchRules();
  for (const path of ['a.tmp', 'deep/x/render.TMP', 'clip.mov.part', '~$script.docx', '.DS_Store', 'sub/Thumbs.db', 'thumbs.db', 'proj.lock', '._clip.mov', 'Photos.crdownload']) {
    assert.ok(rules.ignoredBy(path), `${path} should be ignored`);
  }
  for (const path of ['shot_v001.mov', 'sub/A001C003.mxf', 'template.docx', 'part/clip.mov', 'tmp/clip.mov']) {
    assert.equal(rules.ignoredBy(path), undefined, `${path} should not be ignored`);
  }
});

test('application caches, previews, auto-saves and trash folders are ignored with everything inside them', () => {
  const rules = new WatchRules();
  for (const path of [
    'Adobe Premiere Pro Auto-Save',
    'proj/Adobe Premiere Pro Auto-Save/edit-2024.prproj',
    'Media Cache/clip.cfa',
    'x/Media Cache Files/y.pek',
    'CacheClip/abc.dvcc',
    'Resolve/CacheClip/1/2.mov',
    '.Trash-1000/files/a.mov',
    '.Trashes',
    '$RECYCLE.BIN/S-1-5/a.mov',
  ]) {
    assert.ok(rules.ignoredBy(path), `${path} should be ignored`);
  }
});

test('user ignore globs: a bare glob matches a name at any depth, one with a slash the path from the top', () => {
  const rules = new WatchRules({ ignore: ['*.xml', 'proxies', 'renders/old', 'audio/*.wav'] });
  assert.equal(rules.ignoredBy('a/b/c.XML'), '*.xml');
  assert.equal(rules.ignoredBy('day1/proxies/clip.mov'), 'proxies');
  assert.equal(rules.ignoredBy('renders/old/shot.mov'), 'renders/old');
  assert.equal(rules.ignoredBy('renders/new/shot.mov'), undefined);
  assert.equal(rules.ignoredBy('audio/mix.wav'), 'audio/*.wav');
  assert.equal(rules.ignoredBy('x/audio/mix.wav'), undefined);
});

test('include globs narrow what uploads, and ignore rules still win over them', () => {
  const rules = new WatchRules({ include: ['*.mov', '*.MXF'], ignore: ['*_wip.mov'] });
  assert.ok(rules.accepts('a/b.mov'));
  assert.ok(rules.accepts('A001.mxf'));
  assert.ok(!rules.accepts('notes.txt'));
  assert.ok(!rules.accepts('shot_wip.mov'));
  assert.ok(!rules.accepts('x.mov.part'));
  assert.ok(new WatchRules().accepts('notes.txt'), 'no include globs means everything not ignored');
});

test('the defaults can be turned off while the user globs stay', () => {
  const rules = new WatchRules({ defaults: false, ignore: ['*.bak'] });
  assert.equal(rules.ignoredBy('a.tmp'), undefined);
  assert.equal(rules.ignoredBy('a.bak'), '*.bak');
});

test('an ignored path covers that folder and its contents at that place only', () => {
  const rules = new WatchRules({ ignorePaths: ['_uploaded'] });
  assert.equal(rules.ignoredBy('_uploaded'), '_uploaded');
  assert.equal(rules.ignoredBy('_uploaded/day1/a.mov'), '_uploaded');
  assert.equal(rules.ignoredBy('day1/_uploaded/a.mov'), undefined);
  assert.equal(rules.ignoredBy('_uploaded2/a.mov'), undefined);
});
