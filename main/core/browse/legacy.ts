// Browsing a legacy V2 account in the core model V4 browsing answers in: a V2 team stands where a
// V4 workspace does, a project opens on its `root_asset_id`, and folders, files and version stacks
// are V2 assets told apart by `type`. V2 pages by number, so a folder's cursor is the next page's.
import type { Asset, FileDetails, FileOriginal, FolderListing, Project, Workspace } from '../../../preload/contract.ts';
import type { V2Api } from '../api/v2/resources.ts';
import type { V2Asset, V2Project } from '../api/v2/types.ts';
import { readOriginalAt } from './original.ts';
import { assetPlace } from './present.ts';
import type { FolderReading, PlaceReading } from './source.ts';

export class V2Browse implements PlaceReading, FolderReading {
  private readonly api: V2Api;

  constructor(api: V2Api) {
    this.api = api;
  }

  async workspaces(accountId: string): Promise<Workspace[]> {
    return (await Array.fromAsync(this.api.listTeams(accountId))).map((team) => ({ id: team.id, name: team.name }));
  }

  async projects(_accountId: string, teamId: string): Promise<Project[]> {
    return (await Array.fromAsync(this.api.listProjects(teamId))).map(presentV2Project);
  }

  async folder(_accountId: string, folderId: string, cursor?: string): Promise<FolderListing> {
    const page = cursor === undefined ? 1 : Number(cursor);
    const { items, more } = await this.api.childrenPage(folderId, page);
    return { items: items.map(presentV2Asset), next: more ? String(page + 1) : null };
  }

  async createFolder(_accountId: string, parentId: string, name: string): Promise<Asset> {
    return presentV2Asset(await this.api.createFolder(parentId, name));
  }

  async delete(_accountId: string, assetId: string): Promise<void> {
    await this.api.deleteAsset(assetId);
  }

  /** V2 gives a file's original and no technical metadata Slate reads: the viewer plays the original. */
  async file(_accountId: string, fileId: string): Promise<FileDetails> {
    const asset = await this.api.asset(fileId);
    return { ...presentV2Asset(asset), mediaLinks: asset.original ? [{ kind: 'original', url: asset.original }] : [], metadata: [] };
  }

  async versions(_accountId: string, stackId: string): Promise<Asset[]> {
    return (await Array.fromAsync(this.api.children(stackId))).map(presentV2Asset);
  }

  async original(_accountId: string, fileId: string): Promise<FileOriginal> {
    const asset = await this.api.asset(fileId);
    return readOriginalAt({ name: asset.name, size: asset.filesize ?? 0, mediaType: asset.filetype ?? null, url: asset.original ?? null });
  }
}

function presentV2Project(project: V2Project & { archived_at?: string | null }): Project {
  // V2 answers no web address Slate could vouch for; the screens leave the link out.
  return { id: project.id, name: project.name, workspaceId: project.team_id, rootFolderId: project.root_asset_id, status: project.archived_at ? 'inactive' : 'active', viewUrl: '' };
}

export function presentV2Asset(asset: V2Asset): Asset {
  const media = asset.type !== 'folder';
  return {
    ...assetPlace(asset),
    size: media ? (asset.filesize ?? null) : null,
    mediaType: media ? (asset.filetype ?? null) : null,
    // V2 says when every byte arrived and nothing Slate reads of processing; what is stored can be
    // opened (the viewer plays the original), and a stack's versions are all stored.
    status: asset.type === 'folder' ? null : asset.type === 'version_stack' || asset.upload_completed_at ? 'transcoded' : 'created',
    createdAt: asset.inserted_at,
    updatedAt: asset.updated_at ?? asset.inserted_at,
    viewUrl: '',
    thumbnailUrl: null,
  };
}
