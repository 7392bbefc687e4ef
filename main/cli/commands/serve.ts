// `slate serve [--port N] [--host H] [--sandbox] [--allow-root DIR]... [--allow-delete-after-upload]`:
// the web agent, serving the same UI as the desktop app to a browser. Without SLATE_API_URL (or with
// --sandbox) it runs against the embedded sandbox. Its watch folders may lie only under the roots
// allowed here (the home folder unless told), and delete what they uploaded only if allowed here.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { backendConfigFromEnv, openBackend, type BackendConfig } from '../../backend.ts';
import { defaultDataDir } from '../../core/db.ts';
import { startWebAgent } from '../../web/server.ts';
import { UsageError } from '../output.ts';
import { exitCodeFor, onStopSignal, type StopSignal } from '../stop-signals.ts';

export const rendererDir = fileURLToPath(new URL('../../../out/renderer', import.meta.url));

export async function serve(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      sandbox: { type: 'boolean', default: false },
      'api-url': { type: 'string' },
      token: { type: 'string' },
      'allow-root': { type: 'string', multiple: true, default: [] },
      'allow-delete-after-upload': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got "${values.port}"`);
  if (!existsSync(`${rendererDir}/index.html`)) {
    throw new Error('The app is not built yet. Run `npm run build` once, then `slate serve` again.');
  }
  const env = backendConfigFromEnv();
  const config: BackendConfig = values.sandbox ? { sandboxExchangeLog: env.sandboxExchangeLog } : { ...env, apiUrl: values['api-url'] ?? env.apiUrl, token: values.token ?? env.token };

  const backend = await openBackend(config, 'web', { allowRoots: values['allow-root'], allowDeleteAfterUpload: values['allow-delete-after-upload'] });
  // Dropped files wait here until uploaded; with the throwaway sandbox they are throwaway too.
  const stagingDir = backend.sandbox ? mkdtempSync(join(tmpdir(), 'slate-staging-')) : join(config.dataDir ?? defaultDataDir(), 'staging');
  const agent = await startWebAgent({ service: backend.service, engine: backend.engine, rendererDir, stagingDir, host: values.host, port });
  if (values.host !== '127.0.0.1' && values.host !== 'localhost') {
    console.error(`slate: serving on ${values.host}; anyone who can reach it and has the URL's key can use this agent.`);
    // On a wildcard bind the browser may use any of the machine's addresses; each works with the same key.
    for (const other of agent.origins.slice(1)) console.error(`slate: also at ${other}/?key=…`);
  }
  if (backend.sandbox) console.log(`Using the local sandbox (demo data, not Frame.io) at ${backend.sandbox.url}`);
  console.log(`SLATE_URL=${agent.url}`);

  const stoppedBy = await new Promise<StopSignal>((resolve) => onStopSignal(resolve));
  await agent.close();
  await backend.close();
  if (backend.sandbox) rmSync(stagingDir, { recursive: true, force: true });
  return exitCodeFor(stoppedBy);
}
