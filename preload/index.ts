// The whole preload: `window.slate`, passing only channels and events the contract names, plus
// the paths of files the person dropped or picked (Electron removed `File.path`; webUtils gives it).
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { isEventName, isRequestChannel, PATHS_CHOSEN_CHANNEL, type SlateApi } from './contract.ts';
import { rootOf } from './root-of.ts';

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
  async pathsForFiles(files, relativePaths) {
    const roots = new Set<string>();
    files.forEach((file, index) => {
      // Empty for a File made in script rather than by a drop or a picker: not the person's choice.
      const absolute = webUtils.getPathForFile(file);
      if (!absolute) return;
      // A file picked inside a folder stands for that top folder, so the upload keeps the
      // structure; when the page's claim about the folder does not hold, only the file itself.
      roots.add(rootOf(absolute, relativePaths[index] ?? '') ?? absolute);
    });
    const paths = [...roots];
    if (paths.length > 0) await ipcRenderer.invoke(PATHS_CHOSEN_CHANNEL, paths);
    return paths;
  },
};

contextBridge.exposeInMainWorld('slate', api);
