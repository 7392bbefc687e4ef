// `npm run bench -- watch-hol [--files N] [--every-ms MS] [--stable SECONDS] [--rate-limits real|off]`:
// no head-of-line blocking in a watch. A big render's upload crawls (the sandbox, in its own process,
// takes 20 s over each of its 1 MiB parts) while small files are written into the same watch, one
// every few hundred ms. For each small file: the time from its last write to Frame.io having it
// (the watch says done once Frame.io confirms the upload complete). Goal: every one within the
// stability window + 3 s, while the big upload is still crawling.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FrameioClient, staticToken } from '../../main/core/api/client.ts';
import { AccountApi } from '../../main/core/api/resources.ts';
import { openDatabase } from '../../main/core/db.ts';
import { TransferEngine } from '../../main/core/transfers/engine.ts';
import { EngineUploader } from '../../main/core/watch/engine-uploader.ts';
import { WatchJournal } from '../../main/core/watch/journal.ts';
import { WatchManager } from '../../main/core/watch/manager.ts';
import type { WatchFileView } from '../../main/core/watch/states.ts';
import { benchDir, figure, generateFile, startSandboxProcess } from './_upload-support.ts';
import { until } from './_watch-support.ts';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '100' },
    'every-ms': { type: 'string', default: '300' },
    stable: { type: 'string', default: '2' },
    'rate-limits': { type: 'string', default: 'real' },
  },
});
const count = Number(values.files);
const everyMs = Number(values['every-ms']);
const windowMs = Number(values.stable) * 1000;
const MIB = 1024 * 1024;
const PART_LATENCY_MS = 20_000;
/** 16 parts, 5 at a time: four rounds of 20 s, longer than the small files take to be written */
const BIG_SIZE = 16 * MIB;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const root = benchDir('watch-hol');
const watched = join(root, 'watched');
const sandbox = await startSandboxProcess(join(root, 'sandbox'), [
  '--rate-limits',
  values['rate-limits']!,
  '--part-size',
  String(MIB),
  '--faults',
  `latency:part>=${MIB}=${PART_LATENCY_MS}`,
]);
const client = new FrameioClient({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) });
const api = new AccountApi(client, sandbox.accountId);
const folderId = (await api.createFolder(sandbox.rootFolderId, 'watch-hol')).id;
const db = openDatabase(':memory:');
const engine = new TransferEngine({ client, db });
const manager = new WatchManager({ journal: new WatchJournal(db), api: () => api, uploader: (accountId) => new EngineUploader(engine, accountId) });
const events: Array<WatchFileView & { at: number }> = [];
manager.on('file', (file) => events.push({ ...file, at: performance.now() }));
manager.on('error', ({ error }) => console.error(`watch error: ${error.message}`));
mkdirSync(watched);
await manager.ensure({ dir: watched, accountId: sandbox.accountId, folderId, settings: { stableSeconds: windowMs / 1000 } });
const stateOf = (path: string) => events.findLast((e) => e.path === path)?.state;

generateFile(join(watched, 'big_render.mov'), BIG_SIZE);
await until(() => stateOf('big_render.mov') === 'uploading', windowMs + 30_000, 'the big upload to start');

const lastWrite = new Map<string, number>();
for (let i = 0; i < count; i++) {
  const name = `small_${String(i).padStart(3, '0')}.txt`;
  writeFileSync(join(watched, name), `small file ${i}\n`.repeat(64));
  lastWrite.set(name, performance.now());
  await sleep(everyMs);
}
const names = [...lastWrite.keys()];
await until(() => names.every((name) => stateOf(name) === 'done' || stateOf(name) === 'failed'), windowMs + 120_000, 'the small files to upload');
const bigWhenSmallDone = stateOf('big_render.mov');

const at = (name: string, state: string) => events.find((e) => e.path === name && e.state === state)?.at;
const inFrameio = names.map((name) => at(name, 'done')! - lastWrite.get(name)!).filter(Number.isFinite);
const queued = names.map((name) => at(name, 'queued')! - lastWrite.get(name)!).filter(Number.isFinite);
const failed = names.filter((name) => stateOf(name) !== 'done');
const listed = await Array.fromAsync(api.listChildren(folderId));
const arrived = listed.filter((a) => a.type === 'file' && a.name.startsWith('small_') && a.status !== 'created').length;

const goal = windowMs + 3000;
const sorted = [...inFrameio].sort((a, b) => a - b);
const max = sorted.at(-1) ?? Infinity;
figure('watch-hol-small-in-frameio-max', max, 'ms', {
  p50: Math.round(sorted[Math.floor(sorted.length / 2)] ?? NaN),
  window_ms: windowMs,
  goal_ms: goal,
  ok: max <= goal && failed.length === 0 && bigWhenSmallDone === 'uploading',
  files: count,
  every_ms: everyMs,
  rate_limits: values['rate-limits'],
  note: 'last write → done (Frame.io confirmed the upload) for each small file',
});
figure('watch-hol-small-queued-max', Math.max(...queued), 'ms', { window_ms: windowMs, note: 'last write → queued: the stability check alone, never waiting for an upload' });
figure('watch-hol-small-files-in-frameio', arrived, 'files', { of: count, failed: failed.length });
figure('watch-hol-big-upload-meanwhile', bigWhenSmallDone === 'uploading' ? 1 : 0, 'still uploading', {
  size_mib: BIG_SIZE / MIB,
  part_latency_ms: PART_LATENCY_MS,
  note: 'the big file was still crawling when the last small file landed',
});

await manager.close();
await engine.close();
db.close();
await sandbox.close();
rmSync(root, { recursive: true, force: true });
