// Automatic updates through electron-updater, off unless the person (or their studio) sets a
// feed in Settings: Slate never phones home by default.
import { app } from 'electron';
import electronUpdater from 'electron-updater';

const CHECK_EVERY_MS = 6 * 60 * 60 * 1000;

export class Updates {
  private feed = '';
  private timer: NodeJS.Timeout | undefined;

  /** Follows the feed in Settings: starts, moves or stops checking as it changes. */
  apply(feed: string): void {
    if (feed === this.feed) return;
    this.feed = feed;
    clearInterval(this.timer);
    this.timer = undefined;
    // An unpackaged build has nothing to update.
    if (!feed || !app.isPackaged) return;
    const { autoUpdater } = electronUpdater;
    autoUpdater.setFeedURL({ provider: 'generic', url: feed });
    autoUpdater.autoInstallOnAppQuit = true;
    const check = () => void autoUpdater.checkForUpdatesAndNotify().catch((error: unknown) => console.error(`slate: update check failed: ${String(error)}`));
    check();
    this.timer = setInterval(check, CHECK_EVERY_MS);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
