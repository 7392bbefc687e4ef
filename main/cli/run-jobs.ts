// Runs transfer jobs to the end for a command: progress while they run, then a summary that names
// every file that did not make it and why, and the exit code (0 only when every file succeeded).
import type { JobSnapshot } from '../core/transfers/types.ts';
import { reportProgress } from './progress-bar.ts';
import { EXIT, printJsonLine } from './output.ts';
import type { Session } from './session.ts';

const STOPPED = 130;

export async function runJobs(session: Session, jobs: JobSnapshot[], json: boolean): Promise<number> {
  const { engine } = session;
  const stopReporting = reportProgress(engine, json);
  let interrupted = false;
  const interrupt = () => {
    interrupted = true;
    void engine.close();
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  let finished: JobSnapshot[];
  try {
    finished = await Promise.all(jobs.map((job) => engine.settled(job.id)));
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    stopReporting();
  }

  const failures = finished.flatMap((job) =>
    engine
      .files(job.id)
      .filter((f) => f.state === 'failed' || f.state === 'cancelled')
      .map((f) => ({ jobId: job.id, source: f.source, error: f.error ?? job.error ?? 'not uploaded' })),
  );
  const ok = !interrupted && finished.every((job) => job.state === 'done');
  if (json) {
    printJsonLine({ type: 'result', ok, jobs: finished, failures });
  } else {
    for (const job of finished) {
      const skipped = job.filesSkipped > 0 ? `, ${job.filesSkipped} skipped` : '';
      console.log(`${job.state === 'done' ? 'Done' : capitalize(job.state)}: ${job.filesDone} of ${job.filesTotal} files uploaded${skipped} (${job.label}). Job ${job.id}`);
      for (const file of engine.files(job.id).filter((f) => f.state === 'skipped')) console.log(`  skipped ${file.source}: ${file.error}`);
      if (job.state === 'failed' && job.error) console.error(`slate: ${job.error}`);
    }
    for (const failure of failures) console.error(`slate: ${failure.source}: ${failure.error}`);
    if (interrupted) console.error('slate: stopped. Run the same command again, or `slate resume`, to continue where it left off.');
  }
  if (interrupted) return STOPPED;
  if (ok) return EXIT.ok;
  return finished.some((job) => /Sign in again/.test(job.error ?? '')) ? EXIT.auth : EXIT.failed;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
