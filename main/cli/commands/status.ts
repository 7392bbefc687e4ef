// `slate status [--json]`: who Slate is signed in as, and the accounts it can reach.
import { backendConfigFromEnv, openBackend } from '../../backend.ts';
import { printJson } from '../output.ts';

export async function status(_args: string[], json: boolean): Promise<number> {
  const backend = await openBackend(backendConfigFromEnv(), 'web');
  try {
    const { handlers } = backend.service;
    const [info, me, accounts] = await Promise.all([handlers['app:info']({}), handlers['user:me']({}), handlers['accounts:list']({})]);
    if (json) {
      printJson({ ok: true, backend: info.backend, user: me, accounts });
    } else {
      const label = info.backend.kind === 'sandbox' ? `sandbox at ${info.backend.url} (not Frame.io)` : info.backend.url;
      console.log(`Signed in as ${me.name} <${me.email}> on ${label}`);
      for (const account of accounts) console.log(`  ${account.name}  ${account.id}  ${account.roles.join(', ')}`);
    }
    return 0;
  } finally {
    await backend.close();
  }
}
