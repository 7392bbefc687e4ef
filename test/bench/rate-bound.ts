// `npm run bench -- rate-bound`: 300 small files in 30 folders with the sandbox at Frame.io's real
// rate limits. The bound is what the documented limits allow: after the bucket's initial burst,
// local-upload creates at 5/s and folder creates at 3/s, running side by side. Goal: wall time ≤
// 1.15 × the bound, and zero 429 responses.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FrameioClient, staticToken } from '../../main/core/api/client.ts';
import { operations } from '../../main/common/operations.generated.ts';
import { openDatabase } from '../../main/core/db.ts';
import { TransferEngine } from '../../main/core/transfers/engine.ts';
import { benchDir, figure, startSandboxProcess } from './_upload-support.ts';

const FOLDERS = 30;
const FILES_PER_FOLDER = 10;
const dir = benchDir('rate');
const root = join(dir, 'drop');
for (let f = 0; f < FOLDERS; f++) {
  mkdirSync(join(root, `folder ${f}`), { recursive: true });
  for (let i = 0; i < FILES_PER_FOLDER; i++) writeFileSync(join(root, `folder ${f}`, `file ${i}.txt`), `folder ${f} file ${i}\n`.repeat(50));
}

// Frame.io is another machine: the sandbox runs in its own process and logs what it answered.
const log = join(dir, 'exchanges.jsonl');
const sandbox = await startSandboxProcess(join(dir, 'sandbox'), ['--rate-limits', 'real', '--exchange-log', log]);
const client = new FrameioClient({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) });
const engine = new TransferEngine({ client, db: openDatabase(':memory:') });

const boundFor = (calls: number, limit: { calls: number; windowMs: number }) => ((calls - limit.calls) * limit.windowMs) / limit.calls / 1000;
// The drop's own top folder is created too.
const bound = Math.max(boundFor(FOLDERS + 1, operations['folders.create'].limit), boundFor(FOLDERS * FILES_PER_FOLDER, operations['files.create_local_upload'].limit));

const started = performance.now();
const job = await engine.settled((await engine.upload({ accountId: sandbox.accountId, folderId: sandbox.rootFolderId, paths: [root] })).id);
const seconds = (performance.now() - started) / 1000;
if (job.state !== 'done') throw new Error(`upload ${job.state}: ${job.error}`);
const refused = readFileSync(log, 'utf8').split('\n').filter((line) => line && (JSON.parse(line) as { status: number }).status === 429).length;
figure('rate-bound wall time', seconds, 's', { files: job.filesDone, folders: FOLDERS, bound_s: bound, ratio: seconds / bound, goal: '<= 1.15 x bound' });
figure('rate-bound 429 responses', refused, 'count', { client_saw: client.stats.rateLimited, goal: 0 });
await engine.close();
await sandbox.close();
rmSync(dir, { recursive: true, force: true });
