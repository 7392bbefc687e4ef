// Wires every contract channel to the service. Each call is checked to come from one of Slate's own
// windows showing Slate's own page, and its payload is validated by the dispatcher. What only the
// desktop can finish (a drag out of the window) follows the service's answer, in the calling window.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { PATHS_CHOSEN_CHANNEL, PathsChosenSchema, requestChannels, type RequestChannel, type RequestOutput } from '../../preload/contract.ts';
import { dispatch, toFailure } from '../core/dispatch.ts';
import type { Service } from '../core/service.ts';
import { isTrustedSender } from './policy.ts';

export type AfterReply = { [C in RequestChannel]?: (sender: WebContents, value: RequestOutput<C>) => Promise<void> };

export function wireIpc(service: Service, appUrl: () => string, windows: () => BrowserWindow[], after: AfterReply = {}): () => void {
  const trusted = (event: IpcMainInvokeEvent) =>
    isTrustedSender({ senderId: event.sender.id, frameUrl: event.senderFrame?.url ?? null }, windows().map((w) => w.webContents.id), appUrl());

  for (const channel of requestChannels) {
    ipcMain.handle(channel, async (event, input: unknown) => {
      if (!trusted(event)) return { ok: false, error: { code: 'untrusted-sender', message: 'Request refused: it did not come from Slate.' } };
      const reply = await dispatch(service, channel, input);
      const finish = after[channel] as ((sender: WebContents, value: unknown) => Promise<void>) | undefined;
      if (!reply.ok || !finish) return reply;
      return finish(event.sender, reply.value).then(
        () => reply,
        (error: unknown) => ({ ok: false, error: toFailure(error) }),
      );
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
