// Runs transfer jobs to the end for a command: progress while they run, a line when they start
// waiting for Frame.io and one when they carry on, then a summary that names every file that did
// not make it and why, and the exit code (0 only when every file succeeded). With a give-up time,
// a wait for Frame.io longer than it stops the jobs (resumable) and fails the command.
import type { ConnectionState } from '../core/api/reachability.ts';
import type { JobSnapshot } from '../core/transfers/types.ts';
import { formatDuration } from './duration.ts';
import { reportProgress } from './progress-bar.ts';
import { EXIT, printJsonLine } from './output.ts';
import type { Session } from './session.ts';
import { exitCodeFor, onStopSignal, type StopSignal } from './stop-signals.ts';

const RESUME_HINT = 'Run the same command again, or `slate resume`, to continue where it left off.';

export interface RunOptions {
  /** how long to wait for Frame.io before giving up; undefined: wait as long as it takes */
  giveUpAfterMs?: number;
}

export async function runJobs(session: Session, jobs: JobSnapshot[], json: boolean, options: RunOptions = {}): Promise<number> {
  const { engine } = session;
  const stopReporting = reportProgress(engine, json);
  let gaveUp: ConnectionState | undefined;
  let giveUp: NodeJS.Timeout | undefined;
  const onConnection = (state: ConnectionState) => {
    clearTimeout(giveUp);
    if (json) printJsonLine({ type: 'connection', ...state });
    else if (state.reachable) console.error('slate: Frame.io answers again; carrying on.');
    else console.error(`slate: Frame.io cannot be reached (${state.message ?? 'no answer'}). Waiting; the ${jobs.every((job) => job.kind === 'download') ? 'download' : 'upload'} carries on by itself when it answers.`);
    if (state.reachable || options.giveUpAfterMs === undefined) return;
    giveUp = setTimeout(() => {
      gaveUp = engine.reachability.state();
      void engine.close();
    }, Math.max(0, state.since + options.giveUpAfterMs - Date.now()));
  };
  engine.reachability.on('change', onConnection);
  let stoppedBy: StopSignal | undefined;
  const stopListening = onStopSignal((signal) => {
    stoppedBy = signal;
    void engine.close();
  });
  let finished: JobSnapshot[];
  try {
    finished = await Promise.all(jobs.map((job) => engine.settled(job.id)));
  } finally {
    stopListening();
    engine.reachability.off('change', onConnection);
    clearTimeout(giveUp);
    stopReporting();
  }

  const failures = finished.flatMap((job) =>
    engine
      .files(job.id)
      .filter((f) => f.state === 'failed' || f.state === 'cancelled')
      .map((f) => ({ jobId: job.id, source: f.source, error: f.error ?? job.error ?? `not ${moved(job)}` })),
  );
  const ok = !stoppedBy && !gaveUp && finished.every((job) => job.state === 'done');
  const gaveUpMessage = gaveUp && `gave up after waiting ${formatDuration(options.giveUpAfterMs!)} for Frame.io, which cannot be reached (${gaveUp.message ?? 'no answer'}).`;
  if (json) {
    printJsonLine({ type: 'result', ok, jobs: finished, failures, ...(stoppedBy ? { stopped: stoppedBy } : {}), ...(gaveUpMessage ? { error: { message: gaveUpMessage, action: RESUME_HINT } } : {}) });
  } else {
    for (const job of finished) {
      const skipped = job.filesSkipped > 0 ? `, ${job.filesSkipped} skipped` : '';
      console.log(`${job.state === 'done' ? 'Done' : capitalize(job.state)}: ${job.filesDone} of ${job.filesTotal} files ${moved(job)}${skipped} (${job.label}). Job ${job.id}`);
      for (const file of engine.files(job.id).filter((f) => f.state === 'skipped')) console.log(`  skipped ${file.source}: ${file.error}`);
      if (job.state === 'failed' && job.error) console.error(`slate: ${job.error}`);
    }
    for (const failure of failures) console.error(`slate: ${failure.source}: ${failure.error}`);
    if (stoppedBy) console.error(`slate: stopped (${stoppedBy}). ${RESUME_HINT}`);
    if (gaveUpMessage) console.error(`slate: ${gaveUpMessage}\n       ${RESUME_HINT}`);
  }
  if (stoppedBy) return exitCodeFor(stoppedBy);
  if (gaveUp) return EXIT.failed;
  if (ok) return EXIT.ok;
  return finished.some((job) => /Sign in again/.test(job.error ?? '')) ? EXIT.auth : EXIT.failed;
}

function moved(job: JobSnapshot): string {
  return job.kind === 'download' ? 'downloaded' : 'uploaded';
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
