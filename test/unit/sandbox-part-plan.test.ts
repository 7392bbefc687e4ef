import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_PARTS, MIN_PART_SIZE, planParts } from '../../main/sandbox/uploads/part-plan.ts';

const sum = (sizes: number[]) => sizes.reduce((a, b) => a + b, 0);

test("Frame.io's documented split, and one part under 10 MB", () => {
  assert.deepEqual(planParts(50_645_990), [16_881_997, 16_881_997, 16_881_996]);
  assert.deepEqual(planParts(9_999_999), [9_999_999]);
  assert.deepEqual(planParts(1), [1]);
});

test('parts always sum to the file, stay within 10,000, and non-final parts are at least 5 MiB', () => {
  for (const size of [10_000_000, 21_000_000, 1_234_567_891, 5_000_000_000_000]) {
    const parts = planParts(size);
    assert.equal(sum(parts), size);
    assert.ok(parts.length <= MAX_PARTS);
    assert.ok(parts.slice(0, -1).every((p) => p >= MIN_PART_SIZE), `${size}`);
  }
});

test('a forced part size cuts fixed parts, growing only to stay within 10,000 parts', () => {
  assert.deepEqual(planParts(10, 4), [4, 4, 2]);
  const many = planParts(1_000_000, 10);
  assert.equal(many.length, MAX_PARTS);
  assert.equal(sum(many), 1_000_000);
});
