// Shared by the upload benchmarks: a sandbox on loopback, generated source files, and a `slate`
// child process whose JSON lines and peak memory can be watched.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const NODE = process.execPath;

export function benchDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `slate-bench-${name}-`));
}

/** A file of `size` bytes of non-repeating content, written in 4 MiB blocks. */
export function generateFile(path: string, size: number): void {
  const fd = openSync(path, 'w');
  const block = Buffer.alloc(4 * 1024 * 1024);
  let seed = createHash('sha256').update(path).digest();
  for (let offset = 0; offset < size; offset += block.length) {
    for (let i = 0; i < block.length; i += 32) {
      seed.copy(block, i);
      seed[0] = (seed[0]! + 1) & 0xff;
      if (seed[0] === 0) seed = createHash('sha256').update(seed).digest();
    }
    writeSync(fd, block, 0, Math.min(block.length, size - offset));
  }
  closeSync(fd);
}

export function figure(name: string, value: number, unit: string, extra: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ figure: name, value: Math.round(value * 100) / 100, unit, ...extra }));
}

export interface SlateRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** peak resident set size in bytes, from the kernel's high-water mark */
  peakRss: number;
}

/** Runs `slate`, sampling its VmHWM; `killWhen` sees each JSON line and may ask for kill -9. */
export function runSlate(args: string[], env: NodeJS.ProcessEnv, killWhen?: (event: Record<string, unknown>) => boolean): Promise<SlateRun> {
  return new Promise((resolve) => {
    const child = spawn(NODE, ['bin/slate.js', ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    let pending = '';
    let peakRss = 0;
    const sample = () => {
      try {
        const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (match) peakRss = Math.max(peakRss, Number(match[1]) * 1024);
      } catch {
        // the process has gone
      }
    };
    const sampler = setInterval(sample, 50);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      if (killWhen && lines.some((l) => l.startsWith('{') && killWhen(JSON.parse(l) as Record<string, unknown>))) {
        sample();
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (status, signal) => {
      clearInterval(sampler);
      resolve({ status, signal, stdout, stderr, peakRss });
    });
  });
}
