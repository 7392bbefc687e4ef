// What a failure says on screen: people's words first, the system's own words only behind
// "Technical detail".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requests } from '../../preload/contract.ts';
import { SlateFailure } from '../../renderer/src/slate.ts';
import { toProblem } from '../../renderer/src/store/problem.ts';

test('a socket error says Frame.io could not be reached and what to do; ECONNREFUSED only in the detail', () => {
  const problem = toProblem(new SlateFailure({ code: 'api:network', message: 'Could not reach Frame.io: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:45775' }));
  assert.equal(problem.message, 'Frame.io could not be reached.');
  assert.doesNotMatch(`${problem.message} ${problem.action}`, /ECONN|127\.0\.0\.1/);
  assert.match(problem.detail ?? '', /^api:network: .*ECONNREFUSED/);
});

test('a request the contract refused names no schema or channel on screen', () => {
  const problem = toProblem(new SlateFailure({ code: 'invalid-input', message: 'Invalid settings:update request at fileConcurrency: Too small: expected number to be >=1' }));
  assert.doesNotMatch(`${problem.message} ${problem.action}`, /settings:update|fileConcurrency|Too small/);
  assert.ok(problem.action);
  assert.match(problem.detail ?? '', /fileConcurrency/);
});

test("a request the contract refused with a rule written for people shows that rule, the schema's path only in the detail", () => {
  const parsed = requests['folder:create'].input.safeParse({ accountId: 'a', parentId: 'p', name: 'cuts/v2' });
  const rule = parsed.error?.issues[0]?.message;
  assert.equal(rule, 'Names cannot contain / or \\.');
  const problem = toProblem(new SlateFailure({ code: 'invalid-input', message: `Invalid folder:create request at name: ${rule}` }));
  assert.equal(problem.message, rule);
  assert.ok(problem.action);
  assert.match(problem.detail ?? '', /^invalid-input: Invalid folder:create request at name/);
});

test("a refusal in people's words keeps its message and action, with its code as the detail", () => {
  const problem = toProblem(new SlateFailure({ code: 'settings:bandwidth', message: '"fast" is not a bandwidth.', action: 'Use a number with K, M or G.' }));
  assert.deepEqual(problem, { message: '"fast" is not a bandwidth.', action: 'Use a number with K, M or G.', detail: 'settings:bandwidth' });
});
