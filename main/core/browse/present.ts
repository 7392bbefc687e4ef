// Turns Frame.io's shapes into the contract's: camelCase, flattened, only what the UI shows.
import type { Asset as ApiAsset, FrameioFile, MediaLink, Project as ApiProject } from '../api/types.ts';
import type { Asset, Project } from '../../../preload/contract.ts';

export function presentProject(project: ApiProject & { view_url?: string }): Project {
  return {
    id: project.id,
    name: project.name,
    workspaceId: project.workspace_id,
    rootFolderId: project.root_folder_id,
    status: project.status,
    viewUrl: project.view_url ?? '',
  };
}

export function presentAsset(asset: ApiAsset): Asset {
  const file: FrameioFile | null = asset.type === 'file' ? asset : asset.type === 'version_stack' ? asset.head_version : null;
  return {
    id: asset.id,
    name: asset.name,
    type: asset.type,
    parentId: asset.parent_id,
    projectId: asset.project_id,
    size: file?.file_size ?? null,
    mediaType: file?.media_type ?? null,
    status: file?.status ?? null,
    createdAt: asset.created_at,
    updatedAt: asset.updated_at,
    viewUrl: asset.view_url,
    thumbnailUrl: linkUrl(file?.media_links?.thumbnail),
  };
}

export function linkUrl(link: MediaLink | null | undefined): string | null {
  return link?.download_url ?? link?.inline_url ?? null;
}
