import { useEffect, useState } from 'react';
import type { Watch, WatchDestination as Destination } from '../../../../preload/contract.ts';
import { call } from '../../slate.ts';
import { toProblem } from '../../store/problem.ts';

/**
 * Where the watch uploads, named as Frame.io names the folder now (it may have been renamed since),
 * with a link to it where Frame.io gives one (legacy V2 accounts do not). Read again whenever the watch is pointed elsewhere.
 */
export function WatchDestination({ watch }: { watch: Watch }) {
  const [shown, setShown] = useState<{ folderId: string; destination?: Destination; problem?: string }>();
  useEffect(() => {
    let current = true;
    call('watches:destination', { watchId: watch.id }).then(
      (destination) => current && setShown({ folderId: watch.folderId, destination }),
      (error: unknown) => {
        const problem = toProblem(error);
        if (current) setShown({ folderId: watch.folderId, problem: [problem.message, problem.action].filter(Boolean).join(' ') });
      },
    );
    return () => {
      current = false;
    };
  }, [watch.id, watch.folderId]);

  const here = shown?.folderId === watch.folderId ? shown : undefined;
  return (
    <p className="watch-destination" data-testid="watch-destination">
      Uploads into{' '}
      {here?.destination?.viewUrl ? (
        <a href={here.destination.viewUrl} target="_blank" rel="noreferrer" title="Open this folder in Frame.io">
          {here.destination.name}
        </a>
      ) : here?.destination ? (
        <span>{here.destination.name}</span>
      ) : here?.problem ? (
        <span>a Frame.io folder Slate cannot read now: {here.problem}</span>
      ) : (
        <span className="muted">…</span>
      )}
    </p>
  );
}
