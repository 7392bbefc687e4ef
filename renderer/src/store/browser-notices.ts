// Browser notifications in the web agent's page: the permission as the browser holds it, asked for
// only when the person presses the button in Settings (never on load), and a notification for each
// event that calls for one, whose click brings the page forward on the job or file it is about.
import { create } from 'zustand';
import { commentNotice, jobNotices, type Notice, type NoticeConditions, type NoticePermission, type NoticeTarget } from '../lib/browser-notices.ts';
import { subscribe } from '../slate.ts';
import { useJobFocus } from './job-focus.ts';
import { useNavigation } from './navigation.ts';
import { useReview } from './review.ts';
import { useSession } from './session.ts';
import { useSettings } from './settings.ts';
import { useTransfers } from './transfers.ts';

interface BrowserNoticesState {
  permission: NoticePermission;
  ask(): Promise<void>;
  start(): () => void;
}

/** Set when the browser has the API but refuses to build a notification (some only allow them from a service worker). */
let constructorRefused = false;

/** Browsers offer notifications only to secure pages: https, or this computer's own addresses. */
const supported = () => typeof window.Notification === 'function' && window.isSecureContext && !constructorRefused;
const readPermission = (): NoticePermission => (supported() ? window.Notification.permission : 'unsupported');

export const useBrowserNotices = create<BrowserNoticesState>((set) => {
  const refresh = () => set({ permission: readPermission() });

  function show(notice: Notice): void {
    try {
      const shown = new window.Notification(notice.title, { body: notice.body, tag: notice.tag });
      shown.onclick = () => {
        window.focus();
        shown.close();
        void openTarget(notice.target);
      };
    } catch {
      constructorRefused = true;
      refresh();
    }
  }

  const conditions = (): NoticeConditions => ({
    inBrowser: useSession.getState().info?.shell === 'web',
    wanted: useSettings.getState().settings?.notifications ?? false,
    permission: readPermission(),
    attended: !document.hidden && document.hasFocus(),
  });

  return {
    permission: readPermission(),
    async ask() {
      if (!supported()) return refresh();
      set({ permission: await window.Notification.requestPermission() });
    },
    start() {
      // The person may allow or block the page in the browser's own site settings at any time.
      let status: PermissionStatus | undefined;
      void navigator.permissions
        ?.query({ name: 'notifications' })
        .then((permissionStatus) => {
          status = permissionStatus;
          status.addEventListener('change', refresh);
        })
        .catch(() => undefined);
      window.addEventListener('focus', refresh);
      const stops = [
        useTransfers.subscribe((state, previous) => {
          if (state.jobs !== previous.jobs) jobNotices(previous.jobs, state.jobs, conditions()).forEach(show);
        }),
        subscribe('comments:new', (event) => {
          const notice = commentNotice(event, conditions());
          if (notice) show(notice);
        }),
      ];
      return () => {
        stops.forEach((stop) => stop());
        status?.removeEventListener('change', refresh);
        window.removeEventListener('focus', refresh);
      };
    },
  };
});

async function openTarget(target: NoticeTarget): Promise<void> {
  if (target.kind === 'job') {
    useNavigation.getState().go('transfers');
    useJobFocus.getState().focus(target.jobId);
    return;
  }
  useNavigation.getState().go('projects');
  await useReview.getState().open(target.accountId, target.fileId);
}
