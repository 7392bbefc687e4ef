// What the desktop adds around the service: notifications when jobs end, keeping the machine
// awake while bytes move, pausing for sleep and resuming after it, and start at login.
import { app, Notification, powerMonitor, powerSaveBlocker } from 'electron';
import type { EventPayload, Settings, TransferJob } from '../../preload/contract.ts';
import type { Service } from '../core/service.ts';
import { Updates } from './updates.ts';

export function integrateDesktop(service: Service, onJobs: (jobs: TransferJob[]) => void): () => void {
  const { handlers } = service;
  const jobs = new Map<string, TransferJob>();
  let settings: Settings | undefined;
  let blocker: number | undefined;
  let pausedForSleep = false;

  const keepAwake = () => {
    const busy = [...jobs.values()].some((job) => job.state === 'running' || job.state === 'queued');
    if (busy && blocker === undefined) blocker = powerSaveBlocker.start('prevent-app-suspension');
    if (!busy && blocker !== undefined) {
      powerSaveBlocker.stop(blocker);
      blocker = undefined;
    }
  };

  const notify = (previous: TransferJob | undefined, job: TransferJob) => {
    if (!settings?.notifications || !Notification.isSupported() || previous?.state === job.state) return;
    if (job.state === 'done') {
      const failed = job.filesFailed > 0 ? `, ${job.filesFailed} failed` : '';
      new Notification({ title: 'Upload finished', body: `${job.label}: ${job.filesDone} of ${job.filesTotal} files${failed}.` }).show();
    } else if (job.state === 'failed') {
      new Notification({ title: 'Upload failed', body: `${job.label}: ${job.error ?? 'open Slate to see why.'}` }).show();
    }
  };

  const updates = new Updates();
  const applySettings = (next: Settings) => {
    settings = next;
    if (app.getLoginItemSettings().openAtLogin !== next.startAtLogin) app.setLoginItemSettings({ openAtLogin: next.startAtLogin });
    updates.apply(next.updateFeed);
  };

  void handlers['settings:get']({}).then(({ settings: initial }) => applySettings(initial));
  void handlers['transfers:list']({}).then((all) => {
    for (const job of all) jobs.set(job.id, job);
    onJobs([...jobs.values()]);
    keepAwake();
  });

  const unsubscribe = service.subscribe((event, payload) => {
    if (event === 'settings:changed') applySettings(payload as Settings);
    if (event === 'comments:new' && settings?.notifications && Notification.isSupported()) {
      const { comment } = payload as EventPayload<'comments:new'>;
      new Notification({ title: 'New comment', body: `${comment.author ?? 'Someone'}: ${comment.text}` }).show();
    }
    if (event !== 'transfers:job') return;
    const job = payload as TransferJob;
    notify(jobs.get(job.id), job);
    jobs.set(job.id, job);
    onJobs([...jobs.values()]);
    keepAwake();
  });

  // Sockets do not survive sleep well: stop cleanly before it and pick up where we were after.
  const onSuspend = () => {
    pausedForSleep = [...jobs.values()].some((job) => job.state === 'running' || job.state === 'queued');
    if (pausedForSleep) void handlers['transfers:pauseAll']({});
  };
  const onResume = () => {
    if (pausedForSleep) void handlers['transfers:resumeAll']({});
    pausedForSleep = false;
  };
  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('resume', onResume);

  return () => {
    unsubscribe();
    powerMonitor.off('suspend', onSuspend);
    powerMonitor.off('resume', onResume);
    if (blocker !== undefined) powerSaveBlocker.stop(blocker);
    updates.stop();
  };
}

/** Whether closing the window should hide it to the tray instead of quitting. */
export function hasWorkInFlight(jobs: TransferJob[]): boolean {
  return jobs.some((job) => job.state === 'running' || job.state === 'queued');
}
