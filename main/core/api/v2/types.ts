// The legacy V2 resources Slate reads, in V2's own field names (Frame.io's V2 reference).

export interface V2Me {
  id: string;
  name: string;
  email: string;
  account_id: string | null;
  image_128?: string | null;
}

export interface V2Team {
  id: string;
  name: string;
  account_id: string;
}

export interface V2Project {
  id: string;
  name: string;
  team_id: string;
  root_asset_id: string;
}

export type V2AssetType = 'file' | 'folder' | 'version_stack';

export interface V2Asset {
  id: string;
  type: V2AssetType;
  name: string;
  parent_id: string | null;
  project_id: string;
  inserted_at: string;
  updated_at?: string;
  /** files and stacks (a stack's are its newest version's) */
  filesize?: number | null;
  filetype?: string | null;
  /** set once every byte of a file arrived */
  upload_completed_at?: string | null;
  /** the download URL of a file's original, once stored */
  original?: string | null;
  /** a file's version number in its stack */
  index?: number | null;
  /** folders and stacks */
  item_count?: number;
  /** a stack's newest version */
  cover_asset_id?: string | null;
}

/** The answer to creating a file the ordinary way: presigned PUT URLs for equal parts, the last smaller. */
export interface V2FileWithUploadUrls extends V2Asset {
  upload_urls: string[];
}

/** A part of a real-time upload as it is registered: numbered from 1, in order, one final. */
export interface V2RealtimePart {
  number: number;
  size: number;
  is_final: boolean;
}

export interface V2Comment {
  id: string;
  asset_id: string;
  /** the comment a reply answers; V2 lists comments and replies in one flat list */
  parent_id?: string | null;
  owner_id: string;
  /** with `include=owner` */
  owner?: V2User;
  text: string;
  /** a frame number from 0 */
  timestamp: number | null;
  /** frames */
  duration: number | null;
  /** the drawing, as a JSON string */
  annotation?: string | null;
  page: number | null;
  completed: boolean;
  completed_at?: string | null;
  inserted_at: string;
  updated_at?: string;
}

export interface V2User {
  id: string;
  name: string | null;
  email: string;
  image_128?: string | null;
}

/** A comment as V2 takes it: at a frame (`timestamp`, `duration` in frames), on a document's `page`, or on the whole file. */
export interface V2NewComment {
  text: string;
  timestamp?: number;
  duration?: number;
  annotation?: string;
  page?: number;
}

/** V2's error body: `{code, errors:[{code, detail, status, title}], message}`. */
export interface V2ErrorBody {
  code?: number;
  message?: string;
  errors?: Array<{ detail?: string; title?: string }>;
}
