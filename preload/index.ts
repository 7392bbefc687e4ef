// The whole preload: `window.slate`, passing only channels and events the contract names.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isEventName, isRequestChannel, type SlateApi } from './contract.ts';

const api: SlateApi = {
  invoke(channel, input) {
    if (!isRequestChannel(channel)) return Promise.reject(new Error(`Unknown request: ${String(channel)}`));
    return ipcRenderer.invoke(channel, input);
  },
  on(event, listener) {
    if (!isEventName(event)) throw new Error(`Unknown event: ${String(event)}`);
    const forward = (_: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, forward);
    return () => ipcRenderer.off(event, forward);
  },
};

contextBridge.exposeInMainWorld('slate', api);
