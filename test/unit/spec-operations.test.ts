import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { operations } from '../../main/common/operations.generated.ts';
import { operationsFromSpec, parseRateLimit } from '../../main/common/spec-operations.ts';

const spec = JSON.parse(readFileSync(new URL('../contract/openapi.json', import.meta.url), 'utf8'));

test('the generated operation table matches the vendored spec (run scripts/gen-operations.ts if not)', () => {
  const fromSpec = Object.fromEntries(operationsFromSpec(spec).map(({ id, ...rest }) => [id, rest]));
  assert.deepEqual(operations, fromSpec);
  assert.equal(Object.keys(operations).length, 71);
});

test('parses the documented limits in both of the spec\'s spellings', () => {
  assert.deepEqual(parseRateLimit('x <br/>Rate Limits: 5 calls per 1 second(s) per account_user'), { calls: 5, windowMs: 1000 });
  assert.deepEqual(parseRateLimit('Rate Limits: 10 calls per 1.00 minute(s) per account_user<br><br>'), { calls: 10, windowMs: 60000 });
  assert.equal(parseRateLimit('no limit here'), undefined);
});

test('the limits that shape uploads are the documented ones', () => {
  assert.deepEqual(operations['files.create_local_upload'].limit, { calls: 5, windowMs: 1000 });
  assert.deepEqual(operations['folders.create'].limit, { calls: 3, windowMs: 1000 });
  assert.deepEqual(operations['version_stacks.create'].limit, { calls: 10, windowMs: 60000 });
});
