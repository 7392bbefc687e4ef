// `slate status [--json]`: who Slate is signed in as, the accounts it can reach, and the transfer
// jobs in the journal. It only looks: no data lock, no resuming, no watches, so it answers while an
// upload, a watch or `slate serve` works in the same data folder.
import { parseArgs } from 'node:util';
import type { Account, AppInfo, Profile } from '../../../preload/contract.ts';
import { backendConfigFromEnv, backendOf, openBackend, slateVersion, type BackendConfig } from '../../backend.ts';
import { chooseConnection } from '../../core/api/auth/connection.ts';
import { FrameioClient } from '../../core/api/client.ts';
import { defaultDataDir } from '../../core/db.ts';
import { sessionHandlers } from '../../core/handlers/session.ts';
import { describeJob, journalJobs } from '../journal-jobs.ts';
import { printJson } from '../output.ts';
import { legacyApi } from '../session.ts';

interface WhoAndWhere {
  backend: AppInfo['backend'];
  user: Profile;
  accounts: Account[];
}

export async function status(args: string[], json: boolean): Promise<number> {
  parseArgs({ args, options: {}, strict: true });
  const config = backendConfigFromEnv();
  const { backend, user, accounts } = await whoAndWhere(config);
  const { jobs, unreadable } = journalJobs(config.dataDir ?? defaultDataDir());
  if (json) {
    printJson({ ok: true, backend, user, accounts, jobs, ...(unreadable ? { journal: unreadable } : {}) });
    return 0;
  }
  const label = backend.kind === 'sandbox' ? `sandbox at ${backend.url} (not Frame.io)` : backend.url;
  console.log(`Signed in as ${user.name} <${user.email}> on ${label}`);
  for (const account of accounts) console.log(`  ${account.name}  ${account.id}  ${account.api === 'v2' ? 'Legacy (V2)' : account.roles.join(', ')}`);
  if (unreadable) console.log(unreadable);
  else console.log(jobs.length === 0 ? 'No transfer jobs in the journal.' : 'Transfer jobs (newest first):');
  for (const job of jobs) console.log(`  ${describeJob(job)}`);
  return 0;
}

async function whoAndWhere(config: BackendConfig): Promise<WhoAndWhere> {
  const env = process.env;
  const connection = chooseConnection({ apiUrl: config.apiUrl, token: config.token, legacy: env.SLATE_TOKEN_KIND === 'legacy', vault: config.signIn?.vault });
  if (connection) {
    const info: AppInfo = { name: 'Slate', version: slateVersion, backend: backendOf(connection.apiUrl), shell: 'web' };
    // A legacy (V2) profile is asked through V2: its token would not answer V4.
    const legacy = connection.api === 'v2' ? { v2: legacyApi(connection), inUse: () => connection.api } : undefined;
    const handlers = sessionHandlers(new FrameioClient({ baseUrl: connection.apiUrl, tokens: connection.tokens, userAgent: `Slate/${slateVersion}` }), info, undefined, () => {}, legacy);
    const [user, accounts] = await Promise.all([handlers['user:me']({}), handlers['accounts:list']({})]);
    return { backend: info.backend, user, accounts };
  }
  // Not signed in: the embedded demo sandbox, which starts afresh and takes no lock (or, for a
  // SLATE_API_URL without a token, the refusal that says so).
  const backend = await openBackend(config, 'web');
  try {
    const { handlers } = backend.service;
    const [info, user, accounts] = await Promise.all([handlers['app:info']({}), handlers['user:me']({}), handlers['accounts:list']({})]);
    return { backend: info.backend, user, accounts };
  } finally {
    await backend.close();
  }
}
