// Records as the API shows them. `include` adds related objects only when asked for, as Frame.io
// does; everything else is always present with the spec's names and nullability.
import { isImage, THUMBNAIL_SOURCE_LIMIT } from './uploads/media-types.ts';
import type { AssetRecord, FileRecord, FolderRecord, ProjectRecord, UserRecord, VersionStackRecord, WorkspaceRecord } from './store/records.ts';
import { metadataFields } from './metadata.ts';
import type { World } from './world.ts';

export type Includes = ReadonlySet<string>;

export const NO_INCLUDES: Includes = new Set();

export function parseIncludes(query: URLSearchParams): Includes {
  return new Set((query.get('include') ?? '').split(',').map((s) => s.trim()).filter(Boolean));
}

export function presentUser(user: UserRecord) {
  return { id: user.id, name: user.name, email: user.email, avatar_url: user.avatar_url, active: true, adobe_user_id: null };
}

function userById(world: World, id: string) {
  const user = world.store.get('user', id);
  return user ? presentUser(user) : { id, name: null, email: '', avatar_url: null, active: false, adobe_user_id: null };
}

const viewUrl = (world: World, projectId: string, assetId?: string) => `${world.baseUrl}/project/${projectId}${assetId ? `/view/${assetId}` : ''}`;

export function presentWorkspace(world: World, workspace: WorkspaceRecord, includes: Includes = NO_INCLUDES) {
  return {
    id: workspace.id,
    name: workspace.name,
    account_id: workspace.account_id,
    image: workspace.image,
    created_at: workspace.created_at,
    updated_at: workspace.updated_at,
    ...(includes.has('creator') ? { creator: userById(world, workspace.creator_id) } : {}),
  };
}

function projectStorage(world: World, projectId: string): number {
  return world.store.list('asset').reduce((sum, a) => (a.type === 'file' && a.project_id === projectId && a.status !== 'created' ? sum + a.file_size : sum), 0);
}

export function presentProject(world: World, project: ProjectRecord, includes: Includes = NO_INCLUDES) {
  return {
    id: project.id,
    name: project.name,
    description: project.description,
    status: project.status,
    restricted: project.restricted,
    storage: projectStorage(world, project.id),
    workspace_id: project.workspace_id,
    root_folder_id: project.root_folder_id,
    image: null,
    adobe_id: null,
    created_at: project.created_at,
    updated_at: project.updated_at,
    view_url: viewUrl(world, project.id),
    ...(includes.has('owner') ? { owner: userById(world, project.owner_id) } : {}),
  };
}

function assetCommon(world: World, asset: AssetRecord, includes: Includes) {
  const project = includes.has('project') ? world.store.get('project', asset.project_id) : undefined;
  return {
    id: asset.id,
    name: asset.name,
    type: asset.type,
    project_id: asset.project_id,
    parent_id: asset.parent_id,
    adobe_id: null,
    created_at: asset.created_at,
    updated_at: asset.updated_at,
    view_url: viewUrl(world, asset.project_id, asset.id),
    ...(includes.has('creator') ? { creator: userById(world, asset.creator_id) } : {}),
    ...(project ? { project: presentProject(world, project) } : {}),
    ...(includes.has('metadata') && asset.type === 'file' ? { metadata: metadataFields(world, asset, false) } : {}),
  };
}

const RENDITIONS = ['thumbnail', 'thumbnail_high_quality', 'video_h264_180', 'high_quality', 'efficient', 'scrub_sheet'] as const;

/** A stored object as a media link names it. */
interface Stored {
  blob_id: string;
  part_count: number;
  media_type: string;
  name: string;
}

function signedUrl(world: World, stored: Stored, disposition: 'inline' | 'attachment'): string {
  const path = world.signer.sign(
    'GET',
    `/objects/download/${stored.blob_id}`,
    { parts: String(stored.part_count), type: stored.media_type, disposition, filename: stored.name },
    world.now().getTime() + world.settings.mediaUrlTtlMs,
  );
  return world.baseUrl + path;
}

const original = (file: FileRecord): Stored => ({ blob_id: file.blob_id, part_count: file.part_sizes.length, media_type: file.media_type, name: file.name });

/** A signed link to the file's bytes, inline (for players) or as an attachment (for downloads). */
export function mediaUrl(world: World, file: FileRecord, disposition: 'inline' | 'attachment'): string {
  return signedUrl(world, original(file), disposition);
}

/** A picture kept beside the file (its poster, its scrub sheet), named after the file. */
const picture = (file: FileRecord, kept: { blob_id: string }, mediaType: string, suffix: string): Stored => ({
  blob_id: kept.blob_id,
  part_count: 1,
  media_type: mediaType,
  name: `${file.name.replace(/\.[^.]*$/, '')}${suffix}`,
});

/** What stands in for a thumbnail: a video's poster frame, or an image small enough to be its own. */
function thumbnailSource(file: FileRecord): Stored | undefined {
  if (file.poster) return picture(file, file.poster, 'image/jpeg', '.jpg');
  return isImage(file.media_type) && file.file_size <= THUMBNAIL_SOURCE_LIMIT ? original(file) : undefined;
}

/** What a rendition is served from once the file is processed; undefined where Frame.io would have none. */
function renditionSource(file: FileRecord, rendition: (typeof RENDITIONS)[number]): Stored | undefined {
  if (rendition.startsWith('thumbnail')) return thumbnailSource(file);
  if (rendition === 'scrub_sheet') return file.scrub_sheet && picture(file, file.scrub_sheet, 'image/webp', '.scrub.webp');
  return /^(video|audio)\//.test(file.media_type) ? original(file) : undefined;
}

/**
 * The sandbox does not transcode. Once a file is "transcoded", renditions a player needs are
 * served from the original bytes (playback renditions for audio and video), thumbnails from a
 * video's poster frame or an image small enough to stand in for one, the scrub sheet from the one
 * ffmpeg made. Renditions it cannot stand in for stay null, as Frame.io reports renditions that do
 * not exist.
 */
function mediaLinks(world: World, file: FileRecord, includes: Includes) {
  const stored = file.status !== 'created';
  const transcoded = file.status === 'transcoded';
  const links: Record<string, unknown> = {};
  if (includes.has('media_links.original')) {
    links.original = stored ? { download_url: mediaUrl(world, file, 'attachment'), inline_url: mediaUrl(world, file, 'inline') } : { download_url: null, inline_url: null };
  }
  for (const rendition of RENDITIONS) {
    if (!includes.has(`media_links.${rendition}`)) continue;
    const source = transcoded ? renditionSource(file, rendition) : undefined;
    links[rendition] = source ? { url: signedUrl(world, source, 'inline'), download_url: signedUrl(world, source, 'attachment') } : { url: null, download_url: null };
  }
  return links;
}

export function presentFile(world: World, file: FileRecord, includes: Includes = NO_INCLUDES) {
  const links = mediaLinks(world, file, includes);
  return {
    ...assetCommon(world, file, includes),
    file_size: file.file_size,
    media_type: file.media_type,
    status: file.status,
    adobe_version_id: null,
    ...(Object.keys(links).length > 0 ? { media_links: links } : {}),
  };
}

export function presentFolder(world: World, folder: FolderRecord, includes: Includes = NO_INCLUDES) {
  return { ...assetCommon(world, folder, includes), cover_file_id: folder.cover_file_id };
}

/** Versions of a stack, oldest first; the newest is the head. */
export function stackVersions(world: World, stackId: string): FileRecord[] {
  return world.store
    .list('asset', stackId)
    .filter((a): a is FileRecord => a.type === 'file')
    .sort((a, b) => (a.version ?? 0) - (b.version ?? 0));
}

export function presentVersionStack(world: World, stack: VersionStackRecord, includes: Includes = NO_INCLUDES) {
  const head = stackVersions(world, stack.id).at(-1);
  // A stack is called by its newest version.
  return { ...assetCommon(world, stack, includes), name: head?.name ?? stack.name, head_version: head ? presentFile(world, head, includes) : null };
}

export function presentAsset(world: World, asset: AssetRecord, includes: Includes = NO_INCLUDES) {
  if (asset.type === 'file') return presentFile(world, asset, includes);
  if (asset.type === 'folder') return presentFolder(world, asset, includes);
  return presentVersionStack(world, asset, includes);
}
