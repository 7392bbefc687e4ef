// The sandbox's legacy V2 API, read the way Frame.io's V2 reference shows it: the demo's own user
// and token reach /v2, and the same teams (V4 workspaces), projects and assets come back in V2's shapes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { readJson, type Body } from '../support/http.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

let sandbox: CheckedSandbox;
before(async () => {
  sandbox = await startCheckedSandbox({ seed: 'demo', transcodeDelayMs: 100 });
});
after(() => sandbox.close());

const v2 = (path: string, token = sandbox.token) => fetch(`${sandbox.url}/v2${path}`, { headers: { authorization: `Bearer ${token}` } });

async function ok(path: string, token?: string): Promise<Body> {
  const response = await v2(path, token);
  assert.equal(response.status, 200, `${path}: ${await response.clone().text()}`);
  return readJson(response);
}

const named = (items: Body[], name: string) => {
  const found = items.find((item) => item.name === name);
  assert.ok(found, `no ${name} among ${items.map((i) => i.name).join(', ')}`);
  return found;
};

test('me, teams, projects and the tree below a project root come back in V2 shapes', async () => {
  const me = await ok('/me');
  assert.equal(me.email, 'rosa@northlight.example');
  assert.equal(me.account_id, sandbox.accountId, "/v2/me names the account the user owns");

  const teams: Body[] = await ok(`/accounts/${me.account_id}/teams`);
  assert.deepEqual(teams.map((t) => t.name), ['Northlight', 'Productions']);
  assert.ok(teams.every((t) => t._type === 'team' && t.account_id === sandbox.accountId));

  const projects: Body[] = await ok(`/teams/${named(teams, 'Productions').id}/projects`);
  const feature = named(projects, 'Harbor Lights — Feature');
  assert.equal(feature.team_id, named(teams, 'Productions').id);
  assert.ok(feature.root_asset_id, 'projects carry root_asset_id');

  const top: Body[] = await ok(`/assets/${feature.root_asset_id}/children`);
  assert.deepEqual(top.map((a) => a.name), ['Dailies', 'Editorial', 'Sound', 'Stills', 'Documents']);
  assert.ok(top.every((a) => a.type === 'folder' && a.parent_id === feature.root_asset_id && a.project_id === feature.id));

  const editorial = named(top, 'Editorial');
  const cuts = named(await ok(`/assets/${editorial.id}/children`), 'Cuts');
  const [stack] = (await ok(`/assets/${cuts.id}/children`)) as Body[];
  assert.equal(stack.type, 'version_stack');
  assert.equal(stack.item_count, 2);
  assert.equal(stack.name, 'Harbor_Assembly_v2.webm', 'a stack is called by its newest version');

  const versions: Body[] = await ok(`/assets/${stack.id}/children`);
  assert.deepEqual(versions.map((v) => [v.name, v.index]), [['Harbor_Assembly_v2.webm', 2], ['Harbor_Assembly_v1.webm', 1]], 'versions newest first');
  const head = versions[0];
  assert.equal(head.type, 'file');
  assert.equal(head.filetype, 'video/webm');
  assert.equal(stack.cover_asset_id, head.id);

  const shown = await ok(`/assets/${head.id}`);
  assert.equal(shown.filesize, head.filesize);
  const original = await fetch(shown.original);
  assert.equal(original.status, 200);
  assert.equal((await original.arrayBuffer()).byteLength, head.filesize, 'original serves the file whole');
});

test('lists page by number and say their totals in headers', async () => {
  const me = await ok('/me');
  const [team] = (await ok(`/accounts/${me.account_id}/teams?page_size=1`)) as Body[];
  assert.equal(team.name, 'Northlight');
  const second = await v2(`/accounts/${me.account_id}/teams?page=2&page_size=1`);
  assert.equal(second.headers.get('total'), '2');
  assert.equal(second.headers.get('total-pages'), '2');
  assert.equal(second.headers.get('page'), '2');
  assert.deepEqual(((await readJson(second)) as Body[]).map((t) => t.name), ['Productions']);

  const bad = await v2(`/accounts/${me.account_id}/teams?page_size=0`);
  assert.equal(bad.status, 400);
  assert.match((await readJson(bad)).errors[0].detail, /page_size/);
});

test('every answer carries V2 rate-limit headers, children at its documented 40 calls a minute', async () => {
  const response = await v2(`/assets/${sandbox.rootFolderId}/children`);
  assert.equal(response.headers.get('x-ratelimit-limit'), '40');
  assert.equal(response.headers.get('x-ratelimit-window'), '60000');
  const remaining = Number(response.headers.get('x-ratelimit-remaining'));
  assert.ok(remaining >= 0 && remaining < 40, `remaining ${remaining} counts this call`);
  const me = await v2('/me');
  assert.ok(me.headers.get('x-ratelimit-limit'));
  assert.ok(me.headers.get('x-ratelimit-window'));
  assert.ok(me.headers.get('x-ratelimit-remaining'));
});

test('a wrong token, a missing asset and an asset of an account one is not in get V2 error bodies', async () => {
  const unauthorized = await v2('/me', 'not-a-token');
  assert.equal(unauthorized.status, 401);
  const body = await readJson(unauthorized);
  assert.equal(body.code, 401);
  assert.equal(body.errors[0].status, 401);
  assert.match(body.errors[0].detail, /token/);
  assert.ok(unauthorized.headers.get('x-ratelimit-limit'));

  const missing = await v2('/assets/00000000-0000-4000-8000-000000000000');
  assert.equal(missing.status, 404);
  assert.equal((await readJson(missing)).errors[0].title, 'Not Found');

  // Sam belongs to Harbor Post only: Rosa's Northlight project is not there for him.
  const sam = sandbox.tokenFor('sam@harbor.example');
  assert.equal((await v2(`/assets/${sandbox.rootFolderId}`, sam)).status, 404);
  assert.equal((await v2(`/accounts/${sandbox.accountId}/teams`, sam)).status, 404);

  const unknown = await v2('/nothing/here');
  assert.equal(unknown.status, 404);
});

test('the same --faults reach V2 calls, answered in V2 error shape', async () => {
  const faulty = await startCheckedSandbox({ faults: 'api:5xx@every2,seed=3' });
  try {
    const call = () => fetch(`${faulty.url}/v2/me`, { headers: { authorization: `Bearer ${faulty.token}` } });
    assert.equal((await call()).status, 200);
    const failed = await call();
    assert.equal(failed.status, 503);
    const body = await readJson(failed);
    assert.equal(body.code, 503);
    assert.match(body.errors[0].detail, /injected/);
    assert.ok(failed.headers.get('x-ratelimit-window'));
  } finally {
    await faulty.close();
  }
});
