// `slate status [--json]`: who Slate is signed in as, the accounts it can reach, and the transfer
// jobs in the journal.
import { backendConfigFromEnv, openBackend } from '../../backend.ts';
import { describeJob, journalJobs } from '../journal-jobs.ts';
import { printJson } from '../output.ts';

export async function status(_args: string[], json: boolean): Promise<number> {
  const backend = await openBackend(backendConfigFromEnv(), 'web');
  try {
    const { handlers } = backend.service;
    const [info, me, accounts] = await Promise.all([handlers['app:info']({}), handlers['user:me']({}), handlers['accounts:list']({})]);
    const jobs = journalJobs();
    if (json) {
      printJson({ ok: true, backend: info.backend, user: me, accounts, jobs });
    } else {
      const label = info.backend.kind === 'sandbox' ? `sandbox at ${info.backend.url} (not Frame.io)` : info.backend.url;
      console.log(`Signed in as ${me.name} <${me.email}> on ${label}`);
      for (const account of accounts) console.log(`  ${account.name}  ${account.id}  ${account.roles.join(', ')}`);
      console.log(jobs.length === 0 ? 'No transfer jobs in the journal.' : 'Transfer jobs (newest first):');
      for (const job of jobs) console.log(`  ${describeJob(job)}`);
    }
    return 0;
  } finally {
    await backend.close();
  }
}
