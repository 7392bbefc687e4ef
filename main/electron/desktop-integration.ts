// What the desktop adds around the service: notifications when jobs end, keeping the machine
// awake while transfers are under way, pausing for sleep and resuming after it, and start at
// login. What counts as busy, and what sleep pauses and wake resumes, is the service's
// activity's call; this file only connects it to Electron.
import { app, Notification, powerMonitor, powerSaveBlocker } from 'electron';
import type { Settings } from '../../preload/contract.ts';
import type { Service } from '../core/service.ts';
import type { ActivitySummary } from '../core/transfers/activity.ts';
import type { JobSnapshot } from '../core/transfers/types.ts';
import { Updates } from './updates.ts';

export function integrateDesktop(service: Service): () => void {
  const { handlers, activity } = service;
  let settings: Settings | undefined;
  let blocker: number | undefined;

  const keepAwake = ({ busy }: ActivitySummary) => {
    if (busy && blocker === undefined) blocker = powerSaveBlocker.start('prevent-app-suspension');
    if (!busy && blocker !== undefined) {
      powerSaveBlocker.stop(blocker);
      blocker = undefined;
    }
  };

  const notify = (job: JobSnapshot) => {
    if (!settings?.notifications || !Notification.isSupported()) return;
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
  keepAwake(activity.summary());
  activity.on('change', keepAwake);
  activity.on('ended', notify);
  const unsubscribe = [
    service.on('settings:changed', applySettings),
    service.on('comments:new', ({ comment }) => {
      if (settings?.notifications && Notification.isSupported()) new Notification({ title: 'New comment', body: `${comment.author ?? 'Someone'}: ${comment.text}` }).show();
    }),
  ];

  // Sockets do not survive sleep well: stop before it, and after it resume only what was stopped for it.
  const onSuspend = () => activity.beforeSleep();
  const onResume = () => void activity.afterWake();
  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('resume', onResume);

  return () => {
    for (const off of unsubscribe) off();
    activity.off('change', keepAwake);
    activity.off('ended', notify);
    powerMonitor.off('suspend', onSuspend);
    powerMonitor.off('resume', onResume);
    if (blocker !== undefined) powerSaveBlocker.stop(blocker);
    updates.stop();
  };
}
