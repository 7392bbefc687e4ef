// Creates a job's folder structure in Frame.io once: every folder path of the drop is mapped to a
// Frame.io folder, reusing one of the same name where it already exists, and journaled so a resumed
// job never creates a folder twice.
import { ApiError } from '../api/errors.ts';
import { apiFailure, targetFolderGone } from './errors.ts';
import type { Journal } from './journal.ts';
import type { TransferApi } from './transfer-api.ts';

export class FolderResolver {
  private readonly api: TransferApi;
  private readonly journal: Journal;
  private readonly jobId: string;
  private readonly targetId: string;
  private readonly signal: AbortSignal;
  private readonly known: Map<string, string | null>;
  private readonly resolving = new Map<string, Promise<string>>();
  /** folders that existed before this job, whose subfolders must be looked up before creating */
  private readonly preexisting = new Set<string>();
  private readonly listings = new Map<string, Promise<Map<string, string>>>();
  /** folders this run created, known to hold nothing but what the job puts there */
  readonly created = new Set<string>();

  constructor(api: TransferApi, journal: Journal, jobId: string, targetId: string, signal: AbortSignal) {
    this.api = api;
    this.journal = journal;
    this.jobId = jobId;
    this.targetId = targetId;
    this.signal = signal;
    this.known = journal.folders(jobId);
    this.preexisting.add(targetId);
  }

  /** The Frame.io folder id for a folder path of the drop ('' is the target). */
  ensure(relPath: string): Promise<string> {
    let pending = this.resolving.get(relPath);
    if (!pending) {
      const resolving = this.resolve(relPath);
      // Cut short (Frame.io out of reach): the next attempt asks again.
      resolving.catch(() => this.resolving.get(relPath) === resolving && this.resolving.delete(relPath));
      this.resolving.set(relPath, (pending = resolving));
    }
    return pending;
  }

  private async resolve(relPath: string): Promise<string> {
    if (relPath === '') {
      await this.checkTarget();
      return this.targetId;
    }
    const journaled = this.known.get(relPath);
    if (journaled) {
      // Made or found by an earlier run: its contents are not known to be ours alone.
      this.preexisting.add(journaled);
      return journaled;
    }
    const cut = relPath.lastIndexOf('/');
    const parentId = await this.ensure(cut < 0 ? '' : relPath.slice(0, cut));
    const name = relPath.slice(cut + 1).normalize('NFC');
    let id = this.preexisting.has(parentId) ? (await this.subfolders(parentId)).get(name) : undefined;
    if (id) {
      this.preexisting.add(id);
    } else {
      try {
        id = (await this.api.createFolder(parentId, name, this.signal)).id;
        this.created.add(id);
      } catch (error) {
        if (error instanceof ApiError && error.kind === 'not-found') throw targetFolderGone(error);
        throw error instanceof ApiError ? apiFailure(error, `Creating the folder "${relPath}"`) : error;
      }
    }
    this.journal.setFolder(this.jobId, relPath, id);
    return id;
  }

  private async checkTarget(): Promise<void> {
    try {
      const target = await this.api.showFolder(this.targetId, this.signal);
      // The destination as the person will recognise it later, even if it is renamed meanwhile.
      this.journal.setDestination(this.jobId, target.name, target.view_url ?? null);
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'not-found') throw targetFolderGone(error);
      throw error instanceof ApiError ? apiFailure(error, 'Opening the target folder') : error;
    }
  }

  private subfolders(parentId: string): Promise<Map<string, string>> {
    let listing = this.listings.get(parentId);
    if (!listing) {
      listing = (async () => {
        const names = new Map<string, string>();
        for await (const folder of this.api.listFolders(parentId, this.signal)) if (!names.has(folder.name)) names.set(folder.name, folder.id);
        return names;
      })();
      const loading = listing;
      loading.catch(() => this.listings.get(parentId) === loading && this.listings.delete(parentId));
      this.listings.set(parentId, listing);
    }
    return listing;
  }
}
