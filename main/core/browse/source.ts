// What browsing reads, whichever Frame.io API the sign-in speaks: Browser and Places over V4, and
// V2Browse over a legacy V2 account, answer the same requests in the contract's shapes.
import type { Asset, FileDetails, FileOriginal, FolderListing, Project, Workspace } from '../../../preload/contract.ts';

/** Where projects live: V4's workspaces, or a legacy account's teams. */
export interface PlaceReading {
  workspaces(accountId: string): Promise<Workspace[]>;
  projects(accountId: string, workspaceId: string): Promise<Project[]>;
}

export interface FolderReading {
  /** a page of a folder; `cursor` continues it */
  folder(accountId: string, folderId: string, cursor?: string): Promise<FolderListing>;
  createFolder(accountId: string, parentId: string, name: string): Promise<Asset>;
  delete(accountId: string, assetId: string, type: 'file' | 'folder'): Promise<void>;
  file(accountId: string, fileId: string, playable: boolean): Promise<FileDetails>;
  /** a stack's versions, newest first */
  versions(accountId: string, stackId: string): Promise<Asset[]>;
  /** the bytes of a file's original, for a page that cannot fetch them itself */
  original(accountId: string, fileId: string): Promise<FileOriginal>;
}
