// The Frame.io V4 resources Slate reads, in the API's own field names (see test/contract/openapi.json).

export interface Profile {
  id: string;
  name: string;
  email: string;
  avatar_url: string | null;
}

export interface Account {
  id: string;
  display_name: string;
  roles?: Array<'admin' | 'member' | 'owner'>;
  image?: string | null;
  storage_limit?: number | null;
  storage_usage?: number | null;
  created_at?: string;
  updated_at?: string;
}

export interface ListPage<T> {
  data: T[];
  links: { next: string | null };
  total_count?: number | null;
}

export interface ErrorBody {
  errors?: Array<{ detail?: string; title?: string; source?: { pointer?: string } }>;
}

export type AssetType = 'file' | 'folder' | 'version_stack';

interface AssetCommon {
  id: string;
  name: string;
  type: AssetType;
  parent_id: string | null;
  project_id: string;
  created_at: string;
  updated_at: string;
  view_url: string;
}

export interface Folder extends AssetCommon {
  type: 'folder';
  cover_file_id: string | null;
}

export type FileStatus = 'created' | 'uploaded' | 'transcoded';

export interface MediaLink {
  download_url: string | null;
  /** the original's link for a browser */
  inline_url?: string | null;
  /** a rendition's link for a browser (no Content-Disposition) */
  url?: string | null;
}

export interface FrameioFile extends AssetCommon {
  type: 'file';
  file_size: number;
  /** null until Frame.io has worked out the type; a local upload's answer carries the one to PUT with */
  media_type: string | null;
  status: FileStatus;
  media_links?: { original?: MediaLink | null; [rendition: string]: MediaLink | null | undefined };
}

export interface UploadUrl {
  url: string;
  size: number;
}

export interface FileWithUploadUrls extends FrameioFile {
  upload_urls: UploadUrl[];
}

export interface FileUploadStatus {
  id: string;
  filetype: string;
  upload_complete: boolean;
  upload_failed: boolean;
  uploaded_at: string | null;
  upload_completed_at: string | null;
}

export interface VersionStack extends AssetCommon {
  type: 'version_stack';
  head_version: FrameioFile | null;
}

export type Asset = Folder | FrameioFile | VersionStack;

export interface Workspace {
  id: string;
  name: string;
  account_id: string;
  created_at: string;
  updated_at: string;
}

export interface Project {
  id: string;
  name: string;
  workspace_id: string;
  root_folder_id: string;
  status: 'active' | 'inactive';
}
