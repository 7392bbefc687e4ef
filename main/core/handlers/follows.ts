import type { FollowManager } from '../sync/manager.ts';
import { checkDestination } from '../transfers/download/destination.ts';
import type { WatchPolicy } from '../watch/policy.ts';
import type { HandlerGroup } from './types.ts';

/**
 * A follow writes into its local folder for as long as it runs, so that folder is held to the
 * rules of any download's destination (transfers/download/destination.ts): picked in the desktop's
 * dialog, under the agent's allowed roots, never the data folder or a hidden folder of the home.
 */
export function followHandlers(manager: FollowManager, policy: WatchPolicy): HandlerGroup<'follows'> {
  return {
    'follows:list': async () => manager.list(),
    'follows:add': async ({ accountId, folderId, dir, settings }) => {
      await checkDestination(policy, dir, undefined);
      return manager.add({ accountId, folderId, dir, ...settings });
    },
    'follows:update': ({ followId, settings }) => manager.update(followId, settings),
    'follows:pause': ({ followId }) => manager.pause(followId),
    'follows:resume': ({ followId }) => manager.resume(followId),
    'follows:lookNow': ({ followId }) => manager.lookNow(followId),
    'follows:remove': async ({ followId }) => {
      await manager.remove(followId);
      return { removed: true as const };
    },
  };
}
