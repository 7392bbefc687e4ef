import { stat } from 'node:fs/promises';
import type { ChosenPaths } from '../chosen-paths.ts';
import type { WatchManager } from '../watch/manager.ts';
import { checkAfterUpload, checkWatch, type WatchPolicy } from '../watch/policy.ts';
import type { HandlerGroup } from './types.ts';
import { Refusal } from '../errors.ts';

export interface FolderPicker {
  /** Asks the person for a folder to watch or to download into; undefined when they cancel. */
  (purpose: 'watch' | 'download'): Promise<string | undefined>;
}

/**
 * Which folders may be watched is the policy's (watch/policy.ts), given by the shell: on the
 * desktop a folder picked in the system dialog; in the browser one the agent's operator allowed,
 * named by its path on the agent's machine, which no dialog could show them.
 */
export function watchHandlers(manager: WatchManager, chosen: ChosenPaths, policy: WatchPolicy, pickFolder: FolderPicker | undefined): HandlerGroup<'watches' | 'dialog'> {
  return {
    'watches:list': async () => manager.list(),
    'watches:add': async ({ accountId, folderId, dir, settings }) => {
      await checkWatch(policy, dir, settings);
      const info = await stat(dir).catch(() => undefined);
      if (!info?.isDirectory()) throw new Refusal('watches:no-folder', `"${dir}" is not a folder Slate can open.`, 'Check the path and that the drive is connected.');
      return manager.ensure({ dir, accountId, folderId, settings });
    },
    'watches:update': ({ watchId, settings, folderId }) => {
      checkAfterUpload(policy, settings);
      return manager.update(watchId, settings, folderId);
    },
    'watches:destination': ({ watchId }) => manager.destination(watchId),
    'watches:pause': ({ watchId }) => manager.pause(watchId),
    'watches:resume': ({ watchId }) => manager.resume(watchId),
    'watches:lookNow': ({ watchId }) => manager.lookNow(watchId),
    'watches:remove': async ({ watchId }) => {
      await manager.remove(watchId);
      return { removed: true as const };
    },
    'watches:files': async ({ watchId }) => manager.files(watchId),
    'dialog:pickFolder': async ({ purpose }) => {
      if (!pickFolder) throw new Refusal('watches:no-picker', 'There is no folder picker in the browser.', 'Type the path of a folder on the agent’s machine.');
      const path = await pickFolder(purpose ?? 'watch');
      if (path) chosen.add([path]);
      return { path: path ?? null };
    },
  };
}
