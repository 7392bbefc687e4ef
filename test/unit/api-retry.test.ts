import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay, defaultRetryPolicy, isRetryableNetworkError, isRetryableStatus, parseRetryAfter, RetryBudget } from '../../main/core/api/retry.ts';

test('back-off doubles, stays within its jitter band, and is capped', () => {
  const policy = { ...defaultRetryPolicy, baseDelayMs: 1000, maxDelayMs: 5000 };
  assert.equal(backoffDelay(policy, 0, () => 0), 500);
  assert.equal(backoffDelay(policy, 0, () => 1), 1000);
  assert.equal(backoffDelay(policy, 1, () => 1), 2000);
  assert.equal(backoffDelay(policy, 2, () => 0.5), 3000);
  assert.equal(backoffDelay(policy, 10, () => 1), 5000);
});

test('Retry-After is read as seconds or as a date', () => {
  assert.equal(parseRetryAfter('2'), 2000);
  assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4_000), 6000);
  assert.equal(parseRetryAfter(undefined), undefined);
  assert.equal(parseRetryAfter('soon'), undefined);
});

test('passing failures are retried, a refusal of the request is not', () => {
  for (const status of [408, 429, 500, 502, 503, 504]) assert.ok(isRetryableStatus(status), String(status));
  for (const status of [400, 401, 403, 404, 409, 422]) assert.ok(!isRetryableStatus(status), String(status));
});

test('a POST is repeated only when the connection never got it to the server', () => {
  assert.ok(isRetryableNetworkError('ECONNREFUSED', 'POST'));
  assert.ok(!isRetryableNetworkError('ECONNRESET', 'POST'));
  assert.ok(isRetryableNetworkError('ECONNRESET', 'GET'));
  assert.ok(isRetryableNetworkError('ETIMEDOUT', 'PATCH'));
});

test('the retry budget runs dry under constant failure and refills with success', () => {
  const budget = new RetryBudget(3, 0.5);
  assert.deepEqual([budget.trySpend(), budget.trySpend(), budget.trySpend(), budget.trySpend()], [true, true, true, false]);
  budget.succeeded();
  assert.equal(budget.trySpend(), false);
  budget.succeeded();
  assert.equal(budget.trySpend(), true);
});
