// Shared by the upload benchmarks: a sandbox on loopback (in its own process, as Frame.io is
// another machine's), generated source files, a `slate` child process whose JSON lines and peak
// memory can be watched, and commands timed with the CPU their processes used.
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

export interface SandboxProcess {
  url: string;
  token: string;
  accountId: string;
  rootFolderId: string;
  pid: number;
  close(): Promise<void>;
}

/** `npm run sandbox` as a child process, with rate limits off; resolves once it prints its address. */
export function startSandboxProcess(dataDir: string, extraArgs: string[] = []): Promise<SandboxProcess> {
  const child = spawn(NODE, ['main/sandbox/cli.ts', '--seed', 'minimal', '--rate-limits', 'off', '--data', dataDir, ...extraArgs], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A benchmark that throws must not leave its sandbox serving.
  const orphan = () => child.kill('SIGTERM');
  process.once('exit', orphan);
  void exited.then(() => process.off('exit', orphan));
  return new Promise((resolve, reject) => {
    const values: Record<string, string> = {};
    let pending = '';
    child.once('exit', (code) => reject(new Error(`the sandbox exited with ${code} before it was ready`)));
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const match = /^SANDBOX_(\w+)=(.*)$/.exec(line);
        if (match) values[match[1]!] = match[2]!;
      }
      if (values.URL && values.TOKEN && values.ACCOUNT_ID && values.ROOT_FOLDER_ID) {
        child.stdout.removeAllListeners('data');
        child.stdout.resume();
        resolve({
          url: values.URL,
          token: values.TOKEN,
          accountId: values.ACCOUNT_ID,
          rootFolderId: values.ROOT_FOLDER_ID,
          pid: child.pid!,
          close: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
  });
}

/** CPU seconds (user + system) a running process has used so far, from /proc. */
export function processCpuSeconds(pid: number): number {
  // Fields after the command name, which is in parentheses and may itself hold spaces.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** The kernel's USER_HZ, which /proc counts CPU time in; 100 on every Linux Slate runs on. */
const CLOCK_TICKS = 100;

export interface TimedRun {
  status: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  /** user + system CPU of the command and everything it started, from the rusage the kernel keeps */
  cpuSeconds: number;
}

/**
 * Runs a command under bash, whose `times` reports the user and system CPU of the children it
 * waited for (and theirs, transitively): the rusage of the whole command, launchers included.
 */
export function runTimed(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<TimedRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('bash', ['-c', '"$@"; status=$?; times >&3; exit $status', 'bash', command, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let times = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdio[3]!.on('data', (chunk: Buffer) => (times += chunk.toString()));
    child.once('error', reject);
    child.once('close', (status) => {
      const seconds = (performance.now() - started) / 1000;
      // Second line: the children's user and system time, as "1m2.345s 0m0.678s".
      const children = times.trim().split('\n')[1] ?? '';
      const parts = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
      if (parts.length !== 2) return reject(new Error(`could not read the CPU time of ${command}: "${times}"`));
      resolve({ status, stdout, stderr, seconds, cpuSeconds: parts[0]! + parts[1]! });
    });
  });
}
