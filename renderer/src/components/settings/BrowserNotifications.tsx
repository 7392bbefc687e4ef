import { useBrowserNotices } from '../../store/browser-notices.ts';

const WHAT = 'when a job finishes or fails, or a file you follow gets a new comment, while this tab is in the background';

/** The browser's permission for Slate's notifications, asked for only when the person presses the button. */
export function BrowserNotifications({ wanted }: { wanted: boolean }) {
  const { permission, ask } = useBrowserNotices();
  return (
    <div className="browser-notices">
      <p className="muted" role="status">
        {permission === 'granted' && wanted && `Browser notifications are allowed: Slate shows one ${WHAT}.`}
        {permission === 'granted' && !wanted && 'Browser notifications are allowed but turned off: tick “Notify me when uploads finish or fail” to get them.'}
        {permission === 'default' && `Your browser asks once. Slate then shows a notification ${WHAT}.`}
        {permission === 'denied' && 'Your browser blocks notifications from this page. To allow them, open the site settings (the icon at the left of the address bar), set Notifications to Allow, and come back to this tab.'}
        {permission === 'unsupported' &&
          (window.isSecureContext
            ? 'This browser cannot show notifications from Slate.'
            : 'Browsers show notifications only for pages on https or on this computer’s own address (127.0.0.1). Open Slate that way to get them.')}
      </p>
      {permission === 'default' && (
        <button type="button" onClick={() => void ask()}>
          Allow browser notifications
        </button>
      )}
    </div>
  );
}
