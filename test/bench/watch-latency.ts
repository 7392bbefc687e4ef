// `npm run bench -- watch-latency [--stable SECONDS] [--files N]`: files written in bursts (a
// render finishing), one after another; for each, the time from its last write to its upload
// starting. Goal: ≤ stability window + 1 s. Alongside, in the same run, chokidar's own
// awaitWriteFinish with the same threshold, from the last write to its event.
import { watch } from 'chokidar';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { figure } from './_upload-support.ts';
import { startWatchRig, until } from './_watch-support.ts';

const { values } = parseArgs({ options: { stable: { type: 'string', default: '2' }, files: { type: 'string', default: '10' } } });
const windowMs = Number(values.stable) * 1000;
const count = Number(values.files);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes a file in 5 chunks 200 ms apart; returns the time of the last write. */
async function render(path: string): Promise<number> {
  writeFileSync(path, Buffer.alloc(64 * 1024, 1));
  for (let i = 0; i < 4; i++) {
    await sleep(200);
    appendFileSync(path, Buffer.alloc(64 * 1024, i));
  }
  return performance.now();
}

function stats(samples: number[]): { p50: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length / 2)]!, max: sorted.at(-1)! };
}

// Slate: last write → Uploading.
const rig = await startWatchRig('watch-latency', { stableSeconds: windowMs / 1000 }, ['--rate-limits', 'real']);
const slate: number[] = [];
const ready: number[] = [];
for (let i = 0; i < count; i++) {
  const name = `render_${i}.mov`;
  const lastWrite = await render(join(rig.dir, name));
  await until(() => rig.events.some((e) => e.path === name && e.state === 'done'), windowMs + 30_000, `${name} to upload`);
  const at = (state: string) => rig.events.find((e) => e.path === name && e.state === state)!.at;
  slate.push(at('uploading') - lastWrite);
  ready.push(at('ready') - lastWrite);
}
await rig.close();

// chokidar's awaitWriteFinish with the same threshold: last write → add.
const dir = mkdtempSync(join(tmpdir(), 'slate-bench-awf-'));
const seen = new Map<string, number>();
const watcher = watch(dir, { awaitWriteFinish: { stabilityThreshold: windowMs, pollInterval: 100 } });
watcher.on('add', (path) => seen.set(path, performance.now()));
await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
const awf: number[] = [];
for (let i = 0; i < count; i++) {
  const path = join(dir, `render_${i}.mov`);
  const lastWrite = await render(path);
  await until(() => seen.has(path), windowMs + 10_000, `chokidar to report ${path}`);
  awf.push(seen.get(path)! - lastWrite);
}
await watcher.close();
rmSync(dir, { recursive: true, force: true });

const goal = windowMs + 1000;
const s = stats(slate);
figure('watch-latency-upload-start-max', s.max, 'ms', { p50: Math.round(s.p50), window_ms: windowMs, goal_ms: goal, ok: s.max <= goal, files: count });
const r = stats(ready);
figure('watch-latency-ready-max', r.max, 'ms', { p50: Math.round(r.p50), window_ms: windowMs, note: 'last write → Ready (the stability detector alone)' });
const a = stats(awf);
figure('chokidar-awaitWriteFinish-latency-max', a.max, 'ms', { p50: Math.round(a.p50), window_ms: windowMs, note: 'same threshold, same writes; its events for files found by the first scan are not held at all' });
