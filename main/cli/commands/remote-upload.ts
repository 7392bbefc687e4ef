// `slate remote-upload <url> --to <folder-id> [--name N] [--json]`: Frame.io fetches the URL itself.
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../output.ts';
import { runJobs } from '../run-jobs.ts';
import { openSession, runOptions, transferOptions } from '../session.ts';

export async function remoteUpload(args: string[], json: boolean): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...transferOptions, to: { type: 'string' }, name: { type: 'string' } }, strict: true });
  const [url] = positionals;
  if (!url || positionals.length > 1) throw new UsageError('Give exactly one URL to fetch.');
  if (!/^https?:\/\//i.test(url)) throw new UsageError(`"${url}" is not an http(s) URL.`);
  if (!values.to) throw new UsageError('Say where the file goes with --to <folder-id>.');
  const name = values.name ?? decodeURIComponent(basename(new URL(url).pathname));
  if (!name) throw new UsageError('The URL names no file; give one with --name.');

  const run = runOptions(values);
  const session = await openSession(values);
  try {
    const job = await session.engine.remoteUpload({ accountId: session.accountId, folderId: values.to, url, name });
    return await runJobs(session, [job], json, run);
  } finally {
    await session.close();
  }
}
