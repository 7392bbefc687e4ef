// What the transfers amount to, for whoever shows it or acts on it: whether Slate is busy (keep
// the machine awake, keep the window in the tray), how far along it is, whether it waits for
// Frame.io, and which jobs just ended. It also pauses for sleep and resumes after it, only what it
// paused itself. The desktop shell, its tray and the web agent ask here rather than keeping lists.
import { EventEmitter } from 'node:events';
import type { TransferEngine } from './engine.ts';
import { UNFINISHED_JOB_STATES, type JobSnapshot } from './types.ts';

export interface ActivitySummary {
  /** some job is queued or running */
  busy: boolean;
  /** jobs queued or running */
  active: number;
  /** jobs paused, by the person or for sleep */
  paused: number;
  /** bytes of the active jobs */
  bytesDone: number;
  bytesTotal: number;
  /** since when the oldest active job waits for Frame.io; null while none does */
  waitingSince: number | null;
}

export interface ActivityEvents {
  change: [ActivitySummary];
  /** a job that was under way came to an end: done, failed or cancelled */
  ended: [JobSnapshot];
}

export class TransferActivity extends EventEmitter<ActivityEvents> {
  private readonly engine: TransferEngine;
  private last: ActivitySummary;
  /** jobs seen unfinished, so an end is told once */
  private readonly underWay = new Set<string>();
  private readonly onJob = (job: JobSnapshot) => this.observe(job);

  constructor(engine: TransferEngine) {
    super();
    this.engine = engine;
    for (const job of engine.journal.jobs(UNFINISHED_JOB_STATES)) this.underWay.add(job.id);
    this.last = this.compute();
    engine.on('job', this.onJob);
  }

  summary(): ActivitySummary {
    return { ...this.last };
  }

  /** Stops every transfer at once before the computer sleeps (sockets do not survive it). */
  beforeSleep(): void {
    this.engine.pauseAll({ by: 'sleep', now: true });
  }

  /** Resumes what `beforeSleep` paused; jobs the person paused stay paused. */
  afterWake(): JobSnapshot[] {
    return this.engine.resumeAll('sleep');
  }

  close(): void {
    this.engine.off('job', this.onJob);
    this.removeAllListeners();
  }

  private observe(job: JobSnapshot): void {
    if (!finished(job)) this.underWay.add(job.id);
    else if (this.underWay.delete(job.id)) this.emit('ended', job);
    const next = this.compute();
    if (JSON.stringify(next) === JSON.stringify(this.last)) return;
    this.last = next;
    this.emit('change', this.summary());
  }

  private compute(): ActivitySummary {
    const jobs = this.engine.journal.jobs(UNFINISHED_JOB_STATES);
    const active = jobs.filter((job) => job.state === 'queued' || job.state === 'running');
    const waiting = active.map((job) => job.waitingSince).filter((since) => since !== null);
    return {
      busy: active.length > 0,
      active: active.length,
      paused: jobs.length - active.length,
      bytesDone: active.reduce((sum, job) => sum + job.bytesDone, 0),
      bytesTotal: active.reduce((sum, job) => sum + job.bytesTotal, 0),
      waitingSince: waiting.length > 0 ? Math.min(...waiting) : null,
    };
  }
}

function finished(job: JobSnapshot): boolean {
  return job.state === 'done' || job.state === 'failed' || job.state === 'cancelled';
}
