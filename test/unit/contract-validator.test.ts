// The contract harness must bite: these show it accepts what the spec allows and rejects what it
// does not, including the allOf + additionalProperties trap PROVENANCE.md describes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { specContract } from '../support/contract.ts';

const contract = specContract();
const rateHeaders = { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '99', 'x-ratelimit-window': '60000' };
const profile = { id: '4190554e-7102-493f-aaeb-c744aff41410', name: 'Rosa Alvarez', email: 'rosa@northlight.example', avatar_url: null };

const meResponse = (body: unknown, status = 200, headers: Record<string, string> = rateHeaders) => ({
  method: 'GET',
  url: '/v4/me',
  status,
  responseHeaders: headers,
  responseBody: body,
});

test('accepts a /v4/me response the spec allows', () => {
  assert.deepEqual(contract.checkResponse(meResponse({ data: profile })), []);
});

test('rejects a response missing a required field', () => {
  const { email: _email, ...withoutEmail } = profile;
  const problems = contract.checkResponse(meResponse({ data: withoutEmail }));
  assert.equal(problems.length, 1);
  assert.match(problems[0]!, /users\.show 200 response body: \/data must have required property 'email'/);
});

test('rejects a field of the wrong type and a non-uuid id', () => {
  const problems = contract.checkResponse(meResponse({ data: { ...profile, id: 'not-a-uuid', name: 7 } }));
  assert.equal(problems.length, 2);
});

test('rejects a missing rate-limit header', () => {
  const { 'x-ratelimit-window': _w, ...partial } = rateHeaders;
  assert.deepEqual(contract.checkResponse(meResponse({ data: profile }, 200, partial)), [
    'users.show 200 response: missing header x-ratelimit-window',
  ]);
});

test('rejects a status the operation does not declare', () => {
  assert.match(contract.checkResponse(meResponse({ data: profile }, 418))[0]!, /status 418 is not declared/);
});

test('rejects an error body that is not the spec error shape', () => {
  assert.notDeepEqual(contract.checkResponse(meResponse({ message: 'nope' }, 401)), []);
  assert.deepEqual(contract.checkResponse(meResponse({ errors: [{ detail: 'Unauthorized' }] }, 401)), []);
});

test('rejects an extra field where the schema is closed', () => {
  const body = { data: [], links: { next: null }, total_count: null, cursor: 'x' };
  const problems = contract.checkResponse({ method: 'GET', url: '/v4/accounts', status: 200, responseHeaders: rateHeaders, responseBody: body });
  assert.equal(problems.length, 1);
  assert.match(problems[0]!, /must NOT have additional properties/);
});

test('reads allOf + additionalProperties:false as "nothing beyond the parts"', () => {
  const file = {
    id: 'b2a1bb0e-3f3e-4f43-9f55-6b8d2c6b0a11',
    name: 'shot_010_v002.mov',
    type: 'file',
    status: 'uploaded',
    media_type: 'video/quicktime',
    file_size: 1024,
    project_id: '5d1c8d6f-43a4-4f53-9a3f-2a0b6f0d1f00',
    parent_id: '7e0a4c8b-0a8f-4c9e-a7b6-2a1d3f0e9c22',
    created_at: '2026-11-25T10:00:00Z',
    updated_at: '2026-11-25T10:00:00Z',
    view_url: 'https://next.frame.io/project/x/view/y',
  };
  const url = `/v4/accounts/5d1c8d6f-43a4-4f53-9a3f-2a0b6f0d1f00/files/${file.id}`;
  const exchange = (data: unknown) => ({ method: 'GET', url, status: 200, responseHeaders: rateHeaders, responseBody: { data } });
  assert.deepEqual(contract.checkResponse(exchange(file)), [], 'fields declared across allOf parts are accepted');
  const problems = contract.checkResponse(exchange({ ...file, thumbnail: 'x' }));
  assert.equal(problems.length, 1);
  assert.match(problems[0]!, /unevaluated properties.*thumbnail/);
});

test('checks requests: unknown body fields, unknown query parameters, bad path ids', () => {
  const folder = '/v4/accounts/5d1c8d6f-43a4-4f53-9a3f-2a0b6f0d1f00/folders/7e0a4c8b-0a8f-4c9e-a7b6-2a1d3f0e9c22/files/local_upload';
  assert.deepEqual(contract.checkRequest({ method: 'POST', url: folder, requestBody: { data: { name: 'a.mov', file_size: 10 } } }), []);
  assert.equal(contract.checkRequest({ method: 'POST', url: folder, requestBody: { data: { name: 'a.mov', file_size: 10, media_type: 'video/quicktime' } } }).length, 1);
  assert.match(contract.checkRequest({ method: 'GET', url: '/v4/accounts?colour=blue' })[0]!, /unknown query parameter "colour"/);
  assert.deepEqual(contract.checkRequest({ method: 'GET', url: '/v4/accounts?page_size=100&include_total_count=true' }), []);
  assert.notDeepEqual(contract.checkRequest({ method: 'GET', url: '/v4/accounts?page_size=500' }), []);
  assert.match(contract.checkRequest({ method: 'GET', url: '/v4/nothing' })[0]!, /not an operation of the spec/);
});

test('an include may join several of its values with commas, as the spec\'s examples do, and each is checked', () => {
  const file = '/v4/accounts/5d1c8d6f-43a4-4f53-9a3f-2a0b6f0d1f00/files/7e0a4c8b-0a8f-4c9e-a7b6-2a1d3f0e9c22';
  assert.deepEqual(contract.checkRequest({ method: 'GET', url: `${file}?include=media_links.thumbnail,media_links.scrub_sheet` }), []);
  const problems = contract.checkRequest({ method: 'GET', url: `${file}?include=media_links.thumbnail,media_links.flipbook` });
  assert.equal(problems.length, 1);
  assert.match(problems[0]!, /query include.*media_links\.flipbook/);
});

test('a oneOf of nullable alternatives admits null once, and still one alternative otherwise', () => {
  const comment = (timestamp: unknown) => ({
    method: 'GET',
    url: '/v4/accounts/5d1c8d6f-43a4-4f53-9a3f-2a0b6f0d1f00/comments/7e0a4c8b-0a8f-4c9e-a7b6-2a1d3f0e9c22',
    status: 200,
    responseHeaders: rateHeaders,
    responseBody: { data: { timestamp } },
  });
  const timestampProblems = (value: unknown) => contract.checkResponse(comment(value)).filter((p) => p.includes('/timestamp'));
  assert.deepEqual(timestampProblems(null), []);
  assert.deepEqual(timestampProblems(12), []);
  assert.deepEqual(timestampProblems('00:00:02:12'), []);
  assert.notDeepEqual(timestampProblems(true), []);
});
