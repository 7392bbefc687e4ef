// `slate upload <file> --to <folder-id> --live [--stable SECONDS]`: a file still being written (a
// render, a recording) uploaded as it grows through Frame.io V2's real-time upload, finished once
// it has not changed for the stability window. Where that cannot be (a V4 account, a file that
// shrank or whose sent bytes were rewritten), the file is uploaded the ordinary way once it has
// settled, and the command says why. It is a job like any other (the engine's live job): progress,
// --bwlimit, and a kill that the same command resumes.
import type { LiveJobEvent } from '../../core/transfers/live/live-job.ts';
import type { ConflictPolicy } from '../../core/transfers/types.ts';
import { printJsonLine } from '../output.ts';
import { runJobs, type RunOptions } from '../run-jobs.ts';
import type { Session } from '../session.ts';

export interface LiveRequest {
  path: string;
  folderId: string;
  stableMs: number;
  conflict: ConflictPolicy;
  priority: number;
  json: boolean;
  run: RunOptions;
}

export async function uploadLive(session: Session, request: LiveRequest): Promise<number> {
  const { engine } = session;
  // Listening first: the job may say something before it is handed back. It is this command's only job.
  const onLive = ({ event }: { event: LiveJobEvent }) => {
    if (request.json) printJsonLine(event);
    else console.error(`slate: ${describe(event)}`);
  };
  engine.on('live', onLive);
  try {
    const job = await engine.uploadLive({ accountId: session.accountId, folderId: request.folderId, path: request.path, stableMs: request.stableMs, conflict: request.conflict, priority: request.priority });
    return await runJobs(session, [job], request.json, request.run);
  } finally {
    engine.off('live', onLive);
  }
}

function describe(event: LiveJobEvent): string {
  switch (event.type) {
    case 'live-started':
      return event.resumedParts > 0 ? `carrying on with ${event.name} (asset ${event.assetId}) after ${event.resumedParts} parts already sent` : `uploading ${event.name} as it is written (asset ${event.assetId})`;
    case 'live-part':
      return `${event.final ? 'final part' : 'part'} ${event.number} sent (${event.size} bytes from byte ${event.offset})`;
    case 'live-complete':
      return `${event.size} bytes in Frame.io, complete`;
    case 'live-restart':
      return `${event.reason}.`;
  }
}
