// `npm run bench -- live-lag [--seconds 60] [--rate MiB/s] [--stable SECONDS] [--bwlimit SPEC]`: a
// render growing at a steady rate, uploaded while it is written over a link of a given speed (both
// ways get the same `--bwlimit`: 40 Mbps by default, an office uplink; `off` for loopback's speed);
// the time from its last write to the asset being complete in Frame.io (the command ends only once
// Frame.io says so), live through V2's real-time upload against V4's way, the stability window and
// then the whole upload, side by side. The sandbox runs in its own process, as Frame.io is another
// machine.
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchDir, figure, generateFile, NODE, ROOT, runSlate, startSandboxProcess } from './_upload-support.ts';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '60' }, rate: { type: 'string', default: '2' }, stable: { type: 'string', default: '5' }, bwlimit: { type: 'string', default: '40Mbps' } },
});
const seconds = Number(values.seconds);
const bytesPerSecond = Number(values.rate) * 1024 * 1024;
const total = Math.round(seconds * bytesPerSecond);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const dir = benchDir('live-lag');
const sandbox = await startSandboxProcess(join(dir, 'sandbox'));
const source = join(dir, 'source.bin');
generateFile(source, total);
const bytes = readFileSync(source);

/** Appends the render in 10 steps a second at the steady rate; answers the time of the last write. */
async function render(path: string): Promise<number> {
  writeFileSync(path, Buffer.alloc(0));
  const step = Math.ceil(bytesPerSecond / 10);
  const started = performance.now();
  for (let offset = 0, i = 1; offset < total; offset += step, i++) {
    appendFileSync(path, bytes.subarray(offset, Math.min(total, offset + step)));
    await sleep(Math.max(0, started + i * 100 - performance.now()));
  }
  return performance.now();
}

function login(dataDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, ['bin/slate.js', 'login', '--token', '-', '--api', 'v2'], { cwd: ROOT, env: { ...process.env, SLATE_API_URL: sandbox.url, SLATE_DATA_DIR: dataDir } });
    child.stdin.end(`${sandbox.token}\n`);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`slate login --api v2 exited with ${code}`))));
  });
}

/** One render written while `slate upload --live` runs; answers seconds from the last write to the command's end. */
async function lag(name: string, env: NodeJS.ProcessEnv): Promise<number> {
  const path = join(dir, `${name}.mov`);
  writeFileSync(path, Buffer.alloc(0));
  const upload = runSlate(['upload', path, '--to', sandbox.rootFolderId, '--live', '--stable', values.stable!, '--bwlimit', values.bwlimit!, '--json'], { SLATE_API_URL: sandbox.url, ...env });
  const lastWrite = await render(path);
  const run = await upload;
  const ended = performance.now();
  if (run.status !== 0) throw new Error(`${name}: slate upload exited with ${run.status}\n${run.stderr}`);
  return (ended - lastWrite) / 1000;
}

const v2Data = join(dir, 'v2');
await login(v2Data);
const live = await lag('live', { SLATE_DATA_DIR: v2Data, SLATE_TOKEN: '' });
const v4 = await lag('v4', { SLATE_DATA_DIR: join(dir, 'v4'), SLATE_TOKEN: sandbox.token });
const load = { seconds, rate_mib_s: Number(values.rate), size_mib: Math.round(total / 1024 / 1024), stable_s: Number(values.stable), bwlimit: values.bwlimit };
figure('live-lag live V2 real-time', live, 's', load);
figure('live-lag V4 stability window + upload', v4, 's', load);
await sandbox.close();
rmSync(dir, { recursive: true, force: true });
