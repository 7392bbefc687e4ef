// Bandwidth in the units people use: the engine reads bit rates ("160Mbps") beside byte rates, and
// the settings field converts Mbps or MB/s to a spec that carries its unit, and back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBandwidth, parseRate } from '../../main/core/transfers/bandwidth.ts';
import { fieldToSpec, specToField, unitOfSpec } from '../../renderer/src/lib/bandwidth-units.ts';

test('the engine reads decimal bit rates; a capital B stays bytes', () => {
  assert.equal(parseRate('160Mbps'), 20_000_000);
  assert.equal(parseRate('1.5Gbit/s'), 187_500_000);
  assert.equal(parseRate('800kbps'), 100_000);
  assert.equal(parseRate('20MB/s'), 20 * 1024 ** 2);
  assert.equal(parseRate('20M'), 20 * 1024 ** 2);
  assert.throws(() => parseRate('0Mbps'), /bandwidth of nothing/);
  assert.throws(() => parseRate('20MBps'), /not a bandwidth/);
  assert.deepEqual(parseBandwidth('08:00,40Mbps 19:00,off'), [
    { minute: 480, rate: 5_000_000 },
    { minute: 1140, rate: undefined },
  ]);
});

test('the field converts Mbps and MB/s into a spec the engine reads, with its unit', () => {
  assert.deepEqual(fieldToSpec('160', 'Mbps'), { spec: '160Mbps' });
  assert.deepEqual(fieldToSpec(' 5 ', 'MB/s'), { spec: '5MB/s' });
  assert.deepEqual(fieldToSpec('off', 'Mbps'), { spec: 'off' });
  assert.deepEqual(fieldToSpec('8:00,40 19:00,off', 'Mbps'), { spec: '08:00,40Mbps 19:00,off' });
  for (const [text, unit] of [['160', 'Mbps'], ['2.5', 'MB/s'], ['08:00,40 19:00,off', 'Mbps']] as const) {
    const reading = fieldToSpec(text, unit);
    assert.ok('spec' in reading);
    assert.doesNotThrow(() => parseBandwidth(reading.spec));
    assert.equal(specToField(reading.spec, unit), text.replace(/^8:/, '08:'));
  }
  assert.equal(parseRate((fieldToSpec('160', 'Mbps') as { spec: string }).spec), 20_000_000);
});

test('a stored limit shows in either unit, old byte specs included', () => {
  assert.equal(specToField('160Mbps', 'MB/s'), '19.07');
  assert.equal(specToField('20M', 'Mbps'), '167.77');
  assert.equal(specToField('512', 'MB/s'), '0.5', 'a bare number is KiB/s');
  assert.equal(specToField('08:00,5M 19:00,off', 'MB/s'), '08:00,5 19:00,off');
  assert.equal(unitOfSpec('160Mbps'), 'Mbps');
  assert.equal(unitOfSpec('5MB/s'), 'MB/s');
  assert.equal(unitOfSpec('off'), undefined);
});

test('what cannot be a limit is said in words beside the field', () => {
  assert.match((fieldToSpec('fast', 'Mbps') as { error: string }).error, /“fast” is not a number of Mbps/);
  assert.match((fieldToSpec('0', 'MB/s') as { error: string }).error, /never send a byte/);
  assert.match((fieldToSpec('25:00,4 19:00,off', 'Mbps') as { error: string }).error, /not a timetable entry/);
  assert.match((fieldToSpec('', 'Mbps') as { error: string }).error, /Enter a limit in Mbps/);
});
