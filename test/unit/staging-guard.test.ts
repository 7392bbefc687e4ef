// The web agent deletes only its own staged copies: a path must lie in a batch folder of the
// staging folder as written and once links are resolved.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { batchOf, deletesInside } from '../../main/web/staging-guard.ts';

const BATCH = '0f2d5d1c-6a55-4d3e-9f55-2b8f0e1c7a10';
const work = mkdtempSync(join(tmpdir(), 'slate-guard-'));
const staging = join(work, 'staging');
after(() => rmSync(work, { recursive: true, force: true }));

test('a batch is a UUID-named folder directly in the staging folder, as written', () => {
  assert.equal(batchOf(staging, join(staging, BATCH, 'Day 1', 'clip.mov')), join(staging, BATCH));
  assert.equal(batchOf(staging, join(staging, BATCH)), join(staging, BATCH));
  assert.equal(batchOf(`${staging}/`, `${staging}/./${BATCH}/a.mov`), join(staging, BATCH));
  for (const outside of [
    staging,
    join(staging, 'notes', 'a.mov'),
    join(staging, BATCH, '..', '..', 'a.mov'),
    join(`${staging}-other`, BATCH, 'a.mov'),
    join(work, BATCH, 'a.mov'),
    '/etc/passwd',
    'https://example.com/a.mov',
  ]) {
    assert.equal(batchOf(staging, outside), undefined, outside);
  }
});

test('a link planted in a batch cannot lead a deletion out of the staging folder', async () => {
  const person = join(work, 'person');
  mkdirSync(person, { recursive: true });
  writeFileSync(join(person, 'precious.mov'), 'mine');
  mkdirSync(join(staging, BATCH, 'Reel'), { recursive: true });
  writeFileSync(join(staging, BATCH, 'Reel', 'a.mov'), 'staged');
  symlinkSync(person, join(staging, BATCH, 'Reel', 'outside'));
  const linkedBatch = 'aaaaaaaa-6a55-4d3e-9f55-2b8f0e1c7a10';
  symlinkSync(person, join(staging, linkedBatch));

  assert.equal(await deletesInside(staging, join(staging, BATCH, 'Reel', 'a.mov')), true);
  assert.equal(await deletesInside(staging, join(staging, BATCH)), true);
  // Deleting the link itself removes the link, never what it points to.
  assert.equal(await deletesInside(staging, join(staging, BATCH, 'Reel', 'outside')), true);
  assert.equal(await deletesInside(staging, join(staging, linkedBatch)), true);
  assert.equal(await deletesInside(staging, join(staging, BATCH, 'Reel', 'outside', 'precious.mov')), false);
  assert.equal(await deletesInside(staging, join(staging, linkedBatch, 'precious.mov')), false);
  assert.equal(await deletesInside(staging, join(person, 'precious.mov')), false);
  assert.equal(await deletesInside(staging, join(staging, BATCH, 'gone', 'b.mov')), undefined);
});
