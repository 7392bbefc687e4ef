// Wires every contract channel to the service. Each call is checked to come from one of Slate's own
// windows showing Slate's own page, and its payload is validated by the dispatcher.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { PATHS_CHOSEN_CHANNEL, PathsChosenSchema, requestChannels } from '../../preload/contract.ts';
import { dispatch } from '../core/dispatch.ts';
import type { Service } from '../core/service.ts';
import { isTrustedSender } from './policy.ts';

export function wireIpc(service: Service, appUrl: () => string, windows: () => BrowserWindow[]): () => void {
  const trusted = (event: IpcMainInvokeEvent) =>
    isTrustedSender({ senderId: event.sender.id, frameUrl: event.senderFrame?.url ?? null }, windows().map((w) => w.webContents.id), appUrl());

  for (const channel of requestChannels) {
    ipcMain.handle(channel, (event, input: unknown) => {
      if (!trusted(event)) return { ok: false, error: { code: 'untrusted-sender', message: 'Request refused: it did not come from Slate.' } };
      return dispatch(service, channel, input);
    });
  }
  ipcMain.handle(PATHS_CHOSEN_CHANNEL, (event, paths: unknown) => {
    const parsed = PathsChosenSchema.safeParse(paths);
    if (trusted(event) && parsed.success) service.choosePaths(parsed.data);
  });
  const unsubscribe = service.subscribe((event, payload) => {
    for (const window of windows()) window.webContents.send(event, payload);
  });
  return () => {
    unsubscribe();
    for (const channel of [...requestChannels, PATHS_CHOSEN_CHANNEL]) ipcMain.removeHandler(channel);
  };
}
