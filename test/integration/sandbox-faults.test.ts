// Injected faults as clients meet them. Injected answers are outside the spec on purpose (a 503
// is not a declared status), so these tests use the plain sandbox, not the checked one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startSandbox } from '../../main/sandbox/server.ts';
import { readJson } from '../support/http.ts';

test('api 5xx and 429 faults answer with error bodies and rate-limit headers, on schedule', async () => {
  const sandbox = await startSandbox({ faults: 'api:5xx@every3,api:429@every4', rateLimits: 'off' });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await fetch(`${sandbox.url}/v4/me`, { headers: { authorization: `Bearer ${sandbox.token}` } });
      statuses.push(response.status);
      const body = await readJson(response);
      if (response.status === 429) {
        assert.equal(response.headers.get('retry-after'), '1');
        assert.equal(response.headers.get('x-ratelimit-remaining'), '0');
        assert.equal(body.errors[0].detail, 'Too many requests');
      }
      if (response.status === 503) assert.match(body.errors[0].detail, /injected/);
    }
    assert.deepEqual(statuses, [200, 200, 503, 429]);
  } finally {
    await sandbox.close();
  }
});

test('part faults: a reset drops the connection, a stall never answers, a 5xx is S3 XML; the part can be re-sent', async () => {
  // Two parts, and only the first is ever sent, so the upload stays open for every retry.
  const sandbox = await startSandbox({ faults: 'part:stall@every3,part:reset@every4,part:5xx@every5,latency:part=10', rateLimits: 'off', partSize: 5 });
  try {
    const created = await readJson(
      await fetch(`${sandbox.url}/v4/accounts/${sandbox.accountId}/folders/${sandbox.rootFolderId}/files/local_upload`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ data: { name: 'notes.txt', file_size: 8 } }),
      }),
    );
    const put = () =>
      fetch(created.data.upload_urls[0].url, { method: 'PUT', body: 'hello', headers: { 'x-amz-acl': 'private', 'content-type': 'text/plain' }, signal: AbortSignal.timeout(500) });
    assert.equal((await put()).status, 200, 'request 1 passes');
    assert.equal((await put()).status, 200, 'request 2 re-sends the part and passes');
    await assert.rejects(put(), (error: Error) => error.name === 'TimeoutError', 'request 3 stalls');
    await assert.rejects(put(), /fetch failed/, 'request 4 is reset');
    const failed = await put();
    assert.equal(failed.status, 503, 'request 5 is a 503');
    assert.match(await failed.text(), /<Code>ServiceUnavailable<\/Code>/);
  } finally {
    await sandbox.close();
  }
});
