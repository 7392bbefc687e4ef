// A sandbox for tests whose every API exchange is checked against the vendored spec. `close()`
// fails the test if the sandbox sent anything the spec does not allow, or accepted a request the
// spec would reject.
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox, type SandboxExchange, type SandboxOptions } from '../../main/sandbox/server.ts';
import { specContract } from './contract.ts';
import { isV2Path } from '../../main/sandbox/v2/server.ts';

export interface CheckedSandbox extends Sandbox {
  exchanges: SandboxExchange[];
  problems: string[];
}

export function contractProblems(exchange: SandboxExchange): string[] {
  // Frame.io's legacy V2 paths (and their real-time part URLs) are outside the V4 spec; the V2
  // tests check those answers themselves.
  if (isV2Path(new URL(exchange.url, 'http://sandbox').pathname)) return [];
  if (!exchange.url.startsWith('/v4/')) return [];
  const contract = specContract();
  // A request the sandbox refused says nothing about the spec; one it accepted must be valid.
  const requestProblems = exchange.status < 400 ? contract.checkRequest(exchange) : [];
  return [...requestProblems, ...contract.checkResponse(exchange)];
}

export async function startCheckedSandbox(options: SandboxOptions = {}): Promise<CheckedSandbox> {
  const exchanges: SandboxExchange[] = [];
  const problems: string[] = [];
  const sandbox = await startSandbox({
    ...options,
    observe: (exchange) => {
      exchanges.push(exchange);
      problems.push(...contractProblems(exchange));
      options.observe?.(exchange);
    },
  });
  return {
    ...sandbox,
    exchanges,
    problems,
    async close() {
      await sandbox.close();
      assert.deepEqual(problems, [], 'the sandbox broke the spec');
    },
  };
}
