// The tray icon: aggregate progress in its tooltip, pause and resume, and the way back to the
// window when it is hidden while uploads or watches keep running.
import { Menu, nativeImage, Tray } from 'electron';
import { join } from 'node:path';
import type { ActivitySummary } from '../core/transfers/activity.ts';

const ICON = join(import.meta.dirname, '../../assets/icon.png');

export interface TrayActions {
  show(): void;
  pauseAll(): void;
  resumeAll(): void;
  quit(): void;
}

export class SlateTray {
  private readonly tray: Tray;
  private readonly actions: TrayActions;

  constructor(actions: TrayActions) {
    this.actions = actions;
    this.tray = new Tray(nativeImage.createFromPath(ICON).resize({ width: 18, height: 18 }));
    this.tray.on('click', () => actions.show());
  }

  update(activity: ActivitySummary): void {
    this.tray.setToolTip(tooltip(activity));
    this.tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Open Slate', click: () => this.actions.show() },
        { type: 'separator' },
        { label: 'Pause all uploads', enabled: activity.active > 0, click: () => this.actions.pauseAll() },
        { label: 'Resume uploads', enabled: activity.paused > 0, click: () => this.actions.resumeAll() },
        { type: 'separator' },
        { label: 'Quit Slate', click: () => this.actions.quit() },
      ]),
    );
  }

  destroy(): void {
    this.tray.destroy();
  }
}

function tooltip({ active, bytesDone, bytesTotal, waitingSince }: ActivitySummary): string {
  if (active === 0) return 'Slate — idle';
  if (waitingSince !== null) return `Slate — waiting for Frame.io · ${active} upload${active === 1 ? '' : 's'} will carry on when it answers`;
  return `Slate — uploading ${active} · ${bytesTotal > 0 ? Math.floor((bytesDone / bytesTotal) * 100) : 0}%`;
}
