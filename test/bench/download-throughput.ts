// `npm run bench -- download-throughput [--size-mib N] [--concurrency N] [--range-mib N] [--runs N]`:
// one large file from a sandbox running in its own process (as Frame.io is another machine),
// measured two ways in the same run: the whole `slate download` command, start to exit, and curl
// fetching the same `media_links.original` URL in byte ranges of the same size with the same number
// of processes (one kept-alive connection each, every range written to a file). Each way runs
// `--runs` times, order alternated, and reports its median and range with the client's CPU seconds
// per GiB and the sandbox's. Goal: the command ≥ 0.9 × curl.
import { rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { median, originalUrl, putLargeFile, range, round2, slateEnv } from './_download-support.ts';
import { benchDir, figure, NODE, processCpuSeconds, runTimed, startSandboxProcess } from './_upload-support.ts';

const { values } = parseArgs({
  options: {
    'size-mib': { type: 'string', default: '2048' },
    concurrency: { type: 'string', default: '5' },
    'range-mib': { type: 'string', default: '8' },
    runs: { type: 'string', default: '2' },
  },
});
const MiB = 1024 * 1024;
const size = Number(values['size-mib']) * MiB;
const concurrency = Number(values.concurrency);
const rangeSize = Number(values['range-mib']) * MiB;
const runs = Math.max(2, Number(values.runs));
const dir = benchDir('download-throughput');
const gib = size / 1024 ** 3;

interface Sample {
  seconds: number;
  clientCpu: number;
  sandboxCpu: number;
  load: number;
}

const sandbox = await startSandboxProcess(join(dir, 'sandbox'));
try {
  const fileId = await putLargeFile(sandbox, dir, 'large.mov', size);
  const url = await originalUrl(sandbox, fileId);

  /** The command a person runs, start to exit: Node's start-up, listing, fetching, checking, renaming. */
  const slate = async (round: number): Promise<Omit<Sample, 'sandboxCpu' | 'load'>> => {
    const to = join(dir, `slate-${round}`);
    const args = ['bin/slate.js', 'download', fileId, '--to', to, '--json', '--concurrency', String(concurrency), '--range-size', String(rangeSize)];
    const run = await runTimed(NODE, args, slateEnv(sandbox, join(dir, `data-${round}`)));
    rmSync(to, { recursive: true, force: true });
    if (run.status !== 0) throw new Error(`slate download exited ${run.status}: ${run.stderr}`);
    return { seconds: run.seconds, clientCpu: run.cpuSeconds };
  };

  /** The reference client: `concurrency` curl processes, each fetching its share of the ranges in turn. */
  const curl = async (round: number): Promise<Omit<Sample, 'sandboxCpu' | 'load'>> => {
    const to = join(dir, `curl-${round}`);
    const configs = Array.from({ length: concurrency }, (_, worker) => {
      const entries: string[] = [];
      for (let i = worker, offset = worker * rangeSize; offset < size; i += concurrency, offset += concurrency * rangeSize) {
        const end = Math.min(offset + rangeSize, size) - 1;
        entries.push([`url = "${url}"`, `range = "${offset}-${end}"`, `output = "${join(to, `range-${i}`)}"`, 'write-out = "%{http_code}\\n"'].join('\n'));
      }
      const path = join(dir, `curl-${worker}.conf`);
      // `next` starts a transfer with its own options; curl keeps the connection between them.
      writeFileSync(path, `create-dirs\n${entries.join('\nnext\ncreate-dirs\n')}\n`);
      return path;
    });
    const started = performance.now();
    const workers = await Promise.all(configs.map((config) => runTimed('curl', ['-sS', '-K', config])));
    const seconds = (performance.now() - started) / 1000;
    rmSync(to, { recursive: true, force: true });
    for (const run of workers) {
      const codes = run.stdout.trim().split('\n');
      if (run.status !== 0 || codes.some((code) => code !== '206')) throw new Error(`curl exited ${run.status} with answers ${codes.join(', ')}: ${run.stderr}`);
    }
    return { seconds, clientCpu: workers.reduce((sum, run) => sum + run.cpuSeconds, 0) };
  };

  const ways = { slate, curl };
  type Way = keyof typeof ways;
  const samples: Record<Way, Sample[]> = { slate: [], curl: [] };
  for (let round = 0; round < runs; round++) {
    // Alternated, so neither way always runs first on a cold page cache or last on a hot one.
    for (const way of (round % 2 ? ['slate', 'curl'] : ['curl', 'slate']) as Way[]) {
      const sandboxCpu = processCpuSeconds(sandbox.pid);
      const sample = await ways[way](round);
      samples[way].push({ ...sample, sandboxCpu: processCpuSeconds(sandbox.pid) - sandboxCpu, load: loadavg()[0]! });
    }
  }

  const mb = size / 1e6;
  const names: Record<Way, string> = { slate: 'slate download', curl: 'curl' };
  // On a shared machine the median is the figure and the range says how much the load moved it.
  for (const way of ['slate', 'curl'] as const) {
    const rates = samples[way].map((s) => mb / s.seconds);
    figure(`download-throughput ${names[way]}`, median(rates), 'MB/s', {
      range: range(rates),
      seconds: samples[way].map((s) => round2(s.seconds)),
      clientCpuSecondsPerGiB: range(samples[way].map((s) => s.clientCpu / gib)),
      sandboxCpuSecondsPerGiB: range(samples[way].map((s) => s.sandboxCpu / gib)),
      loadAverage1m: range(samples[way].map((s) => s.load)),
      bytes: size,
      concurrency,
      rangeBytes: rangeSize,
      runs,
    });
  }
  // Each run against the curl run of the same round: the machine's state is closest then.
  const ratios = samples.slate.map((s, i) => samples.curl[i]!.seconds / s.seconds);
  const best = Math.min(...samples.curl.map((s) => s.seconds)) / Math.min(...samples.slate.map((s) => s.seconds));
  figure('download-throughput slate download/curl', median(ratios), 'ratio', { range: range(ratios), bestToBest: round2(best), goal: '>= 0.9' });
} finally {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
}
