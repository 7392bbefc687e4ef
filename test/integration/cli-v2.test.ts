// A legacy (V2) account through Slate: `slate login --token - --api v2`, whoami's "Legacy (V2)",
// `slate ls` of a V2 folder, and `slate upload` of a small tree through V2 in the transfer engine,
// every byte read back through the asset's `original`; `slate stack` and `slate comments` on a V2
// profile; versions and comments through the V2 client; V2's refusals and injected faults met as
// the one error model.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { staticToken } from '../../main/core/api/client.ts';
import { ApiError } from '../../main/core/api/errors.ts';
import { V2Client } from '../../main/core/api/v2/client.ts';
import { V2Api } from '../../main/core/api/v2/resources.ts';
import type { V2Asset } from '../../main/core/api/v2/types.ts';
import { NODE, ROOT } from '../support/processes.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

let sandbox: CheckedSandbox;
let api: V2Api;
const dirs: string[] = [];
before(async () => {
  sandbox = await startCheckedSandbox({ seed: 'demo', partSize: 64 * 1024, rateLimitScale: 10 });
  api = new V2Api(new V2Client({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) }));
});
after(async () => {
  await sandbox.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

type Result = { code: number | null; stdout: string; stderr: string };
const slateIn = (dataDir: string) => (args: string[], input = '') =>
  new Promise<Result>((resolve) => {
    const env = { ...process.env, SLATE_API_URL: sandbox.url, SLATE_DATA_DIR: dataDir, SLATE_TOKEN: '', SLATE_ACCOUNT_ID: '' };
    const child = execFile(NODE, ['bin/slate.js', ...args], { cwd: ROOT, env }, (_e, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }));
    child.stdin!.end(input);
  });

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function folderNamed(parentId: string, name: string): Promise<V2Asset> {
  const found = (await Array.fromAsync(api.children(parentId))).find((a) => a.name === name);
  assert.ok(found, `no ${name} in ${parentId}`);
  return found;
}

async function original(asset: V2Asset): Promise<Buffer> {
  const shown = await api.asset(asset.id);
  assert.ok(shown.upload_completed_at, `${asset.name} is complete`);
  return Buffer.from(await (await fetch(shown.original!)).arrayBuffer());
}

test('login --api v2 keeps a legacy profile: whoami says Legacy (V2) and ls lists a V2 folder', async () => {
  const slate = slateIn(tempDir('slate-v2-login-'));
  const login = await slate(['login', '--token', '-', '--api', 'v2'], `${sandbox.token}\n`);
  assert.equal(login.code, 0, login.stderr);
  assert.match(login.stdout, /Signed in as Rosa Alvarez <rosa@northlight\.example> .*a Legacy \(V2\) account/);
  assert.equal(login.stdout.includes(sandbox.token), false, 'the token is not echoed');

  const whoami = await slate(['whoami']);
  assert.equal(whoami.code, 0, whoami.stderr);
  assert.match(whoami.stdout, /Rosa Alvarez <rosa@northlight\.example> on .*Legacy \(V2\) \(profile bearer\)/);
  const whoamiJson = JSON.parse((await slate(['whoami', '--json'])).stdout);
  assert.equal(whoamiJson.api, 'v2');
  assert.equal(whoamiJson.profiles[0].api, 'v2');

  const me = await api.me();
  const teams = await Array.fromAsync(api.listTeams(me.account_id!));
  const projects = await Array.fromAsync(api.listProjects(teams.find((t) => t.name === 'Productions')!.id));
  const feature = projects.find((p) => p.name === 'Harbor Lights — Feature')!;
  const ls = await slate(['ls', feature.root_asset_id]);
  assert.equal(ls.code, 0, ls.stderr);
  assert.deepEqual(
    ls.stdout.trim().split('\n').map((line) => line.split(/\s+/).at(-1)),
    ['Dailies/', 'Editorial/', 'Sound/', 'Stills/', 'Documents/'],
  );

  const missing = await slate(['ls', '00000000-0000-0000-0000-000000000000']);
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /Frame\.io could not find it: Asset 00000000-0000-0000-0000-000000000000 not found/);

  // A V2 profile asked to speak V4 says which it is and what to do.
  const mismatch = await slate(['whoami', '--api', 'v4']);
  assert.equal(mismatch.code, 2);
  assert.match(mismatch.stderr, /signs in to Frame\.io V2, not V4/);

  // Commands that speak only V4 refuse a V2 sign-in before they open anything, saying what works.
  for (const command of [['download', feature.root_asset_id, '--to', tempDir('slate-v2-down-')]]) {
    const refused = await slate(command);
    assert.equal(refused.code, 1, `${command[0]}: ${refused.stderr}`);
    assert.match(refused.stderr, new RegExp(`\`slate ${command[0]}\` works with Frame\\.io V4 accounts, and the sign-in in use is a legacy \\(V2\\) account`));
    assert.match(refused.stderr, /slate upload --to <asset-id>/);
  }
});

test('a V2 token that is not accepted is refused with words that name legacy accounts', async () => {
  const slate = slateIn(tempDir('slate-v2-bad-'));
  const wrong = await slate(['login', '--token', '-', '--api', 'v2'], 'not-a-token\n');
  assert.equal(wrong.code, 3);
  assert.match(wrong.stderr, /did not accept this sign-in\. Is it a developer token of a legacy \(V2\) Frame\.io account\?/);
  const noToken = await slate(['login', '--api', 'v2']);
  assert.equal(noToken.code, 2);
  assert.match(noToken.stderr, /--api v2 goes with --token/);
});

test('slate upload --api v2 sends a tree through V2 with its structure; every byte comes back through original', async () => {
  const target = await api.createFolder(sandbox.rootFolderId, `Upload ${randomBytes(3).toString('hex')}`);
  const source = tempDir('slate-v2-tree-');
  const tree = join(source, 'Day01');
  mkdirSync(join(tree, 'Audio'), { recursive: true });
  const files = { 'A001.mov': randomBytes(300 * 1024 + 17), 'notes.txt': Buffer.from('slate v2\n'), 'Audio/A001.wav': randomBytes(90 * 1024) };
  for (const [path, bytes] of Object.entries(files)) writeFileSync(join(tree, path), bytes);

  const slate = slateIn(tempDir('slate-v2-data-'));
  const upload = await slate(['upload', tree, '--to', target.id, '--api', 'v2', '--token', sandbox.token, '--json']);
  assert.equal(upload.code, 0, upload.stderr + upload.stdout);

  const day = await folderNamed(target.id, 'Day01');
  const mov = await folderNamed(day.id, 'A001.mov');
  assert.equal(mov.filetype, 'video/quicktime', 'created with the filetype of its name');
  assert.equal(sha256(await original(mov)), sha256(files['A001.mov']), 'several equal parts, every byte');
  assert.equal(sha256(await original(await folderNamed(day.id, 'notes.txt'))), sha256(files['notes.txt']));
  const audio = await folderNamed(day.id, 'Audio');
  assert.equal(sha256(await original(await folderNamed(audio.id, 'A001.wav'))), sha256(files['Audio/A001.wav']));

  // The same command again finds everything there: nothing is uploaded twice.
  const again = await slate(['upload', tree, '--to', target.id, '--api', 'v2', '--token', sandbox.token]);
  assert.equal(again.code, 0, again.stderr);
  assert.equal((await Array.fromAsync(api.children(day.id))).length, 3);

  // A changed file of the same name goes up as its newest version through V2's version call.
  writeFileSync(join(tree, 'notes.txt'), 'slate v2, second take\n');
  const version = await slate(['upload', join(tree, 'notes.txt'), '--to', day.id, '--api', 'v2', '--token', sandbox.token, '--on-conflict', 'version']);
  assert.equal(version.code, 0, version.stderr);
  const stack = (await Array.fromAsync(api.children(day.id))).find((a) => a.type === 'version_stack');
  assert.ok(stack, 'the two notes.txt are now a version stack');
  const versions = await Array.fromAsync(api.children(stack.id));
  assert.deepEqual(versions.map((v) => v.index), [2, 1]);
  assert.equal((await original(versions[0]!)).toString(), 'slate v2, second take\n');
});

test('slate stack and slate comments on a V2 profile: new versions through V2, comments exported at 24 fps unless --fps says', async () => {
  const data = tempDir('slate-v2-review-');
  const slate = slateIn(data);
  assert.equal((await slate(['login', '--token', '-', '--api', 'v2'], `${sandbox.token}\n`)).code, 0);
  const status = await slate(['status']);
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stdout, new RegExp(`^  Rosa Alvarez  ${sandbox.accountId}  Legacy \\(V2\\)$`, 'm'), 'status asks V2 about a legacy profile');
  const folder = await api.createFolder(sandbox.rootFolderId, `Review ${randomBytes(3).toString('hex')}`);
  const first = randomBytes(70 * 1024);
  const created = await api.createFile(folder.id, 'Promo.mov', first.length, 'video/quicktime');
  const sizes = Math.ceil(first.length / created.upload_urls.length);
  for (const [i, url] of created.upload_urls.entries()) {
    const put = await fetch(url, { method: 'PUT', body: first.subarray(i * sizes, (i + 1) * sizes), headers: { 'x-amz-acl': 'private', 'content-type': 'video/quicktime' } });
    assert.equal(put.status, 200);
  }

  // A file becomes a stack of two, then the stack's head takes a third.
  const source = tempDir('slate-v2-takes-');
  const second = randomBytes(90 * 1024 + 3);
  writeFileSync(join(source, 'Promo v2.mov'), second);
  const stacked = await slate(['stack', created.id, join(source, 'Promo v2.mov'), '--json']);
  assert.equal(stacked.code, 0, stacked.stderr + stacked.stdout);
  const stack = (await Array.fromAsync(api.children(folder.id))).find((a) => a.type === 'version_stack');
  assert.ok(stack, 'the file and its new version are a version stack');
  let versions = await Array.fromAsync(api.children(stack.id));
  assert.deepEqual(versions.map((v) => v.index), [2, 1]);
  assert.equal(sha256(await original(versions[0]!)), sha256(second), 'the new version, every byte');
  assert.equal(sha256(await original(versions[1]!)), sha256(first), 'the first version is untouched');

  writeFileSync(join(source, 'Promo v3.mov'), 'third cut');
  const onto = await slate(['stack', versions[0]!.id, join(source, 'Promo v3.mov')]);
  assert.equal(onto.code, 0, onto.stderr);
  versions = await Array.fromAsync(api.children(stack.id));
  assert.deepEqual(versions.map((v) => v.index), [3, 2, 1]);
  assert.equal((await original(versions[0]!)).toString(), 'third cut');
  assert.equal((await Array.fromAsync(api.children(folder.id))).length, 1, 'still one stack in the folder');

  // Comments on the head: at frames, over a span, on the whole file, and a reply.
  const head = versions[0]!;
  const trim = await api.createComment(head.id, { text: 'Trim the head', timestamp: 48 });
  await api.createComment(head.id, { text: 'Music, cue "here"', timestamp: 120, duration: 24 });
  await api.createComment(head.id, { text: 'Lovely overall' });
  const now = new Date().toISOString();
  sandbox.store.put('comment', {
    id: randomUUID(), account_id: sandbox.accountId, file_id: head.id, parent_id: trim.id, owner_id: sandbox.userId, text: 'Done in v4', timestamp: null,
    duration: null, annotation: null, page: null, text_edited_at: null, completed_at: null, completer_id: null, created_at: now, updated_at: now,
  });

  const csv = await slate(['comments', head.id]);
  assert.equal(csv.code, 0, csv.stderr);
  assert.deepEqual(csv.stdout.replace(/^\uFEFF/, '').trim().split('\r\n').map((row) => row.split(',').slice(0, 6).join(',')), [
    '#,Timecode In,Timecode Out,Page,Author,Comment',
    '1,,,,Rosa Alvarez,Lovely overall',
    '2,00:00:02:00,,,Rosa Alvarez,Trim the head',
    '2.1,00:00:02:00,,,Rosa Alvarez,Done in v4',
    '3,00:00:05:00,00:00:06:00,,Rosa Alvarez,"Music',
  ]);
  assert.match(csv.stderr, /counted at 24 fps\. Pass --fps for its exact rate/, 'V2 tells no rate, and the command says so');

  const edl = await slate(['comments', stack.id, '--format', 'edl', '--fps', '25']);
  assert.equal(edl.code, 0, edl.stderr);
  assert.match(edl.stdout, /^TITLE: Promo v3\.mov\r\nFCM: NON-DROP FRAME/, "a stack's comments are its newest version's");
  assert.match(edl.stdout, /002 {2}001 {6}V {5}C {8}00:00:01:23 00:00:01:24 /, 'frame 48 at 25 fps');
  assert.equal(edl.stderr, '');

  for (const format of ['avid', 'fcpxml']) {
    const out = await slate(['comments', head.id, '--format', format]);
    assert.equal(out.code, 0, `${format}: ${out.stderr}`);
    assert.match(out.stdout, /Trim the head/);
  }
  const output = join(data, 'notes.json');
  const written = await slate(['comments', head.id, '--format', 'json', '--output', output, '--json']);
  assert.equal(written.code, 0, written.stderr);
  assert.deepEqual(JSON.parse(written.stdout), { ok: true, file: { id: head.id, name: 'Promo v3.mov' }, format: 'json', output, comments: 3, frameRate: '24' });
  assert.match(readFileSync(output, 'utf8'), /Done in v4/);

  const missing = await slate(['comments', '00000000-0000-0000-0000-000000000000']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /File 00000000-0000-0000-0000-000000000000 was not found in this legacy \(V2\) account/);
  const onFolder = await slate(['comments', folder.id]);
  assert.equal(onFolder.code, 1);
  assert.match(onFolder.stderr, /is a folder: comments are on files/);
});

test('versions and comments through the V2 client', async () => {
  const folder = await api.createFolder(sandbox.rootFolderId, `Cuts ${randomBytes(3).toString('hex')}`);
  const put = async (name: string, bytes: Buffer) => {
    const created = await api.createFile(folder.id, name, bytes.length, 'video/quicktime');
    assert.equal(created.upload_urls.length, 1);
    const answer = await fetch(created.upload_urls[0]!, { method: 'PUT', body: bytes, headers: { 'x-amz-acl': 'private', 'content-type': 'video/quicktime' } });
    assert.equal(answer.status, 200);
    return created;
  };
  const v1 = await put('Cut_v1.mov', randomBytes(1000));
  const v2 = await put('Cut_v2.mov', randomBytes(2000));
  const stack = await api.addVersion(v1.id, v2.id);
  assert.equal(stack.type, 'version_stack');
  assert.equal(stack.cover_asset_id, v2.id);

  await api.createComment(v2.id, { text: 'Trim the head', timestamp: 48 });
  await api.createComment(v2.id, { text: 'Music cue here', timestamp: 120 });
  const comments = await Array.fromAsync(api.comments(stack.id));
  assert.deepEqual(comments.map((c) => [c.text, c.timestamp]), [['Trim the head', 48], ['Music cue here', 120]]);

  await assert.rejects(api.comments(folder.id).next(), (error: unknown) => {
    assert.ok(error instanceof ApiError);
    assert.equal(error.code, 'api:not-found');
    assert.match(error.message, /comments are on files/);
    assert.match(error.action, /refresh and try again/);
    return true;
  });
});

test('V2 calls ride out injected 5xx and 429 answers and succeed', async () => {
  const faulty = await startCheckedSandbox({ faults: 'api:5xx@every3,api:429@every5', rateLimitScale: 10 });
  try {
    const client = new V2Client({ baseUrl: faulty.url, tokens: staticToken(faulty.token), retry: { baseDelayMs: 10, minRateLimitDelayMs: 10 } });
    const flaky = new V2Api(client);
    for (let i = 0; i < 6; i++) assert.equal((await flaky.me()).email, 'rosa@northlight.example');
    const refused = faulty.exchanges.filter((e) => e.url.startsWith('/v2/') && e.status >= 429);
    assert.ok(refused.length >= 2, `faults were injected (${refused.length})`);
  } finally {
    await faulty.close();
  }
});
