// A Frame.io outage for end-to-end tests: the sandbox in its own process (as Frame.io is), killed
// and started again on the same port, with the same data and token, as a real service comes back.
// Every exchange of every run is checked against the spec when the test closes it.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SandboxExchange } from '../../main/sandbox/server.ts';
import { NODE, run, type Running } from './processes.ts';
import { contractProblems } from './sandbox.ts';

export interface RestartableSandbox {
  url: string;
  token: string;
  /** every exchange of every run so far */
  exchanges(): SandboxExchange[];
  /** kills the sandbox's process, as a network or server outage looks to Slate */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** `args`: more `npm run sandbox` options, e.g. ['--part-size', '5242880', '--faults', 'latency:part=1500'] */
export async function startRestartableSandbox(args: string[] = []): Promise<RestartableSandbox> {
  const dir = mkdtempSync(join(tmpdir(), 'slate-outage-'));
  const log = join(dir, 'exchanges.jsonl');
  const launch = async (fixed: string[]) => {
    const child = run(NODE, ['main/sandbox/cli.ts', '--data', join(dir, 'data'), '--seed', 'demo', '--exchange-log', log, ...args, ...fixed]);
    return { child, url: await child.waitFor('SANDBOX_URL'), token: await child.waitFor('SANDBOX_TOKEN') };
  };
  const first = await launch([]);
  const port = new URL(first.url).port;
  let current: Running | undefined = first.child;
  const exchanges = (): SandboxExchange[] =>
    existsSync(log)
      ? readFileSync(log, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as SandboxExchange)
      : [];

  return {
    url: first.url,
    token: first.token,
    exchanges,
    async stop() {
      current?.child.kill('SIGKILL');
      await current?.stop();
      current = undefined;
    },
    async start() {
      current = (await launch(['--port', port, '--token', first.token])).child;
    },
    async close() {
      await current?.stop();
      current = undefined;
      const problems = exchanges().flatMap(contractProblems);
      rmSync(dir, { recursive: true, force: true });
      assert.deepEqual(problems, [], 'the sandbox broke the spec');
    },
  };
}
