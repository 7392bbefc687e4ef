// `slate upload --live` against the sandbox's V2 real-time upload: a file written for 15 s goes up
// as it grows and ends byte-identical; a kill -9 mid-way resumes with the parts already sent; a
// file whose beginning is rewritten at the end is not left corrupt (its real-time asset is deleted
// and it goes up the ordinary way, saying why); a V4 sign-in says live upload is not available there.
// What is asserted is counted from the command's events, never timed.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, openSync, readFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { staticToken } from '../../main/core/api/client.ts';
import { ApiError } from '../../main/core/api/errors.ts';
import { V2Client } from '../../main/core/api/v2/client.ts';
import { V2Api } from '../../main/core/api/v2/resources.ts';
import { slateJson, type SlateJson } from '../support/slate-json.ts';
import { grow } from '../support/grow.ts';
import { TempDirs } from '../support/temp-dirs.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

const MiB = 1024 * 1024;
const PART = 5 * MiB;
let sandbox: CheckedSandbox;
let api: V2Api;
let v2Data: string;
const temp = new TempDirs();
const tempDir = (prefix: string) => temp.make(prefix);


before(async () => {
  sandbox = await startCheckedSandbox({ rateLimitScale: 10 });
  api = new V2Api(new V2Client({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) }));
  v2Data = tempDir('slate-live-');
  const login = await slate(v2Data, ['login', '--token', '-', '--api', 'v2'], `${sandbox.token}\n`).done;
  assert.equal(login.code, 0, login.text);
});
after(async () => {
  await sandbox.close();
  temp.removeAll();
});

/** One line of `--json` output: live events, a restart with its reason, and the result. */
interface Event {
  type: string;
  number: number;
  size: number;
  offset: number;
  final: boolean;
  fileSizeSeen: number;
  assetId: string;
  resumedParts: number;
  reason: string;
  ok: boolean;
}
function slate(dataDir: string, args: string[], input = '', env: NodeJS.ProcessEnv = {}): SlateJson<Event> {
  return slateJson<Event>(args, { SLATE_API_URL: sandbox.url, SLATE_DATA_DIR: dataDir, SLATE_TOKEN: '', SLATE_ACCOUNT_ID: '', ...env }, input);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function originalOf(assetId: string): Promise<Buffer> {
  const asset = await api.asset(assetId);
  assert.ok(asset.upload_completed_at && asset.original, `asset ${assetId} is complete with an original`);
  return Buffer.from(await (await fetch(asset.original)).arrayBuffer());
}

async function assetsNamed(name: string) {
  return (await Array.fromAsync(api.children(sandbox.rootFolderId))).filter((a) => a.name === name);
}

test('a file written for 15 s goes up as it grows and ends byte-identical', async () => {
  const dir = tempDir('slate-live-src-');
  const path = join(dir, 'Growing_Render.mp4');
  appendFileSync(path, Buffer.alloc(0));
  const total = 6 * PART + 123_457;
  const run = slate(v2Data, ['upload', path, '--to', sandbox.rootFolderId, '--live', '--stable', '2', '--json']);
  const written = await grow(path, total, 15);
  const { code, text } = await run.done;
  assert.equal(code, 0, text);

  const parts = run.events.filter((e) => e.type === 'live-part');
  const final = parts.filter((p) => p.final);
  assert.equal(final.length, 1, 'one final part');
  assert.equal(parts.at(-1), final[0], 'the final part is the last one');
  assert.ok(final[0]!.size <= PART, `the final part holds at most a part's worth (${final[0]!.size})`);
  // Sent while the file was still growing: all but at most the last ordinary part saw a shorter file.
  const whileGrowing = parts.filter((p) => !p.final && p.fileSizeSeen < total);
  assert.ok(whileGrowing.length >= parts.length - 2, `${whileGrowing.length} of ${parts.length - 1} ordinary parts went while the file grew`);
  assert.deepEqual(parts.map((p) => p.number), parts.map((_, i) => i + 1));
  assert.equal(run.events.some((e) => e.type === 'live-restart'), false);

  assert.equal(run.events.find((e) => e.type === 'result')!.ok, true);
  const complete = run.events.find((e) => e.type === 'live-complete')!;
  assert.equal(complete.size, total);
  assert.equal(sha256(await originalOf(complete.assetId)), sha256(written));
  assert.equal((await assetsNamed('Growing_Render.mp4')).length, 1);
});

test('a kill -9 mid-way resumes with the parts already sent, into the same asset', async () => {
  const dir = tempDir('slate-live-kill-');
  const data = tempDir('slate-live-kill-data-');
  assert.equal((await slate(data, ['login', '--token', '-', '--api', 'v2'], `${sandbox.token}\n`).done).code, 0);
  const path = join(dir, 'Killed_Render.mov');
  appendFileSync(path, Buffer.alloc(0));
  const total = 3 * PART + 4_321;
  const args = ['upload', path, '--to', sandbox.rootFolderId, '--live', '--stable', '1', '--json'];
  const first = slate(data, args);
  const writing = grow(path, total, 6);
  const started = await first.next((e) => e.type === 'live-started');
  await first.next((e) => e.type === 'live-part');
  first.kill();
  await first.done;

  const second = slate(data, args);
  const written = await writing;
  const { code, text } = await second.done;
  assert.equal(code, 0, text);
  const resumed = second.events.find((e) => e.type === 'live-started')!;
  assert.equal(resumed.assetId, started.assetId, 'the same Frame.io asset');
  assert.ok(resumed.resumedParts >= 1, 'parts sent before the kill are not sent again');
  const numbers = second.events.filter((e) => e.type === 'live-part').map((e) => e.number);
  assert.ok(numbers[0]! > 1, `the resumed run starts after the parts already sent (${numbers})`);
  assert.equal(sha256(await originalOf(started.assetId)), sha256(written));
  assert.equal((await assetsNamed('Killed_Render.mov')).length, 1);

  // One job from the start: the second run carried on the first's, and the journal says it is done.
  const status = await slate(data, ['status', '--json']).done;
  const jobs = (JSON.parse(status.stdout) as { jobs: Array<{ kind: string; state: string; bytesDone: number }> }).jobs;
  assert.deepEqual(jobs.map((j) => [j.kind, j.state, j.bytesDone]), [['live', 'done', total]]);
});

test('a file whose beginning is rewritten at the end is uploaded the ordinary way, never left corrupt', async () => {
  const dir = tempDir('slate-live-rewrite-');
  const path = join(dir, 'Header_Rewrite.mov');
  appendFileSync(path, Buffer.alloc(0));
  const run = slate(v2Data, ['upload', path, '--to', sandbox.rootFolderId, '--live', '--stable', '1', '--json']);
  const writing = grow(path, 2 * PART + 777, 3);
  const started = await run.next((e) => e.type === 'live-started');
  await run.next((e) => e.type === 'live-part');
  await writing;
  // As a muxer does when it finishes: the header at the start is written again with the final sizes.
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.from('moov-rewritten-header'), 0, 21, 0);
  closeSync(fd);
  const { code, text } = await run.done;
  assert.equal(code, 0, text);

  const restart = run.events.find((e) => e.type === 'live-restart');
  assert.ok(restart, text);
  assert.match(restart.reason, /changed after they were sent \(part 1; some apps rewrite a file's header/);
  assert.match(restart.reason, /real-time upload was deleted from Frame\.io; uploading the file the ordinary way/);
  assert.equal(run.events.some((e) => e.type === 'live-part' && e.final), false, 'no final part went up');
  await assert.rejects(api.asset(started.assetId), (error) => error instanceof ApiError && error.kind === 'not-found');

  const [uploaded, ...others] = await assetsNamed('Header_Rewrite.mov');
  assert.equal(others.length, 0, 'one file of that name');
  assert.equal(sha256(await originalOf(uploaded!.id)), sha256(readFileSync(path)));
});

test('on a V4 sign-in, --live says real-time upload is not available and waits for the file to settle', async () => {
  const dir = tempDir('slate-live-v4-');
  const path = join(dir, 'V4_Render.mov');
  appendFileSync(path, randomBytes(300_000));
  const run = slate(tempDir('slate-live-v4-data-'), ['upload', path, '--to', sandbox.rootFolderId, '--live', '--stable', '0.5', '--json'], '', { SLATE_TOKEN: sandbox.token });
  const { code, text } = await run.done;
  assert.equal(code, 0, text);
  const restart = run.events.find((e) => e.type === 'live-restart');
  assert.match(restart?.reason ?? '', /needs a legacy \(V2\) account: Frame\.io V4 has no real-time upload/);
  assert.equal(run.events.some((e) => e.type === 'live-started'), false);
  assert.equal(run.events.find((e) => e.type === 'result')?.ok, true);
});
