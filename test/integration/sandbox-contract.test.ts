// The contract walk: every operation of the vendored spec, with its success case and its main
// error cases, through a sandbox whose every exchange is validated against the spec.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { operations, type OperationId } from '../../main/common/operations.generated.ts';
import { matchRoute } from '../../main/sandbox/routes.ts';
import type { Body } from '../support/http.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

let sandbox: CheckedSandbox;
let samToken: string;
before(async () => {
  sandbox = await startCheckedSandbox({ seed: 'demo', rateLimits: 'off', transcodeDelayMs: 0 });
  samToken = sandbox.tokenFor('sam@harbor.example');
});
after(() => sandbox.close());

async function call(method: string, path: string, body?: unknown, token = sandbox.token): Promise<{ status: number; body: Body }> {
  const response = await fetch(sandbox.url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function expect(status: number, method: string, path: string, body?: unknown, token?: string): Promise<Body> {
  const response = await call(method, path, body, token);
  assert.equal(response.status, status, `${method} ${path} → ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function uploadBytes(accountPath: string, folderId: string, name: string, bytes: Buffer): Promise<string> {
  const created = await expect(201, 'POST', `${accountPath}/folders/${folderId}/files/local_upload`, { data: { name, file_size: bytes.length } });
  let offset = 0;
  for (const part of created.data.upload_urls) {
    const response = await fetch(part.url, { method: 'PUT', body: bytes.subarray(offset, (offset += part.size)), headers: { 'x-amz-acl': 'private', 'content-type': created.data.media_type } });
    assert.equal(response.status, 200);
  }
  return created.data.id;
}

test('every operation answers as the spec says: 71 of 71 exercised, no violations', async () => {
  const a = `/v4/accounts/${sandbox.accountId}`;
  const missing = '00000000-0000-4000-8000-000000000000';

  // Profile and accounts.
  assert.equal((await expect(200, 'GET', '/v4/me')).data.name, 'Rosa Alvarez');
  const accounts = await expect(200, 'GET', '/v4/accounts?sort=display_name_asc');
  const harbor = accounts.data.find((x: Body) => x.display_name === 'Harbor Post');
  await expect(401, 'GET', '/v4/me', undefined, 'not-a-token');

  // Workspaces.
  const workspaces = await expect(200, 'GET', `${a}/workspaces?include=creator`);
  assert.equal(workspaces.data[0].creator.name, 'Rosa Alvarez');
  const ws = (await expect(201, 'POST', `${a}/workspaces`, { data: { name: 'Commercials' } })).data;
  await expect(409, 'POST', `${a}/workspaces`, { data: { name: 'Commercials' } });
  await expect(422, 'POST', `${a}/workspaces`, { data: { name: 'X', color: 'red' } });
  await expect(403, 'GET', `${a}/workspaces`, undefined, samToken);
  await expect(200, 'GET', `${a}/workspaces/${ws.id}?include=creator`);
  await expect(404, 'GET', `${a}/workspaces/${missing}`);
  assert.equal((await expect(200, 'PATCH', `${a}/workspaces/${ws.id}`, { data: { name: 'Spots' } })).data.name, 'Spots');

  // Projects.
  const project = (await expect(201, 'POST', `${a}/workspaces/${ws.id}/projects`, { data: { name: 'Harbor Lights' } })).data;
  await expect(409, 'POST', `${a}/workspaces/${ws.id}/projects`, { data: { name: 'Harbor Lights' } });
  await expect(422, 'POST', `${a}/workspaces/${ws.id}/projects`, { data: {} });
  const shown = (await expect(200, 'GET', `${a}/projects/${project.id}?include=owner`)).data;
  assert.equal(shown.owner.id, sandbox.userId);
  assert.equal(shown.root_folder_id, project.root_folder_id);
  await expect(200, 'GET', `${a}/workspaces/${ws.id}/projects?sort=name_asc&include_total_count=true`);
  await expect(200, 'PATCH', `${a}/projects/${project.id}`, { data: { status: 'inactive' } });
  await expect(422, 'PATCH', `${a}/projects/${project.id}`, { data: { status: 'archived' } });
  const root = project.root_folder_id;

  // Folders.
  const dailies = (await expect(201, 'POST', `${a}/folders/${root}/folders`, { data: { name: 'Dailies' } })).data;
  const day1 = (await expect(201, 'POST', `${a}/folders/${dailies.id}/folders`, { data: { name: 'Day 1' } })).data;
  const selects = (await expect(201, 'POST', `${a}/folders/${root}/folders`, { data: { name: 'Selects' } })).data;
  await expect(422, 'POST', `${a}/folders/${root}/folders`, { data: {} });
  await expect(404, 'POST', `${a}/folders/${missing}/folders`, { data: { name: 'Nowhere' } });
  assert.equal((await expect(200, 'GET', `${a}/folders/${day1.id}?include=project`)).data.project.id, project.id);
  await expect(200, 'PATCH', `${a}/folders/${day1.id}`, { data: { name: 'Day 01' } });
  await expect(409, 'PATCH', `${a}/folders/${dailies.id}/move`, { data: { parent_id: day1.id } });
  await expect(200, 'PATCH', `${a}/folders/${day1.id}/move`, { data: { parent_id: selects.id } });
  await expect(200, 'PATCH', `${a}/folders/${day1.id}/move`, { data: { parent_id: dailies.id } });
  await expect(409, 'DELETE', `${a}/folders/${root}`);
  const folderList = await expect(200, 'GET', `${a}/folders/${root}/folders?sort=name_desc`);
  assert.deepEqual(folderList.data.map((f: Body) => f.name), ['Selects', 'Dailies']);

  // Files: upload, show, list, update, copy, move, status.
  const clip = await uploadBytes(a, day1.id, 'A001_C001.mov', randomBytes(3000));
  const clip2 = await uploadBytes(a, day1.id, 'A001_C001_v2.mov', randomBytes(3000));
  const clip3 = await uploadBytes(a, day1.id, 'A001_C001_v3.mov', randomBytes(3000));
  const byFiles = await expect(201, 'POST', `${a}/folders/${day1.id}/files`, { data: { name: 'sheet.pdf', media_type: 'application/pdf', file_size: 10 } });
  assert.equal(byFiles.data.upload_urls.length, 1);
  await expect(422, 'POST', `${a}/folders/${day1.id}/files/local_upload`, { data: { name: 'x.mov', file_size: 10, media_type: 'video/quicktime' } });
  const status = (await expect(200, 'GET', `${a}/files/${clip}/status`)).data;
  assert.equal(status.upload_complete, true);
  await expect(200, 'GET', `${a}/files/${clip}?include=media_links.original`);
  await expect(200, 'GET', `${a}/files/${clip}?include=creator`);
  await expect(422, 'GET', `${a}/files/${clip}?include=everything`);
  await expect(404, 'GET', `${a}/files/${missing}`);
  await expect(403, 'GET', `${a}/files/${clip}`, undefined, samToken);
  const listed = await expect(200, 'GET', `${a}/folders/${day1.id}/files?page_size=2&include_total_count=true`);
  assert.equal(listed.total_count, 4);
  assert.match(listed.links.next, /^\/v4\/accounts\/[^?]+\/files\?after=[^&]+$/);
  await expect(200, 'GET', listed.links.next);
  await expect(200, 'GET', `${a}/folders/${root}/children?type=folder&sort=name_asc`);
  await expect(200, 'PATCH', `${a}/files/${byFiles.data.id}`, { data: { name: 'call-sheet.pdf' } });
  const copied = (await expect(200, 'POST', `${a}/files/${clip}/copy?copy_comments=all`, { data: { parent_id: selects.id } })).data;
  assert.equal(copied.parent_id, selects.id);
  await expect(200, 'PATCH', `${a}/files/${copied.id}/move`, { data: { parent_id: dailies.id } });
  await expect(422, 'PATCH', `${a}/files/${copied.id}/move`, { data: { parent_id: clip } });
  await expect(204, 'DELETE', `${a}/files/${copied.id}`);
  await expect(404, 'DELETE', `${a}/files/${copied.id}`);
  const remote = await expect(202, 'POST', `${a}/folders/${day1.id}/files/remote_upload`, { data: { name: 'r.mov', source_url: 'http://127.0.0.1:9/unreachable.mov' } });
  assert.equal(remote.links.status, `${a}/files/${remote.data.id}/status`);
  await expect(422, 'POST', `${a}/folders/${day1.id}/files/remote_upload`, { data: { name: 'r.mov', source_url: 'ftp://example.com/r.mov' } });

  // Version stacks.
  const stack = (await expect(201, 'POST', `${a}/folders/${day1.id}/version_stacks`, { data: { file_ids: [clip, clip2] } })).data;
  assert.equal(stack.head_version.id, clip2);
  await expect(422, 'POST', `${a}/folders/${day1.id}/version_stacks`, { data: { file_ids: [clip3] } });
  await expect(422, 'POST', `${a}/folders/${selects.id}/version_stacks`, { data: { file_ids: [clip3, byFiles.data.id] } });
  await expect(200, 'PATCH', `${a}/files/${clip3}/move`, { data: { parent_id: stack.id } });
  const stackShown = (await expect(200, 'GET', `${a}/version_stacks/${stack.id}?include=creator`)).data;
  assert.equal(stackShown.head_version.id, clip3);
  const versions = await expect(200, 'GET', `${a}/version_stacks/${stack.id}/children`);
  assert.deepEqual(versions.data.map((f: Body) => f.id), [clip3, clip2, clip]);
  await expect(200, 'GET', `${a}/folders/${day1.id}/version_stacks`);
  await expect(200, 'PATCH', `${a}/version_stacks/${stack.id}/move`, { data: { parent_id: dailies.id } });
  const stackCopy = (await expect(200, 'POST', `${a}/version_stacks/${stack.id}/copy`, { data: { parent_id: selects.id } })).data;
  assert.notEqual(stackCopy.head_version.id, clip3);
  await expect(404, 'GET', `${a}/version_stacks/${clip}`);

  // Comments.
  const c1 = (await expect(201, 'POST', `${a}/files/${clip3}/comments?timestamp_as_timecode=true`, {
    data: { text: 'Lift the blacks here', timestamp: '00:00:01:12', annotation: '[{"tool":"rect","color":"#F22237","size":8,"x":0.1,"y":0.2,"w":0.3,"h":0.2}]' },
  })).data;
  assert.equal(c1.timestamp, '00:00:01:12');
  const c2 = (await expect(201, 'POST', `${a}/files/${clip3}/comments`, { data: { text: 'Sound pops', timestamp: 100, duration: 12 } })).data;
  assert.equal(c2.timestamp, 100);
  // A timecode body needs no flag (the flag only changes how answers show timestamps); it counts from frame 0.
  assert.equal((await expect(201, 'POST', `${a}/files/${clip3}/comments`, { data: { text: 'x', timestamp: '00:00:01:12' } })).data.timestamp, 36);
  await expect(422, 'POST', `${a}/files/${clip3}/comments`, { data: { text: 'x', timestamp: '00:00:01:24' } });
  await expect(422, 'POST', `${a}/files/${clip3}/comments`, { data: { text: '', timestamp: 1 } });
  const c1Frames = (await expect(200, 'GET', `${a}/comments/${c1.id}?include=owner`)).data;
  assert.equal(c1Frames.timestamp, 36);
  assert.equal(c1Frames.owner.name, 'Rosa Alvarez');
  const completed = (await expect(200, 'PATCH', `${a}/comments/${c2.id}`, { data: { completed: true } })).data;
  assert.equal(completed.completer_id, sandbox.userId);
  assert.ok(completed.completed_at);
  await expect(200, 'GET', `${a}/files/${clip3}/comments?include=replies&timestamp_as_timecode=true`);
  await expect(204, 'DELETE', `${a}/comments/${c2.id}`);
  await expect(404, 'GET', `${a}/comments/${c2.id}`);

  // Metadata.
  const field = (await expect(201, 'POST', `${a}/metadata/field_definitions`, { data: { name: 'Approved', field_type: 'toggle', field_configuration: { color: '#2E7D32' } } })).data;
  await expect(409, 'POST', `${a}/metadata/field_definitions`, { data: { name: 'Approved', field_type: 'toggle', field_configuration: { color: '#2E7D32' } } });
  await expect(422, 'POST', `${a}/metadata/field_definitions`, { data: { name: 'Status', field_type: 'select' } });
  await expect(200, 'GET', `${a}/metadata/field_definitions?include=creator`);
  // A number field, because the spec's update alternatives can only be told apart by a configuration
  // key unique to one field type (here `scale`).
  const frames = (await expect(201, 'POST', `${a}/metadata/field_definitions`, { data: { name: 'Frame count', field_type: 'number', field_configuration: { scale: 0 } } })).data;
  assert.equal((await expect(200, 'PATCH', `${a}/metadata/field_definitions/${frames.id}`, { data: { field_type: 'number', name: 'Frames', field_configuration: { scale: 1 } } })).data.name, 'Frames');
  await expect(409, 'PATCH', `${a}/metadata/field_definitions/${frames.id}`, { data: { field_type: 'rating', field_configuration: { max_value: 3 } } });
  await expect(204, 'PATCH', `${a}/projects/${project.id}/metadata/values`, { data: { file_ids: [clip3], values: [{ field_definition_id: field.id, value: true }] } });
  await expect(422, 'PATCH', `${a}/projects/${project.id}/metadata/values`, { data: { file_ids: [clip3], values: [{ field_definition_id: field.id, value: 'yes' }] } });
  const metadata = (await expect(200, 'GET', `${a}/files/${clip3}/metadata`)).data;
  assert.deepEqual(metadata.metadata.map((m: Body) => [m.field_definition_name, m.value]), [['Approved', true]]);
  await expect(200, 'GET', `${a}/files/${clip3}?include=metadata`);

  // Shares.
  const share = (await expect(201, 'POST', `${a}/projects/${project.id}/shares`, {
    data: { type: 'asset', name: 'Cut for client', access: 'public', asset_ids: [clip3], downloading_enabled: false, passphrase: 'harbor', expiration: '2099-01-01T00:00:00Z' },
  })).data;
  assert.ok(share.short_url);
  await expect(422, 'POST', `${a}/projects/${project.id}/shares`, { data: { type: 'asset', name: 'Old', access: 'public', expiration: '2001-01-01T00:00:00Z' } });
  await expect(200, 'GET', `${a}/projects/${project.id}/shares`);
  await expect(200, 'GET', `${a}/shares/${share.id}`);
  await expect(200, 'PATCH', `${a}/shares/${share.id}`, { data: { name: 'Cut for client v2', downloading_enabled: true } });
  assert.equal((await expect(200, 'POST', `${a}/shares/${share.id}/assets`, { data: { asset_id: selects.id } })).data.asset_added, selects.id);
  await expect(409, 'POST', `${a}/shares/${share.id}/assets`, { data: { asset_id: selects.id } });
  await expect(200, 'GET', `${a}/shares/${share.id}/assets`);
  assert.equal((await expect(200, 'DELETE', `${a}/shares/${share.id}/assets/${selects.id}`)).data.asset_removed, selects.id);
  await expect(204, 'POST', `${a}/shares/${share.id}/reviewers`, { data: { message: 'Please review', reviewers: { emails: ['client@agency.example'] } } });
  assert.equal((await expect(200, 'GET', `${a}/shares/${share.id}/reviewers`)).data[0].email, 'client@agency.example');
  await expect(204, 'DELETE', `${a}/shares/${share.id}/reviewers`, { data: { reviewers: { emails: ['client@agency.example'] } } });
  await expect(204, 'DELETE', `${a}/shares/${share.id}`);

  // Webhooks.
  const hook = (await expect(201, 'POST', `${a}/workspaces/${ws.id}/webhooks`, { data: { name: 'Ingest', url: 'http://127.0.0.1:9/hook', events: ['file.ready'] } })).data;
  assert.ok(hook.secret);
  await expect(422, 'POST', `${a}/workspaces/${ws.id}/webhooks`, { data: { name: 'Bad', url: 'http://127.0.0.1:9/hook', events: ['file.exploded'] } });
  await expect(200, 'GET', `${a}/workspaces/${ws.id}/webhooks`);
  await expect(200, 'GET', `${a}/webhooks/${hook.id}?include=creator`);
  assert.equal((await expect(200, 'PATCH', `${a}/webhooks/${hook.id}`, { data: { active: false } })).data.active, false);
  await expect(204, 'DELETE', `${a}/webhooks/${hook.id}`);

  // People and roles.
  const people = await expect(200, 'GET', `${a}/users?sort=email_asc`);
  assert.equal(people.data[0].role, 'owner');
  await expect(409, 'PATCH', `${a}/users/${sandbox.userId}`, { data: { role: 'member' } });
  const h = `/v4/accounts/${harbor.id}`;
  const sam = (await expect(200, 'GET', `${h}/users`)).data.find((r: Body) => r.user.email === 'sam@harbor.example').user;
  await expect(403, 'PATCH', `${h}/users/${sam.id}`, { data: { role: 'member' } });
  const harborWs = (await expect(201, 'POST', `${h}/workspaces`, { data: { name: 'Harbor' } }, samToken)).data;
  await expect(200, 'PATCH', `${h}/users/${sandbox.userId}`, { data: { role: 'admin' } }, samToken);
  await expect(200, 'PATCH', `${h}/workspaces/${harborWs.id}/users/${sandbox.userId}`, { data: { role: 'editor' } }, samToken);
  await expect(200, 'GET', `${h}/workspaces/${harborWs.id}/users`);
  await expect(422, 'PATCH', `${h}/workspaces/${harborWs.id}/users/${sandbox.userId}`, { data: { role: 'boss' } }, samToken);
  await expect(204, 'DELETE', `${h}/workspaces/${harborWs.id}/users/${sandbox.userId}`, undefined, samToken);
  await expect(404, 'DELETE', `${h}/workspaces/${harborWs.id}/users/${sandbox.userId}`, undefined, samToken);
  const harborProject = (await expect(201, 'POST', `${h}/workspaces/${harborWs.id}/projects`, { data: { name: 'Promo' } }, samToken)).data;
  await expect(200, 'PATCH', `${h}/projects/${harborProject.id}/users/${sandbox.userId}`, { data: { role: 'viewer' } }, samToken);
  await expect(204, 'DELETE', `${h}/projects/${harborProject.id}/users/${sandbox.userId}`, undefined, samToken);
  await expect(200, 'PATCH', `${h}/users/${sandbox.userId}`, { data: { role: 'member' } }, samToken);
  await expect(200, 'PATCH', `${a}/projects/${project.id}/users/${sandbox.userId}`, { data: { role: 'editor' } });
  await expect(200, 'GET', `${a}/projects/${project.id}/users`);
  await expect(409, 'DELETE', `${a}/projects/${project.id}/users/${sandbox.userId}`);
  await expect(404, 'PATCH', `${a}/projects/${project.id}/users/${missing}`, { data: { role: 'viewer' } });
  const restricted = (await expect(201, 'POST', `${a}/workspaces/${ws.id}/projects`, { data: { name: 'Private', restricted: true } })).data;
  await expect(204, 'DELETE', `${a}/projects/${restricted.id}`);

  // Deleting with contents.
  const copiedFolder = (await expect(200, 'POST', `${a}/folders/${dailies.id}/copy`, { data: { parent_id: selects.id } })).data;
  const copiedChildren = await expect(200, 'GET', `${a}/folders/${copiedFolder.id}/children`);
  assert.ok(copiedChildren.data.length > 0, 'a folder copy carries its contents');
  await expect(204, 'DELETE', `${a}/folders/${dailies.id}`);
  await expect(404, 'GET', `${a}/files/${clip}`);
  await expect(404, 'GET', `${a}/folders/${day1.id}`);
  await expect(200, 'GET', `${a}/folders/${copiedFolder.id}`);
  await expect(204, 'DELETE', `${a}/metadata/field_definitions/${field.id}`);
  await expect(204, 'DELETE', `${a}/projects/${project.id}`);
  await expect(404, 'GET', `${a}/projects/${project.id}`);
  await expect(204, 'DELETE', `${a}/workspaces/${ws.id}`);

  // Coverage: every operation answered at least once with success.
  const succeeded = new Set<OperationId>();
  for (const exchange of sandbox.exchanges) {
    const route = matchRoute(exchange.method, new URL(exchange.url, sandbox.url).pathname);
    if (route && exchange.status < 300) succeeded.add(route.operationId);
  }
  const all = Object.keys(operations) as OperationId[];
  assert.deepEqual(all.filter((id) => !succeeded.has(id)), [], 'operations never exercised successfully');
  assert.equal(succeeded.size, 71);
  assert.deepEqual(sandbox.problems, []);
});
