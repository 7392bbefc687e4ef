// A legacy V2 account as the upload engine sees every account: the V2 calls behind the engine's
// TransferApi, answering in the shapes it reads. Folders, files and stacks are all V2 assets told
// apart by `type`; a file is complete once V2 gives its `upload_completed_at`.
import { ApiError } from '../errors.ts';
import type { RemoteUploadAnswer } from '../resources.ts';
import { FileFailure } from '../../transfers/errors.ts';
import type { RemoteFile, RemoteFolder, RemoteStack, RemoteUpload, TransferApi } from '../../transfers/transfer-api.ts';
import { filetypeFor } from './filetype.ts';
import { equalPartSizes, type V2Api } from './resources.ts';
import type { V2Asset } from './types.ts';

export class V2TransferApi implements TransferApi {
  private readonly api: V2Api;
  /** V2's real-time upload, for files still being written */
  readonly realtime: V2Api;

  constructor(api: V2Api) {
    this.api = api;
    this.realtime = api;
  }

  async showFolder(folderId: string, signal?: AbortSignal): Promise<RemoteFolder> {
    const asset = await this.ofType(folderId, 'folder', signal);
    return { id: asset.id, name: asset.name, view_url: null };
  }

  async *listFolders(folderId: string, signal?: AbortSignal): AsyncGenerator<RemoteFolder> {
    for await (const child of this.api.children(folderId, signal)) if (child.type === 'folder') yield { id: child.id, name: child.name };
  }

  async createFolder(parentId: string, name: string, signal?: AbortSignal): Promise<RemoteFolder> {
    const folder = await this.api.createFolder(parentId, name, signal);
    return { id: folder.id, name: folder.name };
  }

  async createLocalUpload(folderId: string, name: string, fileSize: number, signal?: AbortSignal): Promise<RemoteUpload> {
    const created = await this.api.createFile(folderId, name, fileSize, filetypeFor(name), signal);
    const sizes = equalPartSizes(fileSize, created.upload_urls.length);
    return { id: created.id, media_type: created.filetype ?? null, upload_urls: created.upload_urls.map((url, i) => ({ url, size: sizes[i]! })) };
  }

  createRemoteUpload(): Promise<RemoteUploadAnswer> {
    return Promise.reject(new FileFailure('Legacy (V2) accounts cannot have Frame.io fetch a URL: remote upload is a V4 feature.', 'Download the file and upload it from this computer.'));
  }

  async *listFiles(folderId: string, signal?: AbortSignal): AsyncGenerator<RemoteFile> {
    for await (const child of this.api.children(folderId, signal)) if (child.type === 'file') yield asFile(child);
  }

  async *listVersionStacks(folderId: string, signal?: AbortSignal): AsyncGenerator<RemoteStack> {
    for await (const child of this.api.children(folderId, signal)) {
      if (child.type !== 'version_stack') continue;
      // V2 shows a stack as its newest version (cover_asset_id, with its name and size); a version
      // in a stack has been uploaded.
      const head: RemoteFile | null = child.cover_asset_id
        ? { id: child.cover_asset_id, name: child.name, file_size: child.filesize ?? 0, status: 'uploaded', parent_id: child.id, created_at: child.updated_at ?? child.inserted_at }
        : null;
      yield { id: child.id, name: child.name, parent_id: child.parent_id, head_version: head };
    }
  }

  async showFile(fileId: string, _include?: string, signal?: AbortSignal): Promise<RemoteFile> {
    return asFile(await this.ofType(fileId, 'file', signal));
  }

  async fileStatus(fileId: string, signal?: AbortSignal): Promise<{ upload_complete: boolean; upload_failed: boolean }> {
    const file = await this.ofType(fileId, 'file', signal);
    return { upload_complete: Boolean(file.upload_completed_at), upload_failed: false };
  }

  deleteFile(fileId: string, signal?: AbortSignal): Promise<void> {
    return this.api.deleteAsset(fileId, signal);
  }

  moveFile(fileId: string, stackId: string, signal?: AbortSignal): Promise<V2Asset> {
    return this.api.addVersion(stackId, fileId, signal);
  }

  /** V2 stacks by making the new file a version of the old one: the first id is the file stacked onto. */
  createVersionStack(_folderId: string, fileIds: string[], signal?: AbortSignal): Promise<V2Asset> {
    const [onto, ...next] = fileIds;
    if (onto === undefined || next.length !== 1) throw new Error('V2 stacks one new version onto one file at a time');
    return this.api.addVersion(onto, next[0]!, signal);
  }

  async showVersionStack(stackId: string, signal?: AbortSignal): Promise<{ id: string; parent_id: string | null }> {
    const stack = await this.ofType(stackId, 'version_stack', signal);
    return { id: stack.id, parent_id: stack.parent_id };
  }

  /** The asset, or Frame.io's not-found when it is of another type (as V4's typed paths answer). */
  private async ofType(id: string, type: V2Asset['type'], signal?: AbortSignal): Promise<V2Asset> {
    const asset = await this.api.asset(id, signal);
    if (asset.type !== type) throw new ApiError({ kind: 'not-found', operation: 'getAsset', status: 404, detail: `${id} is a ${asset.type.replace('_', ' ')}, not a ${type.replace('_', ' ')}` });
    return asset;
  }
}

function asFile(asset: V2Asset): RemoteFile {
  return {
    id: asset.id,
    name: asset.name,
    file_size: asset.filesize ?? 0,
    status: asset.upload_completed_at ? 'uploaded' : 'created',
    parent_id: asset.parent_id,
    created_at: asset.inserted_at,
    media_links: { original: { download_url: asset.original ?? null } },
  };
}
