// `slate upload <file> --to <folder-id> --live [--stable SECONDS]`: a file still being written (a
// render, a recording) uploaded as it grows through Frame.io V2's real-time upload, finished once
// it has not changed for the stability window. Where that cannot be (a V4 account, a file that
// shrank or whose sent bytes were rewritten), the file is uploaded the ordinary way once it has
// settled, and the command says why.
import { systemClock } from '../../core/api/clock.ts';
import { GrowingFile } from '../../core/transfers/live/growing-file.ts';
import { liveUpload, type LiveEvent } from '../../core/transfers/live/live-upload.ts';
import type { ConflictPolicy } from '../../core/transfers/types.ts';
import { EXIT, printJsonLine } from '../output.ts';
import { runJobs, type RunOptions } from '../run-jobs.ts';
import { connection, legacyApi, type Session } from '../session.ts';
import { exitCodeFor, onStopSignal, type StopSignal } from '../stop-signals.ts';

const POLL_MS = 250;

export interface LiveRequest {
  path: string;
  folderId: string;
  stableMs: number;
  conflict: ConflictPolicy;
  priority: number;
  json: boolean;
  run: RunOptions;
}

export async function uploadLive(session: Session, flags: Parameters<typeof connection>[0], request: LiveRequest): Promise<number> {
  const say = (event: Record<string, unknown>, words: string) => (request.json ? printJsonLine(event) : console.error(`slate: ${words}`));
  const stop = new AbortController();
  let stoppedBy: StopSignal | undefined;
  const stopListening = onStopSignal((signal) => {
    stoppedBy = signal;
    stop.abort();
  });
  try {
    let reason: string;
    if (session.apiVersion === 'v2') {
      const outcome = await liveUpload({ api: legacyApi(connection(flags)), db: session.db, path: request.path, folderId: request.folderId, stableMs: request.stableMs, pollMs: POLL_MS, signal: stop.signal, onEvent: (event) => say(event, describe(event)) });
      if (outcome.kind === 'complete') {
        if (request.json) printJsonLine({ type: 'result', ok: true, live: outcome });
        else console.log(`Done: ${request.path} uploaded while it was written (${outcome.size} bytes, asset ${outcome.assetId}).`);
        return EXIT.ok;
      }
      reason = `${outcome.reason}. The real-time upload was deleted from Frame.io; uploading the file the ordinary way once it has stopped changing.`;
    } else {
      reason = `Upload while it grows needs a legacy (V2) account: Frame.io V4 has no real-time upload. Uploading the file once it has not changed for ${request.stableMs / 1000} s.`;
    }
    say({ type: 'live-restart', reason }, reason);
    await new GrowingFile(request.path, request.stableMs, systemClock).settled(POLL_MS, stop.signal);
    stopListening();
    const job = await session.engine.upload({ accountId: session.accountId, folderId: request.folderId, paths: [request.path], conflict: request.conflict, priority: request.priority });
    return await runJobs(session, [job], request.json, request.run);
  } catch (error) {
    if (stoppedBy && stop.signal.aborted) {
      say({ type: 'result', ok: false, stopped: stoppedBy }, `stopped (${stoppedBy}). Run the same command again to carry on with the parts already sent.`);
      return exitCodeFor(stoppedBy);
    }
    throw error;
  } finally {
    stopListening();
  }
}

function describe(event: LiveEvent): string {
  switch (event.type) {
    case 'live-started':
      return event.resumedParts > 0 ? `carrying on with ${event.name} (asset ${event.assetId}) after ${event.resumedParts} parts already sent` : `uploading ${event.name} as it is written (asset ${event.assetId})`;
    case 'live-part':
      return `${event.final ? 'final part' : 'part'} ${event.number} sent (${event.size} bytes from byte ${event.offset})`;
    case 'live-complete':
      return `${event.size} bytes in Frame.io, complete`;
  }
}
