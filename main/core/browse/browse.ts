// Browsing inside a project: folders → files and version stacks, plus the folder and file
// operations the browser offers.
import type { FrameioClient } from '../api/client.ts';
import { AccountApi } from '../api/resources.ts';
import type { Asset as ApiAsset, Folder, FrameioFile, ListPage } from '../api/types.ts';
import type { Asset, FileDetails, FileOriginal, FolderListing } from '../../../preload/contract.ts';
import { readOriginal } from './original.ts';
import { linkUrl, presentAsset, presentMetadata, type ApiMetadataValue } from './present.ts';
import type { FolderReading } from './source.ts';

type Data<T> = { data: T };

export class Browser implements FolderReading {
  private readonly client: FrameioClient;

  constructor(client: FrameioClient) {
    this.client = client;
  }

  /** A page of a folder's files, folders and stacks, with the cursor to the next page. */
  async folder(accountId: string, folderId: string, cursor?: string): Promise<FolderListing> {
    const page = await this.client.call<ListPage<ApiAsset>>('folders.index', {
      params: { account_id: accountId, folder_id: folderId },
      // A small first page paints at once; asset lists allow 500 a page, which keeps a big folder
      // to few calls of the 100-a-minute budget. The scrub sheet comes in the same call, as a row scrubs it.
      query: { page_size: cursor ? 500 : 50, include: 'media_links.thumbnail,media_links.scrub_sheet', after: cursor },
    });
    const next = page.links.next ? new URL(page.links.next, 'http://frame.io').searchParams.get('after') : null;
    return { items: page.data.map(presentAsset), next };
  }

  async createFolder(accountId: string, parentId: string, name: string): Promise<Asset> {
    return presentAsset(await new AccountApi(this.client, accountId).createFolder(parentId, name));
  }

  async renameFolder(accountId: string, folderId: string, name: string): Promise<Asset> {
    const answer = await this.client.call<Data<Folder>>('folders.update', {
      params: { account_id: accountId, folder_id: folderId },
      body: { data: { name } },
    });
    return presentAsset(answer.data);
  }

  async delete(accountId: string, assetId: string, type: 'file' | 'folder'): Promise<void> {
    if (type === 'file') await this.client.call('files.delete', { params: { account_id: accountId, file_id: assetId } });
    else await this.client.call('folders.delete', { params: { account_id: accountId, folder_id: assetId } });
  }

  async file(accountId: string, fileId: string, playable: boolean): Promise<FileDetails> {
    const api = new AccountApi(this.client, accountId);
    // `include` names one rendition a call: the original, and for a player the two a browser can play.
    const renditions = playable ? (['media_links.high_quality', 'media_links.efficient'] as const) : [];
    const [file, metadata, playback] = await Promise.all([
      api.showFile(fileId, 'media_links.original'),
      this.client.call<Data<{ metadata: ApiMetadataValue[] }>>('metadata.show', { params: { account_id: accountId, file_id: fileId } }),
      Promise.all(renditions.map((include) => api.showFile(fileId, include))),
    ]);
    const links: NonNullable<FrameioFile['media_links']> = Object.assign({}, file.media_links, ...playback.map((f) => f.media_links));
    const mediaLinks = Object.entries(links)
      .map(([kind, link]) => ({ kind, url: linkUrl(link) }))
      .filter((link): link is { kind: string; url: string } => link.url !== null);
    return { ...presentAsset(file), mediaLinks, metadata: metadata.data.metadata.map(presentMetadata) };
  }

  original(accountId: string, fileId: string): Promise<FileOriginal> {
    return readOriginal(this.client, accountId, fileId);
  }

  /** The versions of a stack, as Frame.io orders them. */
  async versions(accountId: string, stackId: string): Promise<Asset[]> {
    const versions = await Array.fromAsync(new AccountApi(this.client, accountId).listVersions(stackId));
    return versions.map(presentAsset);
  }
}
