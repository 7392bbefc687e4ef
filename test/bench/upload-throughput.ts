// `npm run bench -- upload-throughput [--size-mib N] [--concurrency N] [--runs N]`: one large file
// to a sandbox running in its own process (as Frame.io is another machine), measured four ways in
// the same run: the whole `npx slate upload` command, the same command without npm's launcher, the
// transfer engine alone in this process, and curl PUTting the same parts to part URLs the API
// handed out, at the same concurrency. Each figure runs `--runs` times (order rotated) and reports
// its median and range, with the client's CPU seconds per GiB and the sandbox's. Goal: the whole
// command ≥ 0.9 × curl.
import { writeFileSync, createReadStream, createWriteStream, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { FrameioClient, staticToken } from '../../main/core/api/client.ts';
import { AccountApi } from '../../main/core/api/resources.ts';
import { openDatabase } from '../../main/core/db.ts';
import { TransferEngine } from '../../main/core/transfers/engine.ts';
import { benchDir, figure, generateFile, NODE, processCpuSeconds, runTimed, startSandboxProcess } from './_upload-support.ts';

const { values } = parseArgs({
  options: {
    'size-mib': { type: 'string', default: '2048' },
    concurrency: { type: 'string', default: '5' },
    runs: { type: 'string', default: '2' },
  },
});
const size = Number(values['size-mib']) * 1024 * 1024;
const concurrency = Number(values.concurrency);
const runs = Math.max(1, Number(values.runs));
const dir = benchDir('throughput');
const source = join(dir, 'large.mov');
generateFile(source, size);

const sandbox = await startSandboxProcess(join(dir, 'sandbox'));
const client = new FrameioClient({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) });
const api = new AccountApi(client, sandbox.accountId);
const gib = size / 1024 ** 3;

/** the folder the run under way uploads into */
let lastFolder = '';

interface Sample {
  seconds: number;
  clientCpu: number;
  sandboxCpu: number;
  load: number;
}

async function untilComplete(fileId: string): Promise<void> {
  while (!(await api.fileStatus(fileId)).upload_complete) await new Promise((resolve) => setTimeout(resolve, 20));
}

/**
 * Frame.io processes a file after it is complete (here: the sandbox reads its media facts, two
 * seconds on). That is the server's work, not the client's: the next run starts once it is done,
 * so it never runs inside another client's timed window.
 */
async function untilProcessed(folderId: string): Promise<void> {
  for (const child of await Array.fromAsync(api.listChildren(folderId))) {
    while ((await api.showFile(child.id)).status !== 'transcoded') await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * (a) The command a person runs, start to exit: Node's start-up, planning, sending, confirming;
 * through `npx` inside the project, and as an installed `slate` runs, without npm's launcher.
 */
async function command(round: number, launcher: 'npx' | 'direct'): Promise<Omit<Sample, 'sandboxCpu' | 'load'>> {
  const folderId = (lastFolder = (await api.createFolder(sandbox.rootFolderId, `${launcher} ${round}`)).id);
  const args = ['upload', source, '--to', folderId, '--json', '--concurrency', String(concurrency)];
  const run = await runTimed(launcher === 'npx' ? 'npx' : NODE, launcher === 'npx' ? ['slate', ...args] : ['bin/slate.js', ...args], {
    SLATE_API_URL: sandbox.url,
    SLATE_TOKEN: sandbox.token,
    SLATE_ACCOUNT_ID: sandbox.accountId,
    SLATE_DATA_DIR: join(dir, `data-${launcher}-${round}`),
  });
  if (run.status !== 0) throw new Error(`slate upload exited ${run.status}: ${run.stderr}`);
  return { seconds: run.seconds, clientCpu: run.cpuSeconds };
}

/** (b) The transfer engine alone, in this process, against the sandbox's process. */
async function engine(round: number): Promise<Omit<Sample, 'sandboxCpu' | 'load'>> {
  const folderId = (lastFolder = (await api.createFolder(sandbox.rootFolderId, `engine ${round}`)).id);
  const transfers = new TransferEngine({ client, db: openDatabase(':memory:'), maxParts: concurrency, partConcurrency: concurrency });
  const cpu = process.cpuUsage();
  const started = performance.now();
  const job = await transfers.settled((await transfers.upload({ accountId: sandbox.accountId, folderId, paths: [source] })).id);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  if (job.state !== 'done') throw new Error(`the engine's upload ended ${job.state}: ${job.error}`);
  await transfers.close();
  return { seconds, clientCpu: (used.user + used.system) / 1e6 };
}

// curl reads each part from its own file, split once before any clock starts (a part plan depends
// only on the file's size, so every run's parts are the same byte ranges).
const partFiles: string[] = [];

async function splitParts(sizes: number[]): Promise<void> {
  let offset = 0;
  for (const [i, partSize] of sizes.entries()) {
    const path = join(dir, `part-${i}`);
    await pipeline(createReadStream(source, { start: offset, end: offset + partSize - 1 }), createWriteStream(path));
    partFiles.push(path);
    offset += partSize;
  }
}

/**
 * (c) The reference client: `concurrency` curl processes, each sending its share of the parts one
 * after another over one kept-alive connection, from the creation of the file's parts to Frame.io
 * reporting the upload complete.
 */
async function curl(round: number): Promise<Omit<Sample, 'sandboxCpu' | 'load'>> {
  const folderId = (lastFolder = (await api.createFolder(sandbox.rootFolderId, `curl ${round}`)).id);
  const created = await api.createLocalUpload(folderId, 'large.mov', size);
  if (partFiles.length === 0) await splitParts(created.upload_urls.map((u) => u.size));
  const configs = Array.from({ length: concurrency }, (_, worker) => {
    const lines = ['header = "x-amz-acl: private"', `header = "Content-Type: ${created.media_type}"`, 'write-out = "%{http_code}\\n"'];
    created.upload_urls.forEach((part, i) => {
      if (i % concurrency === worker) lines.push(`url = "${part.url}"`, `upload-file = "${partFiles[i]}"`, 'output = "/dev/null"');
    });
    const path = join(dir, `curl-${worker}.conf`);
    writeFileSync(path, lines.join('\n') + '\n');
    return path;
  });
  const started = performance.now();
  const workers = await Promise.all(configs.map((config) => runTimed('curl', ['-sS', '-K', config])));
  await untilComplete(created.id);
  const seconds = (performance.now() - started) / 1000;
  for (const run of workers) {
    const codes = run.stdout.trim().split('\n');
    if (run.status !== 0 || codes.some((code) => code !== '200')) throw new Error(`curl exited ${run.status} with answers ${codes.join(', ')}: ${run.stderr}`);
  }
  return { seconds, clientCpu: workers.reduce((sum, run) => sum + run.cpuSeconds, 0) };
}

const ways = { npx: (round: number) => command(round, 'npx'), direct: (round: number) => command(round, 'direct'), engine, curl };
type Way = keyof typeof ways;
const samples: Record<Way, Sample[]> = { npx: [], direct: [], engine: [], curl: [] };
const order: Way[] = ['curl', 'npx', 'engine', 'direct'];
for (let round = 0; round < runs; round++) {
  // Rotated, so no way always runs first on a cold page cache or last on a hot one.
  for (const way of [...order.slice(round % order.length), ...order.slice(0, round % order.length)]) {
    const sandboxCpu = processCpuSeconds(sandbox.pid);
    const sample = await ways[way](round);
    samples[way].push({ ...sample, sandboxCpu: processCpuSeconds(sandbox.pid) - sandboxCpu, load: loadavg()[0]! });
    await untilProcessed(lastFolder);
  }
}

const mb = size / 1e6;
const round2 = (v: number) => Math.round(v * 100) / 100;
const range = (list: number[]) => [Math.min(...list), Math.max(...list)].map(round2);
const median = (list: number[]) => {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const names: Record<Way, string> = { npx: 'npx slate upload', direct: 'slate upload', engine: 'engine', curl: 'curl' };
// On a shared machine the median is the figure and the range says how much the load moved it.
for (const way of ['npx', 'direct', 'engine', 'curl'] as const) {
  const rates = samples[way].map((s) => mb / s.seconds);
  figure(`upload-throughput ${names[way]}`, median(rates), 'MB/s', {
    range: range(rates),
    seconds: samples[way].map((s) => round2(s.seconds)),
    clientCpuSecondsPerGiB: range(samples[way].map((s) => s.clientCpu / gib)),
    sandboxCpuSecondsPerGiB: range(samples[way].map((s) => s.sandboxCpu / gib)),
    loadAverage1m: range(samples[way].map((s) => s.load)),
    bytes: size,
    concurrency,
    runs,
  });
}
for (const way of ['npx', 'direct', 'engine'] as const) {
  // Each run against the curl run of the same round: the machine's state is closest then.
  const ratios = samples[way].map((s, i) => samples.curl[i]!.seconds / s.seconds);
  const best = Math.min(...samples.curl.map((s) => s.seconds)) / Math.min(...samples[way].map((s) => s.seconds));
  figure(`upload-throughput ${names[way]}/curl`, median(ratios), 'ratio', { range: range(ratios), bestToBest: round2(best), goal: '>= 0.9' });
}
await sandbox.close();
rmSync(dir, { recursive: true, force: true });
