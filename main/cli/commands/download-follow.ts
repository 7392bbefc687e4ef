// `slate download <folder-id> --to DIR --follow`: the folder comes down, then whatever lands in it
// later, until Ctrl+C or SIGTERM. A line per file that comes down (--json: one object per line);
// running the same command again resumes what a stopped run left and queues nothing twice.
import { basename, dirname, join, resolve } from 'node:path';
import { systemClock } from '../../core/api/clock.ts';
import { ApiError } from '../../core/api/errors.ts';
import { Follow } from '../../core/sync/follow.ts';
import { FollowJournal, type FollowSettings } from '../../core/sync/journal.ts';
import { FolderPace, FOLDERS_PER_SECOND } from '../../core/sync/pace.ts';
import { FileFailure } from '../../core/transfers/errors.ts';
import type { FileSnapshot } from '../../core/transfers/types.ts';
import { printJsonLine } from '../output.ts';
import type { Session } from '../session.ts';
import { exitCodeFor, onStopSignal, type StopSignal } from '../stop-signals.ts';

export interface FollowRequest extends FollowSettings {
  folderId: string;
  to: string;
  intervalSeconds: number;
}

export async function followFolder(session: Session, request: FollowRequest, json: boolean): Promise<number> {
  const folder = await session.api.showFolder(request.folderId).catch((error: unknown) => {
    if (!(error instanceof ApiError && (error.kind === 'not-found' || error.kind === 'bad-request' || error.kind === 'invalid'))) throw error;
    throw new FileFailure(`--follow keeps a Frame.io folder in sync, and ${request.folderId} is no folder this sign-in can see.`, 'Give the id of a folder (`slate ls` lists them); a file or a version stack downloads without --follow.');
  });
  const journal = new FollowJournal(session.db);
  const record = journal.ensure({ accountId: session.accountId, folderId: request.folderId, dir: resolve(request.to), label: folder.name, versions: request.versions, conflict: request.conflict });
  const follow = new Follow({
    engine: session.engine,
    api: session.api,
    journal,
    follow: record,
    pace: new FolderPace(systemClock),
    clock: systemClock,
    intervalMs: request.intervalSeconds * 1000,
  });
  follow.on('file', (file) => saidFile(file, json));
  follow.on('problem', (message) => (json ? printJsonLine({ type: 'problem', message }) : console.error(`slate: ${message}`)));
  follow.on('pass', (pass) => json && printJsonLine({ type: 'pass', ...pass }));

  if (json) printJsonLine({ type: 'ready', follow: record, foldersPerSecond: FOLDERS_PER_SECOND });
  else {
    const versions = record.versions === 'replace' ? 'new versions replace the file' : 'new versions come down beside it as name vN';
    console.log(`Following "${record.label}" into ${record.dir} (${versions}; looks at most every ${request.intervalSeconds} s, ${FOLDERS_PER_SECOND} folders a second). Ctrl+C stops.`);
  }
  const stopper = new AbortController();
  let stoppedBy: StopSignal | undefined;
  const stopListening = onStopSignal((signal) => {
    stoppedBy = signal;
    stopper.abort();
  });
  try {
    await follow.run(stopper.signal);
  } finally {
    stopListening();
  }
  if (json) printJsonLine({ type: 'stopped', signal: stoppedBy });
  else console.log('Stopped. Downloads under way go on the next time this follow runs; files deleted in Frame.io stay on the disk.');
  return exitCodeFor(stoppedBy ?? 'SIGTERM');
}

/** A line per file that came down (or failed); one already on the disk is said only with --json. */
function saidFile(file: FileSnapshot, json: boolean): void {
  const path = join(dirname(file.source), file.remoteName ?? basename(file.source));
  if (json) return printJsonLine({ type: 'file', state: file.state, name: file.name, path, remoteId: file.remoteId, error: file.error });
  if (file.state === 'done') console.log(`downloaded ${path}`);
  else if (file.state === 'failed') console.error(`failed     ${path} — ${file.error}`);
}
