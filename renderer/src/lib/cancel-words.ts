// What cancelling a job costs, said before it happens: the engine deletes the unfinished file it
// had started (in Frame.io for an upload, on the disk for a download) and keeps what finished.
import type { TransferJob } from '../../../preload/contract.ts';
import { formatBytes } from './format.ts';
import type { FileCounts } from './transfer-rows.ts';

export interface CancelWords {
  title: string;
  lost: string;
  kept: string;
  confirm: string;
}

const files = (n: number) => (n === 1 ? '1 file' : `${n.toLocaleString()} files`);

/** The confirmation's words, or undefined when nothing has been sent yet and cancelling loses nothing. */
export function cancelWords(job: TransferJob, counts: FileCounts, bytesDone: number, title: string): CancelWords | undefined {
  if (bytesDone <= 0) return undefined;
  const finished = counts.done + counts.skipped;
  const unfinished = Math.max(0, counts.total - finished);
  const download = job.kind === 'download';
  const noun = download ? 'download' : 'upload';
  const there = download ? 'on this computer' : 'in Frame.io';
  const sent = `${formatBytes(bytesDone)} ${download ? 'received' : 'sent'}`;
  return {
    title: `Cancel the ${noun} of “${title}”?`,
    lost:
      unfinished === 0
        ? `Nothing more: every file has finished (${sent}).`
        : `${files(unfinished)} not finished ${unfinished === 1 ? 'stops' : 'stop'}, and what has arrived of ${unfinished === 1 ? 'it' : 'them'} ${there} is deleted (${sent} so far). Starting again later begins ${unfinished === 1 ? 'it' : 'them'} from nothing.`,
    kept:
      finished === 0
        ? download
          ? 'Nothing has finished downloading yet. Nothing in Frame.io changes.'
          : 'No file has finished uploading yet. The files on this computer are not touched.'
        : `${files(finished)} already ${there} ${finished === 1 ? 'stays' : 'stay'} there. ${download ? 'Nothing in Frame.io changes.' : 'The files on this computer are not touched.'}`,
    confirm: `Cancel ${noun}`,
  };
}
