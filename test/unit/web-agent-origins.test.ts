// What `slate serve --host` accepts: a host no URL can hold is refused with what to give instead.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Refusal } from '../../main/core/errors.ts';
import { agentAddresses } from '../../main/web/origins.ts';

test('a --host no address can be made of is refused with a code and what to give instead', () => {
  assert.throws(
    () => agentAddresses('my host', 4000, {}),
    (error: unknown) => error instanceof Refusal && error.code === 'serve:bad-host' && /"my host" is not an address/.test(error.message) && /--host/.test(error.action),
  );
  assert.equal(agentAddresses('127.0.0.1', 4000, {}).primary.includes('127.0.0.1:4000'), true);
});
