// Typed Frame.io operations for one account: what uploads, stacking and browsing need, in the
// API's own shapes. Each is one scheduled, retried call through FrameioClient.
import type { FrameioClient } from './client.ts';
import type { Asset, FileUploadStatus, FileWithUploadUrls, Folder, FrameioFile, Project, VersionStack, Workspace } from './types.ts';

type Data<T> = { data: T };

export interface RemoteUploadAnswer {
  file: FrameioFile;
  /** the status path Frame.io returns to poll */
  statusPath: string | undefined;
}

export interface ShareSummary {
  id: string;
  name: string;
}

export class AccountApi {
  readonly client: FrameioClient;
  readonly accountId: string;

  constructor(client: FrameioClient, accountId: string) {
    this.client = client;
    this.accountId = accountId;
  }

  private params(extra: Record<string, string> = {}): Record<string, string> {
    return { account_id: this.accountId, ...extra };
  }

  listWorkspaces(): AsyncGenerator<Workspace> {
    return this.client.list<Workspace>('workspaces.index', { params: this.params(), query: { page_size: 100 } });
  }

  listProjects(workspaceId: string): AsyncGenerator<Project> {
    return this.client.list<Project>('projects.index', { params: this.params({ workspace_id: workspaceId }), query: { page_size: 100 } });
  }

  async showFolder(folderId: string, signal?: AbortSignal): Promise<Folder> {
    return (await this.client.call<Data<Folder>>('folders.show', { params: this.params({ folder_id: folderId }), signal })).data;
  }

  /** The folders directly inside a folder. */
  listFolders(folderId: string, signal?: AbortSignal): AsyncGenerator<Folder> {
    return this.client.list<Folder>('folders.list', { params: this.params({ folder_id: folderId }), query: { page_size: 100 }, signal });
  }

  /** Files, folders and version stacks directly inside a folder. */
  listChildren(folderId: string, signal?: AbortSignal): AsyncGenerator<Asset> {
    return this.client.list<Asset>('folders.index', { params: this.params({ folder_id: folderId }), query: { page_size: 100 }, signal });
  }

  async createFolder(parentId: string, name: string, signal?: AbortSignal): Promise<Folder> {
    return (await this.client.call<Data<Folder>>('folders.create', { params: this.params({ folder_id: parentId }), body: { data: { name } }, signal })).data;
  }

  async createLocalUpload(folderId: string, name: string, fileSize: number, signal?: AbortSignal): Promise<FileWithUploadUrls> {
    const body = { data: { name, file_size: fileSize } };
    return (await this.client.call<Data<FileWithUploadUrls>>('files.create_local_upload', { params: this.params({ folder_id: folderId }), body, signal })).data;
  }

  async createRemoteUpload(folderId: string, name: string, sourceUrl: string, signal?: AbortSignal): Promise<RemoteUploadAnswer> {
    const body = { data: { name, source_url: sourceUrl } };
    const answer = await this.client.call<Data<FrameioFile> & { links?: { status?: string } }>('files.create_remote_upload', {
      params: this.params({ folder_id: folderId }),
      body,
      signal,
    });
    return { file: answer.data, statusPath: answer.links?.status };
  }

  async showFile(fileId: string, include?: string, signal?: AbortSignal): Promise<FrameioFile> {
    return (await this.client.call<Data<FrameioFile>>('files.show', { params: this.params({ file_id: fileId }), query: { include }, signal })).data;
  }

  async fileStatus(fileId: string, signal?: AbortSignal): Promise<FileUploadStatus> {
    return (await this.client.call<Data<FileUploadStatus>>('files.show_file_upload_status', { params: this.params({ file_id: fileId }), signal })).data;
  }

  async deleteFile(fileId: string, signal?: AbortSignal): Promise<void> {
    await this.client.call('files.delete', { params: this.params({ file_id: fileId }), signal });
  }

  /** The files directly inside a folder (not those in version stacks). */
  listFiles(folderId: string, signal?: AbortSignal): AsyncGenerator<FrameioFile> {
    return this.client.list<FrameioFile>('files.list', { params: this.params({ folder_id: folderId }), query: { page_size: 100 }, signal });
  }

  /** Moves a file into a folder, or into a version stack as its newest version. */
  async moveFile(fileId: string, parentId: string, signal?: AbortSignal): Promise<FrameioFile> {
    return (await this.client.call<Data<FrameioFile>>('files.move', { params: this.params({ file_id: fileId }), body: { data: { parent_id: parentId } }, signal })).data;
  }

  /** Stacks files of one folder, oldest first. */
  async createVersionStack(folderId: string, fileIds: string[], signal?: AbortSignal): Promise<VersionStack> {
    const body = { data: { file_ids: fileIds } };
    return (await this.client.call<Data<VersionStack>>('version_stacks.create', { params: this.params({ folder_id: folderId }), body, signal })).data;
  }

  async showVersionStack(stackId: string, signal?: AbortSignal): Promise<VersionStack> {
    return (await this.client.call<Data<VersionStack>>('version_stacks.show', { params: this.params({ version_stack_id: stackId }), signal })).data;
  }

  listVersionStacks(folderId: string, signal?: AbortSignal): AsyncGenerator<VersionStack> {
    return this.client.list<VersionStack>('version_stacks.list', { params: this.params({ folder_id: folderId }), query: { page_size: 100 }, signal });
  }

  async showShare(shareId: string, signal?: AbortSignal): Promise<ShareSummary> {
    return (await this.client.call<Data<ShareSummary>>('shares.show', { params: this.params({ share_id: shareId }), signal })).data;
  }

  /** A share's members and everything inside its shared folders and stacks, as one flat list. */
  listShareAssets(shareId: string, signal?: AbortSignal): AsyncGenerator<Asset> {
    return this.client.list<Asset>('shares.list_assets', { params: this.params({ share_id: shareId }), query: { page_size: 100 }, signal });
  }

  /** The versions in a stack. */
  listVersions(stackId: string, signal?: AbortSignal): AsyncGenerator<FrameioFile> {
    return this.client.list<FrameioFile>('version_stacks.index', { params: this.params({ version_stack_id: stackId }), query: { page_size: 100 }, signal });
  }
}
