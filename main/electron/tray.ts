// The tray icon: aggregate progress in its tooltip, pause and resume, and the way back to the
// window when it is hidden while uploads or watches keep running.
import { Menu, nativeImage, Tray } from 'electron';
import { join } from 'node:path';
import type { TransferJob } from '../../preload/contract.ts';

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
    this.update([]);
  }

  update(jobs: TransferJob[]): void {
    const active = jobs.filter((job) => job.state === 'queued' || job.state === 'running');
    const paused = jobs.some((job) => job.state === 'paused');
    const total = active.reduce((sum, job) => sum + job.bytesTotal, 0);
    const done = active.reduce((sum, job) => sum + job.bytesDone, 0);
    this.tray.setToolTip(active.length === 0 ? 'Slate — idle' : `Slate — uploading ${active.length} · ${total > 0 ? Math.floor((done / total) * 100) : 0}%`);
    this.tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Open Slate', click: () => this.actions.show() },
        { type: 'separator' },
        { label: 'Pause all uploads', enabled: active.length > 0, click: () => this.actions.pauseAll() },
        { label: 'Resume uploads', enabled: paused, click: () => this.actions.resumeAll() },
        { type: 'separator' },
        { label: 'Quit Slate', click: () => this.actions.quit() },
      ]),
    );
  }

  destroy(): void {
    this.tray.destroy();
  }
}
