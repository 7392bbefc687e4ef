// V2's shapes for the same records V4 shows: a workspace is a V2 team, a project's root folder its
// `root_asset_id`, and folders, files and version stacks are all assets told apart by `type`.
// Field names follow the V2 reference's examples; what the sandbox cannot know (transcodes,
// archive state) is left out rather than made up.
import { mediaUrl, stackVersions } from '../present.ts';
import type { AssetRecord, CommentRecord, FileRecord, ProjectRecord, UserRecord, WorkspaceRecord } from '../store/records.ts';
import type { World } from '../world.ts';

export function presentUser(user: UserRecord) {
  return { _type: 'user', id: user.id, name: user.name, email: user.email, image_128: user.avatar_url };
}

export function presentMe(user: UserRecord, accountId: string | null) {
  return { ...presentUser(user), account_id: accountId };
}

export function presentTeam(team: WorkspaceRecord) {
  return { _type: 'team', id: team.id, name: team.name, account_id: team.account_id, creator_id: team.creator_id, inserted_at: team.created_at, updated_at: team.updated_at };
}

export function presentProject(project: ProjectRecord) {
  return {
    _type: 'project',
    id: project.id,
    name: project.name,
    description: project.description,
    team_id: project.workspace_id,
    root_asset_id: project.root_folder_id,
    owner_id: project.owner_id,
    private: project.restricted,
    archived_at: project.status === 'inactive' ? project.updated_at : null,
    inserted_at: project.created_at,
    updated_at: project.updated_at,
  };
}

function teamId(world: World, asset: AssetRecord): string | null {
  return world.store.get('project', asset.project_id)?.workspace_id ?? null;
}

function fileFields(world: World, file: FileRecord) {
  const stored = file.status !== 'created';
  return {
    filesize: file.file_size,
    filetype: file.media_type,
    upload_completed_at: file.upload_completed_at,
    original: stored ? mediaUrl(world, file, 'attachment') : null,
    index: file.version,
  };
}

export function presentAsset(world: World, asset: AssetRecord) {
  const common = {
    _type: asset.type,
    type: asset.type,
    id: asset.id,
    name: asset.name,
    parent_id: asset.parent_id,
    project_id: asset.project_id,
    team_id: teamId(world, asset),
    account_id: asset.account_id,
    creator_id: asset.creator_id,
    label: 'none',
    inserted_at: asset.created_at,
    updated_at: asset.updated_at,
  };
  if (asset.type === 'file') return { ...common, ...fileFields(world, asset) };
  const items = world.store.list('asset', asset.id);
  if (asset.type === 'folder') return { ...common, item_count: items.length };
  const head = stackVersions(world, asset.id).at(-1);
  // A stack shows as its newest version, as in Frame.io's web app.
  return { ...common, name: head?.name ?? asset.name, item_count: items.length, cover_asset_id: head?.id ?? null, filesize: head?.file_size ?? null, filetype: head?.media_type ?? null };
}

export function presentComment(comment: CommentRecord) {
  return {
    _type: 'comment',
    id: comment.id,
    asset_id: comment.file_id,
    parent_id: comment.parent_id,
    owner_id: comment.owner_id,
    text: comment.text,
    timestamp: comment.timestamp,
    duration: comment.duration,
    annotation: comment.annotation,
    page: comment.page,
    completed: comment.completed_at !== null,
    completed_at: comment.completed_at,
    completer_id: comment.completer_id,
    inserted_at: comment.created_at,
    updated_at: comment.updated_at,
  };
}
