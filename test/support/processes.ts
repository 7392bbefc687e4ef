// Child processes for tests: start a Slate command, wait for the line it prints, stop it for sure.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Running {
  child: ChildProcess;
  output(): string;
  /** the value of the first `NAME=value` line, waiting up to timeoutMs for it */
  waitFor(name: string, timeoutMs?: number): Promise<string>;
  stop(): Promise<number | null>;
}

/** A child gets its own data folder unless the test gives one, so no run sees another's journal. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Running {
  const ownDataDir = env.SLATE_DATA_DIR === undefined ? mkdtempSync(join(tmpdir(), 'slate-data-')) : undefined;
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, SLATE_DATA_DIR: ownDataDir, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  return {
    child,
    output: () => text,
    waitFor(name, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const pattern = new RegExp(`^${name}=(.+)$`, 'm');
        const timer = setTimeout(() => finish(new Error(`no ${name}= line within ${timeoutMs} ms; output:\n${text}`)), timeoutMs);
        const check = () => {
          const match = pattern.exec(text);
          if (match) finish(undefined, match[1]!.trim());
        };
        const onExit = (code: number | null) => finish(new Error(`exited with ${code} before printing ${name}=; output:\n${text}`));
        function finish(error?: Error, value?: string) {
          clearTimeout(timer);
          child.stdout!.off('data', check);
          child.off('exit', onExit);
          if (error) reject(error);
          else resolve(value!);
        }
        child.stdout!.on('data', check);
        child.once('exit', onExit);
        check();
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      const code = await exited;
      clearTimeout(timer);
      if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
      return code;
    },
  };
}

/** The project's pinned Node, which runs Slate's TypeScript directly. */
export const NODE = process.execPath;
