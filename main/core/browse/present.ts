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
    ...assetPlace(asset),
    size: file?.file_size ?? null,
    mediaType: file?.media_type ?? null,
    status: file?.status ?? null,
    createdAt: asset.created_at,
    updatedAt: asset.updated_at,
    viewUrl: asset.view_url,
    thumbnailUrl: renditionUrl(file?.media_links?.thumbnail),
    ...scrubSheet(file),
  };
}

/** What an asset is and where, in the field names V4 and legacy V2 both give it. */
export function assetPlace(asset: { id: string; name: string; type: Asset['type']; parent_id: string | null; project_id: string }): Pick<Asset, 'id' | 'name' | 'type' | 'parentId' | 'projectId'> {
  return { id: asset.id, name: asset.name, type: asset.type, parentId: asset.parent_id, projectId: asset.project_id };
}

function scrubSheet(file: FrameioFile | null): Pick<Asset, 'scrubSheetUrl'> {
  const url = renditionUrl(file?.media_links?.scrub_sheet);
  return url ? { scrubSheetUrl: url } : {};
}

/** A rendition (a thumbnail) as a page shows it: its own link, else its download. */
export function renditionUrl(link: MediaLink | null | undefined): string | null {
  return link?.url ?? link?.download_url ?? null;
}

export function linkUrl(link: MediaLink | null | undefined): string | null {
  return link?.download_url ?? link?.inline_url ?? null;
}

export interface ApiMetadataValue {
  field_definition_name: string;
  field_type: string;
  value?: unknown;
}

/** A metadata value as one line of text, whatever its type (users by name, lists joined). */
export function presentMetadata(field: ApiMetadataValue): { name: string; type: string; value: string } {
  return { name: field.field_definition_name, type: field.field_type, value: metadataText(field.value) };
}

function metadataText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(metadataText).filter(Boolean).join(', ');
  if (typeof value === 'object') {
    const named = value as { name?: unknown; display_name?: unknown; email?: unknown };
    return String(named.name ?? named.display_name ?? named.email ?? '');
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}
