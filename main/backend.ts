// Chooses what Slate talks to: Frame.io (or any V4 server) when a URL and token are configured,
// otherwise the embedded sandbox seeded with demo data, clearly labelled as not Frame.io.
import packageJson from '../package.json' with { type: 'json' };
import { FrameioClient, staticToken } from './core/api/client.ts';
import { createService, type Service } from './core/service.ts';
import { startSandbox, type Sandbox } from './sandbox/server.ts';

export interface BackendConfig {
  apiUrl?: string;
  token?: string;
  /** where the embedded sandbox logs its exchanges (SLATE_SANDBOX_EXCHANGE_LOG) */
  sandboxExchangeLog?: string;
}

export interface Backend {
  service: Service;
  sandbox: Sandbox | undefined;
  close(): Promise<void>;
}

export const slateVersion: string = packageJson.version;

/** Reads SLATE_API_URL and SLATE_TOKEN; flags given on a command line win over them. */
export function backendConfigFromEnv(env: NodeJS.ProcessEnv = process.env): BackendConfig {
  return {
    apiUrl: env.SLATE_API_URL || undefined,
    token: env.SLATE_TOKEN || undefined,
    sandboxExchangeLog: env.SLATE_SANDBOX_EXCHANGE_LOG || undefined,
  };
}

export async function openBackend(config: BackendConfig, shell: 'desktop' | 'web'): Promise<Backend> {
  if (config.apiUrl && !config.token) {
    throw new Error(`No token for ${config.apiUrl}: set SLATE_TOKEN or pass --token.`);
  }
  const sandbox = config.apiUrl ? undefined : await startSandbox({ seed: 'demo', exchangeLog: config.sandboxExchangeLog });
  const apiUrl = config.apiUrl ?? sandbox!.url;
  const api = new FrameioClient({ baseUrl: apiUrl, tokens: staticToken(config.token ?? sandbox!.token), userAgent: `Slate/${slateVersion}` });
  const service = createService({
    api,
    // Anything that is not Frame.io itself is labelled a sandbox, so nobody mistakes test data for real work.
    backend: { kind: new URL(apiUrl).hostname.endsWith('frame.io') ? 'frameio' : 'sandbox', url: apiUrl },
    shell,
    version: slateVersion,
  });
  return {
    service,
    sandbox,
    async close() {
      await service.close();
      await sandbox?.close();
    },
  };
}
