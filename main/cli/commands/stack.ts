// `slate stack <file-id> <new-path> [--json]`: uploads a file as the newest version of an existing
// file, creating the version stack or adding to the one it is in (on a legacy V2 profile, through
// V2's version call).
import { parseArgs } from 'node:util';
import { UsageError } from '../output.ts';
import { runJobs } from '../run-jobs.ts';
import { openSession, runOptions, transferOptions } from '../session.ts';

export async function stack(args: string[], json: boolean): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: transferOptions, strict: true });
  const [fileId, path] = positionals;
  if (!fileId || !path || positionals.length !== 2) throw new UsageError('Usage: slate stack <file-id> <new-path>');
  const run = runOptions(values);
  const session = await openSession(values);
  try {
    const job = await session.engine.uploadVersion({ accountId: session.accountId, fileId, path });
    return await runJobs(session, [job], json, run);
  } finally {
    await session.close();
  }
}
