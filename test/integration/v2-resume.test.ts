// An ordinary upload to a legacy (V2) account killed mid-way: the same command finishes it with the
// parts already sent, into the same asset, every byte read back through its `original`.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { staticToken } from '../../main/core/api/client.ts';
import { V2Client } from '../../main/core/api/v2/client.ts';
import { V2Api } from '../../main/core/api/v2/resources.ts';
import { slateJson } from '../support/slate-json.ts';
import { TempDirs } from '../support/temp-dirs.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { makeTree, sha256File } from './transfer-helpers.ts';

const PART = 64 * 1024;
const PARTS = 40;
let sandbox: CheckedSandbox;
let api: V2Api;
const temp = new TempDirs();
before(async () => {
  sandbox = await startCheckedSandbox({ partSize: PART, rateLimitScale: 10 });
  api = new V2Api(new V2Client({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) }));
});
after(async () => {
  await sandbox.close();
  temp.removeAll();
});

interface Event {
  type: string;
  jobId?: string;
  bytesDone?: number;
  ok?: boolean;
  jobs?: Array<{ id: string; state: string }>;
}

const partPuts = () => sandbox.exchanges.filter((e) => e.method === 'PUT' && e.status === 200).length;

test('a V2 upload killed mid-way resumes with the parts already sent, into the same asset', async () => {
  const dataDir = temp.make('slate-v2-resume-data-');
  const root = makeTree({ 'take.mov': PART * PARTS }, temp.make('slate-v2-resume-src-'));
  const folder = await api.createFolder(sandbox.rootFolderId, 'Resumed V2');
  const env = { SLATE_API_URL: sandbox.url, SLATE_TOKEN: sandbox.token, SLATE_ACCOUNT_ID: '', SLATE_DATA_DIR: dataDir };
  const args = ['upload', join(root, 'take.mov'), '--to', folder.id, '--api', 'v2', '--concurrency', '2', '--json'];

  const first = slateJson<Event>([...args, '--bwlimit', '640K'], env);
  const halfway = await first.next((e) => e.type === 'progress' && e.bytesDone! >= PART * 16);
  first.kill();
  await first.done;
  const sentBefore = partPuts();
  assert.ok(sentBefore >= 10 && sentBefore < PARTS, `${sentBefore} parts were in before the kill`);
  const [created] = await Array.fromAsync(api.children(folder.id));
  assert.ok(created && !created.upload_completed_at, 'the kill left the file unfinished in Frame.io');

  const again = slateJson<Event>(args, env);
  const { code, text } = await again.done;
  assert.equal(code, 0, text);
  const result = again.events.find((e) => e.type === 'result')!;
  assert.equal(result.ok, true);
  assert.deepEqual(result.jobs!.map((j) => [j.id, j.state]), [[halfway.jobId, 'done']], 'the same job, finished');
  assert.ok(partPuts() <= PARTS + 2, `${partPuts()} part PUTs for ${PARTS} parts: at most the concurrency sent again`);

  const assets = await Array.fromAsync(api.children(folder.id));
  assert.deepEqual(assets.map((a) => a.id), [created.id], 'the same asset, and no other');
  const done = await api.asset(created.id);
  assert.ok(done.upload_completed_at && done.original);
  const bytes = Buffer.from(await (await fetch(done.original)).arrayBuffer());
  assert.equal(createHash('sha256').update(bytes).digest('hex'), sha256File(join(root, 'take.mov')));
});
