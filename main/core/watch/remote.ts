// The Frame.io side of a watch: the folder each watched sub-folder mirrors (found by name or
// created once, and journaled), and what is already in a folder that a new version can stack onto.
// It speaks to Frame.io through a WatchRemote, which V4 accounts and legacy V2 accounts each provide.
import type { FileStatus } from '../api/types.ts';
import type { RemoteFolder } from '../transfers/transfer-api.ts';
import type { WatchJournal } from './journal.ts';
import type { StackCandidate } from './versions.ts';

/** An item directly in a folder, as far as a watch reads it. */
export type WatchChild =
  | { type: 'folder'; id: string; name: string }
  | { type: 'file'; id: string; name: string; status: FileStatus }
  | { type: 'version_stack'; id: string; head_version: { id: string; name: string } | null };

/**
 * What a watch asks of Frame.io, and no more: the V4 account API provides it as it is, and a legacy
 * V2 account through remote-v2.ts, in the same shapes (as the upload engine's TransferApi).
 */
export interface WatchRemote {
  showFolder(folderId: string): Promise<RemoteFolder>;
  listFolders(parentId: string): AsyncIterable<RemoteFolder>;
  createFolder(parentId: string, name: string): Promise<RemoteFolder>;
  listChildren(folderId: string): AsyncIterable<WatchChild>;
}

/** How long a folder's listing is trusted before it is read again, for versions added by others. */
const LISTING_TTL_MS = 60_000;

interface Listing {
  at: number;
  items: Promise<StackCandidate[]>;
}

export class WatchTarget {
  private readonly remote: WatchRemote;
  private readonly journal: WatchJournal;
  private readonly watchId: string;
  private readonly rootId: string;
  private readonly now: () => number;
  private readonly folders = new Map<string, Promise<string>>();
  private readonly subfolderNames = new Map<string, Promise<Map<string, string>>>();
  private readonly listings = new Map<string, Listing>();

  constructor(remote: WatchRemote, journal: WatchJournal, watchId: string, rootId: string, now: () => number = Date.now) {
    this.remote = remote;
    this.journal = journal;
    this.watchId = watchId;
    this.rootId = rootId;
    this.now = now;
    for (const [relDir, remoteId] of journal.folders(watchId)) this.folders.set(relDir, Promise.resolve(remoteId));
  }

  /** The Frame.io folder mirroring a watched sub-folder ('' is the watch's target). */
  folderFor(relDir: string): Promise<string> {
    if (relDir === '') return Promise.resolve(this.rootId);
    let pending = this.folders.get(relDir);
    if (!pending) {
      pending = this.resolve(relDir);
      // A failed lookup is not remembered: the next file in that folder tries again.
      pending.catch(() => this.folders.delete(relDir));
      this.folders.set(relDir, pending);
    }
    return pending;
  }

  private async resolve(relDir: string): Promise<string> {
    const cut = relDir.lastIndexOf('/');
    const parentId = await this.folderFor(cut < 0 ? '' : relDir.slice(0, cut));
    const name = relDir.slice(cut + 1).normalize('NFC');
    const existing = (await this.subfolders(parentId)).get(name);
    const id = existing ?? (await this.remote.createFolder(parentId, name)).id;
    this.journal.setFolder(this.watchId, relDir, id);
    return id;
  }

  private subfolders(parentId: string): Promise<Map<string, string>> {
    let names = this.subfolderNames.get(parentId);
    if (!names) {
      names = (async () => {
        const found = new Map<string, string>();
        for await (const folder of this.remote.listFolders(parentId)) if (!found.has(folder.name)) found.set(folder.name, folder.id);
        return found;
      })();
      names.catch(() => this.subfolderNames.delete(parentId));
      this.subfolderNames.set(parentId, names);
    }
    return names;
  }

  /** Files and version stacks directly in a folder, by the name each goes by. */
  candidates(folderId: string): Promise<StackCandidate[]> {
    const cached = this.listings.get(folderId);
    if (cached && this.now() - cached.at < LISTING_TTL_MS) return cached.items;
    const items = (async () => {
      const found: StackCandidate[] = [];
      for await (const asset of this.remote.listChildren(folderId)) {
        // A file still `created` is an upload that never finished (often this watch's own,
        // cut off by a crash): nothing to stack onto, and the engine finishes or clears it.
        if (asset.type === 'file' && asset.status !== 'created') found.push({ id: asset.id, kind: 'file', name: asset.name, fileId: asset.id });
        else if (asset.type === 'version_stack' && asset.head_version) found.push({ id: asset.id, kind: 'stack', name: asset.head_version.name, fileId: asset.head_version.id });
      }
      return found;
    })();
    items.catch(() => this.listings.delete(folderId));
    this.listings.set(folderId, { at: this.now(), items });
    return items;
  }

  /**
   * Records an upload the watch just made, so the next version of the shot stacks onto it without
   * reading the folder again: it replaces what it was stacked onto under its own name.
   */
  async remember(folderId: string, name: string, fileId: string, stackedOnto: StackCandidate | undefined): Promise<void> {
    const listing = this.listings.get(folderId);
    if (!listing) return;
    const items = (await listing.items).filter((c) => c !== stackedOnto);
    items.push(stackedOnto?.kind === 'stack' ? { ...stackedOnto, name, fileId } : { id: fileId, kind: 'file', name, fileId });
    listing.items = Promise.resolve(items);
  }
}
