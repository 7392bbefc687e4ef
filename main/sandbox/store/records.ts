// What the sandbox stores. Fields keep the API's own names where the API shows them, so
// presenters mostly copy; anything only the sandbox needs (upload plans, blob ids) is named plainly.
import type { MediaFacts } from '../media/probe.ts';

export type AccountRole = 'owner' | 'admin' | 'member' | 'reviewer';
export type WorkspaceRole = 'workspace_admin' | 'full_access' | 'editor' | 'edit_only' | 'commenter' | 'viewer';
export type ProjectRole = 'full_access' | 'editor' | 'edit_only' | 'commenter' | 'viewer';

export interface UserRecord {
  id: string;
  name: string;
  email: string;
  avatar_url: string | null;
}

export interface AccountRecord {
  id: string;
  display_name: string;
  adobe_id: string | null;
  image: string | null;
  storage_limit: number | null;
  storage_usage: number;
  created_at: string;
  updated_at: string;
  v4_migrated_at: string | null;
}

/** Membership of a user in an account, workspace or project; `scope_id` is that container. */
export interface MemberRecord {
  id: string;
  scope_id: string;
  user_id: string;
  role: string;
}

export interface WorkspaceRecord {
  id: string;
  account_id: string;
  name: string;
  image: string | null;
  creator_id: string;
  created_at: string;
  updated_at: string;
}

export interface ProjectRecord {
  id: string;
  account_id: string;
  workspace_id: string;
  name: string;
  description: string | null;
  restricted: boolean;
  status: 'active' | 'inactive';
  root_folder_id: string;
  owner_id: string;
  created_at: string;
  updated_at: string;
}

interface AssetBase {
  id: string;
  account_id: string;
  project_id: string;
  /** null only for a project's root folder */
  parent_id: string | null;
  name: string;
  creator_id: string;
  created_at: string;
  updated_at: string;
}

export interface FolderRecord extends AssetBase {
  type: 'folder';
  cover_file_id: string | null;
}

export interface VersionStackRecord extends AssetBase {
  type: 'version_stack';
}

export type FileStatus = 'created' | 'uploaded' | 'transcoded';

export interface FileRecord extends AssetBase {
  type: 'file';
  file_size: number;
  media_type: string;
  status: FileStatus;
  /** the stored bytes; copies share it */
  blob_id: string;
  /** sizes of the parts the client was told to send, in order */
  part_sizes: number[];
  upload_source: 'local' | 'remote';
  uploaded_at: string | null;
  upload_completed_at: string | null;
  upload_failed: boolean;
  upload_error: string | null;
  /** when the transcode finishes; set once the upload is complete */
  transcode_due_at: string | null;
  /** position in its version stack (1 is the oldest), null outside one */
  version: number | null;
  /** field definition id → value */
  metadata: Record<string, unknown>;
  /** what the media's bytes said (technical metadata), once it was processed; undefined before */
  technical?: MediaFacts;
  /** a video's poster frame (JPEG), once it was made; served as its thumbnails */
  poster?: { blob_id: string; size: number };
  /** a video's scrub sheet (WebP, media/scrub-sheet.ts), once it was made */
  scrub_sheet?: { blob_id: string; size: number };
}

export type AssetRecord = FolderRecord | VersionStackRecord | FileRecord;

export interface CommentRecord {
  id: string;
  account_id: string;
  file_id: string;
  parent_id: string | null;
  owner_id: string;
  text: string;
  /** frame number, the first frame 0 (see FIRST_API_FRAME in main/common/timecode.ts) */
  timestamp: number | null;
  duration: number | null;
  annotation: string | null;
  page: number | null;
  text_edited_at: string | null;
  completed_at: string | null;
  completer_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface ShareRecord {
  id: string;
  account_id: string;
  project_id: string;
  collection_id: string;
  name: string;
  access: 'public' | 'secure';
  passphrase: string | null;
  expiration: string | null;
  downloading_enabled: boolean;
  commenting_enabled: boolean;
  enabled: boolean;
  short_url: string;
  asset_ids: string[];
  reviewer_ids: string[];
  /** presentation settings (layout, theme, watermarking, ...) kept as the client sent them */
  options: Record<string, unknown>;
  last_viewed_at: string | null;
  creator_id: string;
  created_at: string;
  updated_at: string;
}

export interface WebhookRecord {
  id: string;
  account_id: string;
  workspace_id: string;
  name: string;
  url: string;
  events: string[];
  active: boolean;
  secret: string;
  creator_id: string;
  created_at: string;
  updated_at: string;
}

export interface FieldDefinitionRecord {
  id: string;
  account_id: string;
  name: string;
  field_type: string;
  field_configuration: Record<string, unknown> | null;
  mutable: boolean;
  creator_id: string;
  created_at: string;
  updated_at: string;
}

/** Kind name → record type: the store's table of contents. */
export interface Kinds {
  user: UserRecord;
  account: AccountRecord;
  account_member: MemberRecord;
  workspace: WorkspaceRecord;
  workspace_member: MemberRecord;
  project: ProjectRecord;
  project_member: MemberRecord;
  asset: AssetRecord;
  comment: CommentRecord;
  share: ShareRecord;
  webhook: WebhookRecord;
  field_definition: FieldDefinitionRecord;
}

export type Kind = keyof Kinds;
