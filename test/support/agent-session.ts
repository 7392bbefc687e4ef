// What most end-to-end tests start from: a contract-checked demo sandbox, `slate serve` against
// it, and a chromium page signed in through the agent's URL, plus a scratch folder for the
// test's own files (the agent's data folder lives inside it).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { NODE, ROOT, run, type Running } from './processes.ts';
import type { SandboxOptions } from '../../main/sandbox/server.ts';
import { startCheckedSandbox, type CheckedSandbox } from './sandbox.ts';

export interface AgentSession {
  browser: Browser;
  sandbox: CheckedSandbox;
  agent: Running;
  page: Page;
  work: string;
  close(): Promise<void>;
}

/**
 * `sandbox` options go to the demo sandbox, e.g. media links without CORS headers. `legacy`: the
 * agent runs on a legacy (V2) profile, as `slate login --token - --api v2` stores it, not on SLATE_TOKEN.
 */
export async function openAgentSession(context: BrowserContextOptions = {}, sandboxOptions: SandboxOptions = {}, { legacy = false } = {}): Promise<AgentSession> {
  const work = mkdtempSync(join(tmpdir(), 'slate-e2e-'));
  const browser = await launchChromium();
  const sandbox = await startCheckedSandbox({ seed: 'demo', ...sandboxOptions });
  const env = { SLATE_API_URL: sandbox.url, SLATE_TOKEN: legacy ? '' : sandbox.token, SLATE_DATA_DIR: join(work, 'data') };
  if (legacy) await signInLegacy(sandbox.token, env);
  const agent = run(NODE, ['bin/slate.js', 'serve', '--allow-root', work, '--allow-delete-after-upload'], env);
  const page = await (await browser.newContext(context)).newPage();
  await page.goto(await agent.waitFor('SLATE_URL'));
  return {
    browser,
    sandbox,
    agent,
    page,
    work,
    async close() {
      await browser.close();
      await agent.stop();
      await sandbox.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

function signInLegacy(token: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const login = execFile(NODE, ['bin/slate.js', 'login', '--token', '-', '--api', 'v2'], { cwd: ROOT, env: { ...process.env, ...env } }, (error, _out, stderr) =>
      error ? reject(new Error(`slate login --api v2 failed: ${stderr}`)) : resolve(),
    );
    login.stdin!.end(`${token}\n`);
  });
}
