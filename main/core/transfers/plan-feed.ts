// Walks a job's drop into the journal while the job already sends what has been found: files go
// in batches, each one transaction, so the first creates start after a few dozen files are listed
// rather than after the whole tree. A walk cut short (pause, quit, crash) leaves the job unplanned,
// and the next run walks again, adding only what the journal does not have yet.
import { basename } from 'node:path';
import type { TransferFs } from './fs.ts';
import type { Journal, NewFile } from './journal.ts';
import { walkUpload } from './plan.ts';

/** Files in the first batch: small, so the first upload starts at once. */
const FIRST_BATCH = 32;
/** Files in each later batch: few enough transactions, short enough for readers to interleave. */
const BATCH = 500;

export class PlanFeed {
  /** the walk has ended, finished or not: every file it will add is in the journal */
  stopped = false;
  readonly finished: Promise<void>;
  private waiters: Array<() => void> = [];

  constructor(journal: Journal, fs: TransferFs, jobId: string, paths: string[], signal: AbortSignal, onBatch: () => void) {
    this.finished = this.walk(journal, fs, jobId, paths, signal, onBatch).finally(() => {
      this.stopped = true;
      this.wake();
    });
  }

  /** Resolves when more files are in the journal, the walk has stopped, or `signal` aborts. */
  more(signal: AbortSignal): Promise<void> {
    if (this.stopped || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      signal.addEventListener('abort', done, { once: true });
      this.waiters.push(done);
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private async walk(journal: Journal, fs: TransferFs, jobId: string, paths: string[], signal: AbortSignal, onBatch: () => void): Promise<void> {
    const known = journal.job(jobId)!.filesTotal > 0 ? journal.plannedSources(jobId) : undefined;
    let folders: string[] = [''];
    let files: NewFile[] = [];
    let flushed = 0;
    const flush = () => {
      journal.addPlanned(jobId, folders, files);
      flushed++;
      folders = [];
      files = [];
      onBatch();
      this.wake();
    };
    const add = (file: NewFile) => {
      if (known?.has(file.source)) return;
      files.push(file);
      if (files.length >= (flushed === 0 ? FIRST_BATCH : BATCH)) flush();
    };
    for await (const entry of walkUpload(fs, paths)) {
      signal.throwIfAborted();
      if (entry.kind === 'folder') folders.push(entry.relPath);
      else if (entry.kind === 'file') add(entry.file);
      else if (entry.kind === 'skipped') add({ source: entry.source, relDir: '', name: basename(entry.source), size: 0, mtimeMs: 0, skipped: entry.reason });
      else add({ source: entry.source, relDir: '', name: basename(entry.source), size: 0, mtimeMs: 0, error: `Could not read "${entry.source}": ${entry.reason}.` });
    }
    flush();
    journal.setPlanned(jobId);
  }
}
