// `npm run bench -- upload-many [--sizes 300,3000,30000] [--rate-limited 3000]`: many small files in
// one job, side by side. For each size, `slate upload` of that many 1 KB files (in folders of 1,000,
// as frames of image sequences come) to the sandbox in its own process with rate limits off (on both
// sides: _sandbox-unpaced.ts): wall
// and CPU seconds per file, the sandbox's CPU per file, and the command's peak RSS. Goal: per-file
// time at the largest size ≤ 1.5 × that at the smallest, RSS ≤ 300 MB. Then the rate-limited size
// at Frame.io's real limits: wall time against the bound the documented limits give (≤ 1.15 ×)
// and the 429s the sandbox sent (0). `--rate-limited 0` leaves that run out.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { operations } from '../../main/common/operations.generated.ts';
import { benchDir, figure, NODE, processCpuSeconds, ROOT, startSandboxProcess, type SandboxProcess } from './_upload-support.ts';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '300,3000,30000' }, 'rate-limited': { type: 'string', default: '3000' } } });
const sizes = values.sizes.split(',').map(Number);
const rateLimited = Number(values['rate-limited']);
const PER_FOLDER = 1_000;
const FILE_BYTES = 1_000;

const dir = benchDir('many');

/** `count` files of 1 KB under a fresh folder, 1,000 to a sub-folder. */
function makeDrop(count: number): { root: string; folders: number } {
  const root = join(dir, `drop-${count}`);
  const folders = Math.ceil(count / PER_FOLDER);
  for (let i = 0; i < count; i++) {
    const folder = join(root, `shot_${String(Math.floor(i / PER_FOLDER)).padStart(3, '0')}`);
    if (i % PER_FOLDER === 0) mkdirSync(folder, { recursive: true });
    const body = Buffer.alloc(FILE_BYTES, `frame ${i} `);
    writeFileSync(join(folder, `frame_${String(i).padStart(6, '0')}.dpx`), body);
  }
  return { root, folders };
}

interface Run {
  status: number | null;
  stderr: string;
  seconds: number;
  cpuSeconds: number;
  peakRss: number;
}

/**
 * `slate upload` under bash, whose `times` gives the CPU of the whole command once it has ended;
 * its peak RSS is the kernel's high-water mark of the node process, sampled while it runs. The
 * command runs as `slate` and `npx slate` run it, the file itself, so its first line's Node flags
 * hold, with the Node this bench runs on first in the PATH as npm puts the pinned one.
 */
function runUpload(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('bash', ['-c', '"$@"; status=$?; times >&3; exit $status', 'bash', './bin/slate.js', ...args], {
      cwd: ROOT,
      env: { ...process.env, PATH: `${dirname(NODE)}${delimiter}${process.env.PATH ?? ''}`, ...env },
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let times = '';
    let peakRss = 0;
    const sample = () => {
      try {
        for (const pid of readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) {
          const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
          if (match) peakRss = Math.max(peakRss, Number(match[1]) * 1024);
        }
      } catch {
        // between processes, or gone
      }
    };
    const sampler = setInterval(sample, 100);
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdio[3]!.on('data', (chunk: Buffer) => (times += chunk.toString()));
    child.once('error', reject);
    child.once('close', (status) => {
      clearInterval(sampler);
      const parts = [...(times.trim().split('\n')[1] ?? '').matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
      if (parts.length !== 2) return reject(new Error(`could not read the CPU time of slate upload: "${times}"`));
      resolve({ status, stderr, seconds: (performance.now() - started) / 1000, cpuSeconds: parts[0]! + parts[1]!, peakRss });
    });
  });
}

/** The sandbox with no limits, in its own process: _sandbox-unpaced.ts. */
function unpacedSandbox(dataDir: string): Promise<SandboxProcess> {
  const child = spawn(NODE, ['test/bench/_sandbox-unpaced.ts', dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const values: Record<string, string> = {};
    child.once('exit', (code) => reject(new Error(`the sandbox exited with ${code} before it was ready`)));
    child.stdout.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString().matchAll(/^SANDBOX_(\w+)=(.*)$/gm)) values[match[1]!] = match[2]!;
      if (!values.ROOT_FOLDER_ID) return;
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({
        url: values.URL!,
        token: values.TOKEN!,
        accountId: values.ACCOUNT_ID!,
        rootFolderId: values.ROOT_FOLDER_ID,
        pid: child.pid!,
        close: () => {
          child.kill('SIGTERM');
          return exited;
        },
      });
    });
  });
}

async function upload(count: number, rates: 'off' | 'real'): Promise<{ run: Run; sandboxCpu: number; refused: number; folders: number }> {
  const { root, folders } = makeDrop(count);
  const log = join(dir, `exchanges-${count}-${rates}.jsonl`);
  // Only the rate-limited run logs its exchanges: the 429s are counted from them.
  const sandboxDir = join(dir, `sandbox-${count}-${rates}`);
  const sandbox = rates === 'real' ? await startSandboxProcess(sandboxDir, ['--rate-limits', 'real', '--exchange-log', log]) : await unpacedSandbox(sandboxDir);
  try {
    const cpuBefore = processCpuSeconds(sandbox.pid);
    const run = await runUpload(['upload', root, '--to', sandbox.rootFolderId, '--json'], {
      SLATE_API_URL: sandbox.url,
      SLATE_TOKEN: sandbox.token,
      SLATE_ACCOUNT_ID: sandbox.accountId,
      SLATE_DATA_DIR: join(dir, `data-${count}-${rates}`),
    });
    const sandboxCpu = processCpuSeconds(sandbox.pid) - cpuBefore;
    if (run.status !== 0) throw new Error(`slate upload of ${count} files exited ${run.status}: ${run.stderr.slice(-2000)}`);
    const exchanges = rates === 'real' ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
    const refused = exchanges.filter((line) => (JSON.parse(line) as { status: number }).status === 429).length;
    const created = exchanges.filter((line) => /\/files\/local_upload"/.test(line) && (JSON.parse(line) as { status: number }).status === 201).length;
    if (rates === 'real' && created !== count) throw new Error(`${created} of ${count} files were created in the sandbox`);
    return { run, sandboxCpu, refused, folders };
  } finally {
    await sandbox.close();
    rmSync(root, { recursive: true, force: true });
  }
}

try {
  const perFile: number[] = [];
  for (const count of sizes) {
    const { run, sandboxCpu } = await upload(count, 'off');
    perFile.push(run.seconds / count);
    figure(`upload-many ${count} files`, (run.seconds / count) * 1000, 'ms/file', {
      seconds: run.seconds,
      cpu_ms_per_file: Math.round((run.cpuSeconds / count) * 1000 * 100) / 100,
      sandbox_cpu_ms_per_file: Math.round((sandboxCpu / count) * 1000 * 100) / 100,
      peak_rss_mb: Math.round(run.peakRss / 1e5) / 10,
      goal: 'rss <= 300 MB',
    });
  }
  figure('upload-many per-file time, largest vs smallest', perFile[perFile.length - 1]! / perFile[0]!, 'x', { sizes, goal: '<= 1.5' });

  if (rateLimited > 0) {
    const { run, refused, folders } = await upload(rateLimited, 'real');
    const boundFor = (calls: number, limit: { calls: number; windowMs: number }) => ((calls - limit.calls) * limit.windowMs) / limit.calls / 1000;
    // The drop's own top folder is created too; creates of folders and files run side by side.
    const bound = Math.max(boundFor(folders + 1, operations['folders.create'].limit), boundFor(rateLimited, operations['files.create_local_upload'].limit));
    figure(`upload-many ${rateLimited} files at the real rate limits`, run.seconds, 's', { bound_s: bound, ratio: Math.round((run.seconds / bound) * 1000) / 1000, goal: '<= 1.15 x bound' });
    figure(`upload-many ${rateLimited} files, 429 responses`, refused, 'count', { goal: 0 });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
