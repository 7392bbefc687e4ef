// Every request the renderer can make is checked before it reaches the service: a malformed
// payload gets a reply that names the request and says what is wrong, and no handler runs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requestChannels } from '../../preload/contract.ts';
import { SignInError } from '../../main/core/api/auth/errors.ts';
import { dispatch } from '../../main/core/dispatch.ts';
import type { Service } from '../../main/core/service.ts';

const reached: string[] = [];
const service = {
  handlers: new Proxy({}, { get: (_target, channel) => async () => void reached.push(String(channel)) }),
} as unknown as Service;

const MALFORMED: Array<[string, unknown]> = [
  ['an unknown field', { surprise: true }],
  ['a list', []],
  ['text', 'hello'],
  ['nothing', null],
];

for (const channel of requestChannels) {
  test(`${channel} rejects malformed payloads with a clear error`, async () => {
    for (const [what, payload] of MALFORMED) {
      const reply = await dispatch(service, channel, payload);
      assert.equal(reply.ok, false, `${what} was accepted`);
      if (reply.ok) continue;
      assert.equal(reply.error.code, 'invalid-input');
      assert.match(reply.error.message, new RegExp(`^Invalid ${channel} request`));
    }
  });
}

test('no handler ran for any malformed payload', () => {
  assert.deepEqual(reached, []);
});

test('a request the contract does not name is refused', async () => {
  const reply = await dispatch(service, 'fs:readFile', { path: '/etc/passwd' });
  assert.deepEqual(reply, { ok: false, error: { code: 'unknown-channel', message: 'Unknown request: fs:readFile' } });
});

test('a failed sign-in crosses the boundary as what happened and what to do', async () => {
  const failing = { handlers: { 'session:signIn': async () => Promise.reject(new SignInError('denied', 'You chose Deny on the Adobe page.')) } } as unknown as Service;
  assert.deepEqual(await dispatch(failing, 'session:signIn', {}), {
    ok: false,
    error: { code: 'sign-in:denied', message: 'You chose Deny on the Adobe page.', action: 'Run the sign-in again and choose Allow to let Slate use your account.' },
  });
});
