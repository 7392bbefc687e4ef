// `slate resume [--json]`: finishes every job the journal holds unfinished (stopped, crashed, paused
// or failed), at part granularity, without creating any file twice.
import { parseArgs } from 'node:util';
import { runJobs } from '../run-jobs.ts';
import { openSession, runOptions, transferOptions } from '../session.ts';

export async function resume(args: string[], json: boolean): Promise<number> {
  const { values } = parseArgs({ args, options: transferOptions, strict: true });
  const run = runOptions(values);
  const session = await openSession(values);
  try {
    const unfinished = session.engine.jobs().filter((job) => ['queued', 'running', 'paused', 'failed'].includes(job.state));
    if (unfinished.length === 0) {
      console.log(json ? JSON.stringify({ type: 'result', ok: true, jobs: [], failures: [] }) : 'Nothing to resume: every job in the journal has finished.');
      return 0;
    }
    const jobs = unfinished.map((job) => session.engine.resume(job.id));
    return await runJobs(session, jobs, json, run);
  } finally {
    await session.close();
  }
}
