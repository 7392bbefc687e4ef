// What the upload engine asks of Frame.io, and no more: the V4 account API provides it as it is,
// and a legacy V2 account through an adapter that answers in the same shapes. Fields are the V4
// names; an adapter fills only what the engine reads.
import type { RemoteUploadAnswer } from '../api/resources.ts';
import type { FileStatus, FrameioFile, UploadUrl } from '../api/types.ts';
import type { RealtimeApi } from './live/live-upload.ts';

export interface RemoteFolder {
  id: string;
  name: string;
  /** where the person opens it in Frame.io, when the API says */
  view_url?: string | null;
}

export interface RemoteFile {
  id: string;
  name: string;
  file_size: number;
  status: FileStatus;
  parent_id: string | null;
  created_at: string;
  /** where its bytes can be fetched, when asked for (`include=media_links.original`) */
  media_links?: FrameioFile['media_links'];
}

export interface RemoteStack {
  id: string;
  name: string;
  parent_id: string | null;
  head_version: RemoteFile | null;
}

export interface RemoteUpload {
  id: string;
  /** the Content-Type each part is PUT with, when Frame.io named one */
  media_type: string | null;
  upload_urls: UploadUrl[];
}

export interface TransferApi {
  showFolder(folderId: string, signal?: AbortSignal): Promise<RemoteFolder>;
  listFolders(folderId: string, signal?: AbortSignal): AsyncIterable<RemoteFolder>;
  createFolder(parentId: string, name: string, signal?: AbortSignal): Promise<RemoteFolder>;
  createLocalUpload(folderId: string, name: string, fileSize: number, signal?: AbortSignal): Promise<RemoteUpload>;
  createRemoteUpload(folderId: string, name: string, sourceUrl: string, signal?: AbortSignal): Promise<RemoteUploadAnswer>;
  /** the files directly inside a folder (not those in version stacks) */
  listFiles(folderId: string, signal?: AbortSignal): AsyncIterable<RemoteFile>;
  listVersionStacks(folderId: string, signal?: AbortSignal): AsyncIterable<RemoteStack>;
  showFile(fileId: string, include?: string, signal?: AbortSignal): Promise<RemoteFile>;
  fileStatus(fileId: string, signal?: AbortSignal): Promise<{ upload_complete: boolean; upload_failed: boolean }>;
  deleteFile(fileId: string, signal?: AbortSignal): Promise<void>;
  /** moves a file into a version stack as its newest version */
  moveFile(fileId: string, parentId: string, signal?: AbortSignal): Promise<unknown>;
  /** stacks files of one folder, oldest first */
  createVersionStack(folderId: string, fileIds: string[], signal?: AbortSignal): Promise<unknown>;
  showVersionStack(stackId: string, signal?: AbortSignal): Promise<{ id: string; parent_id: string | null }>;
  /** Frame.io's real-time upload of a file still being written: legacy (V2) accounts have it, V4 does not */
  readonly realtime?: RealtimeApi;
}
