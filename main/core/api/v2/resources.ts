// Typed legacy V2 operations: who I am, teams, projects, assets and their children, creating
// folders and files, versions and comments. Each is one scheduled, retried call through V2Client.
import type { V2Client } from './client.ts';
import type { V2Asset, V2Comment, V2FileWithUploadUrls, V2Me, V2NewComment, V2Project, V2RealtimePart, V2Team } from './types.ts';

export class V2Api {
  readonly client: V2Client;

  constructor(client: V2Client) {
    this.client = client;
  }

  me(signal?: AbortSignal): Promise<V2Me> {
    return this.client.call<V2Me>('getMe', { signal });
  }

  listTeams(accountId: string): AsyncGenerator<V2Team> {
    return this.client.list<V2Team>('getTeamsByAccount', { params: { account_id: accountId } });
  }

  listProjects(teamId: string): AsyncGenerator<V2Project> {
    return this.client.list<V2Project>('getProjectsByTeam', { params: { team_id: teamId } });
  }

  asset(assetId: string, signal?: AbortSignal): Promise<V2Asset> {
    return this.client.call<V2Asset>('getAsset', { params: { asset_id: assetId }, signal });
  }

  /** A folder's contents; a version stack's versions, newest first. */
  children(assetId: string, signal?: AbortSignal): AsyncGenerator<V2Asset> {
    return this.client.list<V2Asset>('getAssets', { params: { asset_id: assetId }, signal });
  }

  /** One page of a folder's contents (from 1), and whether another follows. */
  childrenPage(assetId: string, page: number, signal?: AbortSignal): Promise<{ items: V2Asset[]; more: boolean }> {
    return this.client.page<V2Asset>('getAssets', page, { params: { asset_id: assetId }, signal });
  }

  createFolder(parentId: string, name: string, signal?: AbortSignal): Promise<V2Asset> {
    return this.client.call<V2Asset>('createAsset', { params: { asset_id: parentId }, body: { type: 'folder', name }, signal });
  }

  /**
   * A file to upload the ordinary way: its `upload_urls` take equal parts, the last smaller. Without
   * a `filetype` Frame.io works one out from the name; the answer says which, and each part is PUT with it.
   */
  createFile(parentId: string, name: string, filesize: number, filetype?: string, signal?: AbortSignal): Promise<V2FileWithUploadUrls> {
    return this.client.call<V2FileWithUploadUrls>('createAsset', { params: { asset_id: parentId }, body: { type: 'file', name, filesize, filetype }, signal });
  }

  /** A file to upload while it is still being written: no size yet, and Frame.io answers only its id and name. */
  createRealtimeFile(parentId: string, name: string, filetype: string, signal?: AbortSignal): Promise<Pick<V2Asset, 'id' | 'name'>> {
    return this.client.call('createAsset', { params: { asset_id: parentId }, body: { type: 'file', name, filetype, is_realtime_upload: true }, signal });
  }

  /**
   * Registers the next parts of a real-time upload and answers a PUT URL for each, in order. The
   * final part needs the whole file's size; asking again for a registered part gets a fresh URL.
   */
  async registerRealtimeParts(assetId: string, parts: V2RealtimePart[], assetFilesize?: number, signal?: AbortSignal): Promise<string[]> {
    const answer = await this.client.call<{ upload_urls: string[] }>('createRealtimeParts', { params: { asset_id: assetId }, body: { parts, asset_filesize: assetFilesize }, signal });
    return answer.upload_urls;
  }

  deleteAsset(assetId: string, signal?: AbortSignal): Promise<void> {
    return this.client.call<void>('deleteAsset', { params: { asset_id: assetId }, signal });
  }

  /** Makes `nextAssetId` the newest version of a file (stacking both) or of a stack; answers the stack. */
  addVersion(assetId: string, nextAssetId: string, signal?: AbortSignal): Promise<V2Asset> {
    return this.client.call<V2Asset>('addVersionToAsset', { params: { asset_id: assetId }, body: { next_asset_id: nextAssetId }, signal });
  }

  /** A file's comments and their replies, in one flat list, each with its author. */
  comments(assetId: string, signal?: AbortSignal): AsyncGenerator<V2Comment> {
    return this.client.list<V2Comment>('getComments', { params: { asset_id: assetId }, query: { include: 'owner' }, signal });
  }

  createComment(assetId: string, comment: V2NewComment, signal?: AbortSignal): Promise<V2Comment> {
    return this.client.call<V2Comment>('createComment', { params: { asset_id: assetId }, body: comment, signal });
  }
}

/** The sizes of a V2 file's parts: ceil(size / count) each, the last what is left, as V2 clients cut them. */
export function equalPartSizes(fileSize: number, count: number): number[] {
  const size = Math.ceil(fileSize / count);
  return Array.from({ length: count }, (_, i) => Math.min(size, fileSize - i * size));
}
