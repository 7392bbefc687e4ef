import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findStackTarget, parseVersionedName, sameShot, type StackCandidate } from '../../main/core/watch/versions.ts';

test('version suffixes are recognised in their common spellings', () => {
  assert.deepEqual(parseVersionedName('shot_v002.mov'), { key: 'shot.mov', version: 2 });
  assert.deepEqual(parseVersionedName('shot_v2.mov'), { key: 'shot.mov', version: 2 });
  assert.deepEqual(parseVersionedName('shot-v03.mov'), { key: 'shot.mov', version: 3 });
  assert.deepEqual(parseVersionedName('Shot v12.MOV'), { key: 'shot.mov', version: 12 });
  assert.deepEqual(parseVersionedName('comp.V4.exr'), { key: 'comp.exr', version: 4 });
  assert.deepEqual(parseVersionedName('shot.mov'), { key: 'shot.mov', version: undefined });
  assert.deepEqual(parseVersionedName('v2.mov'), { key: 'v2.mov', version: undefined }, 'a suffix needs a name before it');
  assert.deepEqual(parseVersionedName('shotv2.mov'), { key: 'shotv2.mov', version: undefined }, 'a suffix needs a separator');
  assert.deepEqual(parseVersionedName('shot_v2_grade.mov'), { key: 'shot_v2_grade.mov', version: undefined }, 'only a trailing suffix counts');
  assert.deepEqual(parseVersionedName('README'), { key: 'readme', version: undefined });
});

test('names differing only by a version suffix are one shot, unless exact names are asked for', () => {
  assert.ok(sameShot('shot_v002.mov', 'shot_v001.mov', false));
  assert.ok(sameShot('shot-v3.mov', 'shot_v01.mov', false));
  assert.ok(sameShot('shot_v2.mov', 'shot.mov', false));
  assert.ok(!sameShot('shot_v2.mov', 'shot_v2.mp4', false), 'another container is another deliverable');
  assert.ok(!sameShot('shot_v2.mov', 'shot2_v2.mov', false));
  assert.ok(!sameShot('shot_v002.mov', 'shot_v001.mov', true));
  assert.ok(sameShot('shot_v002.mov', 'shot_v002.mov', true));
});

test('the stack target: the identical name first, else the newest version of the shot, stacks before loose files', () => {
  const items: StackCandidate[] = [
    { id: 'f1', kind: 'file', name: 'shot_v001.mov', fileId: 'f1' },
    { id: 's1', kind: 'stack', name: 'shot_v003.mov', fileId: 's1' },
    { id: 'f4', kind: 'file', name: 'other_v009.mov', fileId: 'f4' },
    { id: 'f5', kind: 'file', name: 'shot_v003.mov', fileId: 'f5' },
  ];
  assert.equal(findStackTarget('shot_v004.mov', items, false)?.id, 's1');
  assert.equal(findStackTarget('shot_v001.mov', items, false)?.id, 'f1', 'an identical name wins over a higher version');
  assert.equal(findStackTarget('shot_v004.mov', items, true), undefined, 'exact names: no identical name, no target');
  assert.equal(findStackTarget('shot_v003.mov', items, true)?.id, 's1', 'exact names: a stack of that name beats a loose file of it');
  assert.equal(findStackTarget('new_v001.mov', items, false), undefined);
});
