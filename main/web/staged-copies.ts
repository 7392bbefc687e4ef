// Staged copies of browser drops are the agent's to delete once no upload will read them again, or
// its disk fills with everything ever dropped. What is still needed is read from the journal, never
// remembered: a copy goes once every file that reads it is done, skipped or cancelled (why a failed
// file still needs its copy: SOURCE_RELEASED_STATES), and its batch folder goes when nothing in it is
// needed anymore, litter the upload left out included. A job is tidied each time it stops rather
// than file by file: the whole drop was on disk before it began, so deleting sooner would not lower
// the peak, and one journal look-up per job beats one per file. Each start sweeps what a crash left.
import { lstat, readdir, rmdir, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { TransferEngine } from '../core/transfers/engine.ts';
import type { JobSnapshot } from '../core/transfers/types.ts';
import { batchOf, deletesInside, isBatchName } from './staging-guard.ts';

const STOPPED: ReadonlyArray<JobSnapshot['state']> = ['done', 'failed', 'cancelled'];

export class StagedCopies {
  private readonly stagingDir: string;
  private readonly engine: TransferEngine;
  private readonly warn: (message: string) => void;
  /** one deletion at a time, so a sweep and a stopping job never judge the same batch at once */
  private work: Promise<void> = Promise.resolve();
  private readonly onJob = (job: JobSnapshot) => {
    if (STOPPED.includes(job.state)) this.enqueue(() => this.tidyJob(job.id));
  };

  constructor(stagingDir: string, engine: TransferEngine, warn: (message: string) => void) {
    this.stagingDir = resolve(stagingDir);
    this.engine = engine;
    this.warn = warn;
  }

  /**
   * Follows jobs, then removes the batches no unfinished or retryable file reads. Following first
   * means a job resumed at start-up that stops during the sweep is tidied either way.
   */
  start(): Promise<void> {
    this.engine.on('job', this.onJob);
    this.enqueue(() => this.sweep());
    return this.settled();
  }

  /** Resolves once every deletion asked for so far has been made (or reported). */
  settled(): Promise<void> {
    return this.work;
  }

  async stop(): Promise<void> {
    this.engine.off('job', this.onJob);
    await this.work;
  }

  private enqueue(task: () => Promise<void>): void {
    this.work = this.work.then(task).catch((error: unknown) => this.warn(`Tidying the staging folder ${this.stagingDir} failed: ${message(error)}`));
  }

  private neededBatches(needed: Set<string>): Set<string | undefined> {
    return new Set([...needed].map((source) => batchOf(this.stagingDir, source)));
  }

  private async sweep(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.stagingDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      this.warn(`Could not look through the staging folder ${this.stagingDir} (${message(error)}); copies staged by earlier runs stay there until the next start.`);
      return;
    }
    const needed = this.neededBatches(this.engine.journal.sourcesStillNeeded(this.stagingDir));
    for (const name of names) {
      const batch = join(this.stagingDir, name);
      if (isBatchName(name) && !needed.has(batch)) await this.delete(batch);
    }
  }

  private async tidyJob(jobId: string): Promise<void> {
    const staged = this.engine.files(jobId).filter((file) => batchOf(this.stagingDir, file.source));
    if (staged.length === 0) return;
    const needed = this.engine.journal.sourcesStillNeeded(this.stagingDir);
    const neededBatches = this.neededBatches(needed);
    const gone = new Set<string>();
    for (const { source } of staged) {
      const batch = batchOf(this.stagingDir, source)!;
      if (gone.has(batch)) continue;
      if (!neededBatches.has(batch)) {
        gone.add(batch);
        await this.delete(batch);
      } else if (!needed.has(source)) {
        await this.delete(source);
      }
    }
  }

  /** Deletes a staged copy or a whole batch folder; what cannot be deleted is reported. */
  private async delete(path: string): Promise<void> {
    try {
      const inside = await deletesInside(this.stagingDir, path);
      if (inside === undefined) return;
      if (!inside) {
        this.warn(`Kept "${path}": it leads out of the staging folder ${this.stagingDir}, and only staged copies are Slate's to delete.`);
        return;
      }
      await removeTree(path);
    } catch (error) {
      const failed = (error as NodeJS.ErrnoException).path ?? path;
      this.warn(`Could not delete "${failed}" from the staging folder (${message(error)}); delete it by hand to free the space.`);
    }
  }
}

/**
 * Deletes a file or folder without following links. Not `rm({ recursive })`: where it cannot delete
 * a file it names the wrong error (ENOTDIR for a file it may not unlink), and the report must say
 * what is in the way.
 */
async function removeTree(path: string): Promise<void> {
  let info;
  try {
    info = await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (!info.isDirectory()) return unlink(path);
  for (const name of await readdir(path)) await removeTree(join(path, name));
  await rmdir(path);
}

function message(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code ?? (error instanceof Error ? error.message : String(error));
}
