import type { ChosenPaths } from '../chosen-paths.ts';
import { Refusal } from '../errors.ts';
import { checkDestination, type RememberedDestination } from '../transfers/download/destination.ts';
import type { TransferEngine } from '../transfers/engine.ts';
import type { WatchPolicy } from '../watch/policy.ts';
import type { HandlerGroup } from './types.ts';

/** Where downloads may go: the shell's policy for local folders, and the folder the last one went to. */
export interface DownloadPlaces {
  policy: WatchPolicy;
  remembered: RememberedDestination;
}

// The engine's snapshots already have the contract's shape; the contract drops the extra fields.
export function transferHandlers(engine: TransferEngine, chosen: ChosenPaths, places: DownloadPlaces): HandlerGroup<'transfers'> {
  const job = (jobId: string) => {
    const snapshot = engine.job(jobId);
    if (!snapshot) throw new Refusal('transfers:no-such-job', `There is no transfer ${jobId}; it may have been cleared.`, 'Look in Transfers for the job, or start the upload again.');
    return snapshot;
  };
  const requireChosen = (paths: string[]) => {
    const refused = paths.find((path) => !chosen.allows(path));
    if (refused) throw new Refusal('transfers:not-chosen', `Slate only uploads files you dropped or picked, and "${refused}" was neither.`, 'Drop it here or pick it with Upload.');
  };

  return {
    'transfers:list': async () => engine.jobs(),
    'transfers:files': async ({ jobId }) => engine.files(jobId),
    'transfers:filePage': async ({ jobId, offset, limit }) => ({ total: job(jobId).filesTotal, offset, files: engine.filePage(jobId, offset, limit) }),
    'transfers:upload': async ({ accountId, folderId, paths, conflict }) => {
      requireChosen(paths);
      return engine.upload({ accountId, folderId, paths, conflict });
    },
    'transfers:remote': ({ accountId, folderId, url, name }) => engine.remoteUpload({ accountId, folderId, url, name }),
    'transfers:version': async ({ accountId, fileId, path }) => {
      requireChosen([path]);
      return engine.uploadVersion({ accountId, fileId, path });
    },
    'transfers:download': async ({ accountId, assetIds, to, conflict, allVersions }) => {
      await checkDestination(places.policy, to, places.remembered.get());
      places.remembered.set(to);
      const jobs = [];
      for (const assetId of new Set(assetIds)) jobs.push(await engine.download({ accountId, assetId, to, conflict, allVersions }));
      return jobs;
    },
    'transfers:downloadFolder': async () => {
      const folder = places.remembered.get();
      // A folder since removed (or a drive unplugged) is not offered: the person picks again.
      const there = folder !== undefined && (await checkDestination(places.policy, folder, folder).then(() => true, () => false));
      return { path: there ? folder : null };
    },
    'transfers:pause': async ({ jobId, now }) => {
      engine.pause(jobId, { now });
      return job(jobId);
    },
    'transfers:connection': async () => engine.reachability.state(),
    'transfers:resume': async ({ jobId }) => engine.resume(jobId),
    'transfers:cancel': ({ jobId }) => engine.cancel(jobId),
    'transfers:priority': async ({ jobId, priority }) => {
      engine.setPriority(jobId, priority);
      return job(jobId);
    },
    'transfers:pauseAll': async () => {
      engine.pauseAll();
      return engine.jobs();
    },
    'transfers:resumeAll': async () => engine.resumeAll(),
  };
}
