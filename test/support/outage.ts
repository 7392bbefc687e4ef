// A Frame.io outage for end-to-end tests: a contract-checked sandbox that can be stopped and
// started again on the same port, with the same data and token, as a real service comes back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SandboxOptions } from '../../main/sandbox/server.ts';
import { startCheckedSandbox, type CheckedSandbox } from './sandbox.ts';

export interface RestartableSandbox {
  url: string;
  token: string;
  /** the sandbox running now, or the last one when stopped */
  current: CheckedSandbox;
  /** every exchange of every run so far */
  exchanges(): CheckedSandbox['exchanges'];
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startRestartableSandbox(options: SandboxOptions = {}): Promise<RestartableSandbox> {
  const dataDir = mkdtempSync(join(tmpdir(), 'slate-outage-'));
  const first = await startCheckedSandbox({ ...options, dataDir });
  const port = Number(new URL(first.url).port);
  const runs = [first];
  let running = true;
  return {
    url: first.url,
    token: first.token,
    get current() {
      return runs.at(-1)!;
    },
    exchanges: () => runs.flatMap((run) => run.exchanges),
    async stop() {
      running = false;
      await runs.at(-1)!.close();
    },
    async start() {
      runs.push(await startCheckedSandbox({ ...options, dataDir, port, token: first.token }));
      running = true;
    },
    async close() {
      if (running) await runs.at(-1)!.close();
      running = false;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
