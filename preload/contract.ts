// THE contract between the renderer and the service. Every request channel and every event is
// named here and nowhere else; the main side validates inputs against these schemas and the
// renderer validates what comes back. Electron's ipc and the web agent's WebSocket both carry it.
import { z } from 'zod';

export const BackendSchema = z.object({
  kind: z.enum(['sandbox', 'frameio']),
  url: z.string(),
});

/** A folder in Frame.io as the browser reaches it: account, workspace, project, then the folders below its root. */
export const PlaceSchema = z.object({
  accountId: z.string(),
  workspaceId: z.string(),
  projectId: z.string(),
  folderIds: z.array(z.string()),
});

export const AppInfoSchema = z.object({
  name: z.literal('Slate'),
  version: z.string(),
  backend: BackendSchema,
  /** Electron window or a browser served by the web agent */
  shell: z.enum(['desktop', 'web']),
  /** where a first run opens when nothing was opened before: the embedded demo sandbox's media */
  start: PlaceSchema.optional(),
});

export const ProfileSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  avatarUrl: z.string().nullable(),
});

export const AccountSchema = z.object({
  id: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  /** the Frame.io API it is reached through: a legacy account (v2) reads "Legacy (V2)", and V4-only screens are hidden for it */
  api: z.enum(['v4', 'v2']),
});

export const WorkspaceSchema = z.object({ id: z.string(), name: z.string() });

export const ProjectSchema = z.object({
  id: z.string(),
  name: z.string(),
  workspaceId: z.string(),
  rootFolderId: z.string(),
  status: z.enum(['active', 'inactive']),
  viewUrl: z.string(),
});

export const AssetSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(['file', 'folder', 'version_stack']),
  parentId: z.string().nullable(),
  projectId: z.string(),
  /** bytes; for a version stack, its head version's */
  size: z.number().nullable(),
  mediaType: z.string().nullable(),
  status: z.enum(['created', 'uploaded', 'transcoded']).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  viewUrl: z.string(),
  thumbnailUrl: z.string().nullable(),
  /** Frame.io's scrub sheet (media_links.scrub_sheet): a video's frames in one picture; absent where it has none */
  scrubSheetUrl: z.string().optional(),
});

/** One page of a folder; `next` continues it (big folders arrive a page at a time). */
export const FolderListingSchema = z.object({
  items: z.array(AssetSchema),
  next: z.string().nullable(),
});

export const MediaLinkSchema = z.object({ kind: z.string(), url: z.string() });

export const MetadataValueSchema = z.object({ name: z.string(), type: z.string(), value: z.string() });

export const FileDetailsSchema = AssetSchema.extend({
  mediaLinks: z.array(MediaLinkSchema),
  /** the file's metadata fields with values, as text */
  metadata: z.array(MetadataValueSchema),
});

/** A file's bytes as they cross the boundary: base64, so one JSON reply carries them over ipc and the WebSocket alike. */
export const FileOriginalSchema = z.object({ mediaType: z.string(), base64: z.string() });

export const TransferJobSchema = z.object({
  id: z.string(),
  /** live: one file uploaded while it is still being written */
  kind: z.enum(['upload', 'remote', 'version', 'download', 'live']),
  accountId: z.string(),
  folderId: z.string(),
  label: z.string(),
  state: z.enum(['queued', 'running', 'paused', 'done', 'failed', 'cancelled']),
  error: z.string().nullable(),
  priority: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
  filesTotal: z.number(),
  filesDone: z.number(),
  filesSkipped: z.number(),
  filesFailed: z.number(),
  bytesTotal: z.number(),
  bytesDone: z.number(),
  /** epoch ms since the job's work waits for Frame.io to answer again; null while it answers */
  waitingSince: z.number().nullable(),
  /** who paused it: the person (stays paused) or Slate before the computer slept (resumes on wake) */
  pausedBy: z.enum(['person', 'sleep']).nullable(),
  /** epoch ms of the first start, and of the end (null while unfinished) */
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  /** files Frame.io confirmed complete at the size sent, and their bytes */
  filesVerified: z.number(),
  bytesVerified: z.number(),
  /** the Frame.io folder, named as it was when the job began, and its page when the API gives one */
  destination: z.object({ folderId: z.string(), label: z.string().nullable(), url: z.string().nullable() }),
});

export const TransferFileSchema = z.object({
  id: z.number(),
  name: z.string(),
  relDir: z.string(),
  size: z.number(),
  /** `paused`: an unfinished file of a paused job */
  state: z.enum(['pending', 'creating', 'uploading', 'downloading', 'confirming', 'stacking', 'done', 'skipped', 'failed', 'cancelled', 'paused']),
  bytesDone: z.number(),
  remoteId: z.string().nullable(),
  error: z.string().nullable(),
  /** the Frame.io folder the file lands in, once known */
  parentId: z.string().nullable(),
  /** set while a passing failure is retried: the attempt coming, why, and when (null: once Frame.io answers) */
  retry: z.object({ attempt: z.number(), reason: z.string(), nextAt: z.number().nullable() }).nullable(),
});

/** The most files one page of a job's list carries. */
export const TRANSFER_FILE_PAGE_MAX = 500;

export const TransferFilePageSchema = z.object({
  /** the job's files so far (its walk may still be adding some) */
  total: z.number(),
  offset: z.number(),
  files: z.array(TransferFileSchema),
});

/** Whether Frame.io answers, as the transfers see it. */
export const TransferConnectionSchema = z.object({
  reachable: z.boolean(),
  /** epoch ms since it has (or has not) answered */
  since: z.number(),
  /** what the last failure was, while unreachable */
  message: z.string().nullable(),
  /** epoch ms of the next probe, while unreachable */
  nextProbeAt: z.number().nullable(),
});

export const TransferProgressSchema = z.object({
  jobId: z.string(),
  bytesDone: z.number(),
  bytesTotal: z.number(),
  filesDone: z.number(),
  filesTotal: z.number(),
  rate: z.number(),
  etaSeconds: z.number().nullable(),
});

export const ConflictPolicySchema = z.enum(['skip', 'version', 'rename', 'new']);

/** A different file of the same name already on the disk: left alone (skip), replaced, or kept beside as `name (2).ext`. */
export const DownloadConflictSchema = z.enum(['skip', 'overwrite', 'rename']);

export const SettingsSchema = z.object({
  /** files uploading at once */
  fileConcurrency: z.number().int().min(1).max(16),
  /** parts of one file uploading at once */
  partConcurrency: z.number().int().min(1).max(16),
  /** "off", "20M" (bytes per second), or a timetable like "08:00,5M 19:00,off" */
  bandwidth: z.string().max(500),
  notifications: z.boolean(),
  /** how often followed files are checked for new comments (paced within Frame.io's limits too) */
  commentCheckSeconds: z.number().int().min(5).max(3600),
  startAtLogin: z.boolean(),
  theme: z.enum(['system', 'light', 'dark']),
  /** where the desktop app looks for updates (an electron-updater "generic" feed); empty: never */
  updateFeed: z.union([z.literal(''), z.url({ protocol: /^https$/, error: 'The update feed must be an https address, or empty.' })]),
});

const unit = z.number().min(0).max(1);
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Colours are #RRGGBB.');
const stroke = { color: colour, size: z.number().min(1).max(64) };

/** Drawing on a frame, coordinates relative to the picture (0..1), as Frame.io stores it. */
export const ShapeSchema = z.discriminatedUnion('tool', [
  z.object({ tool: z.literal('rect'), ...stroke, x: unit, y: unit, w: unit, h: unit }),
  z.object({ tool: z.literal('arrow'), ...stroke, x1: unit, y1: unit, x2: unit, y2: unit }),
  z.object({ tool: z.literal('pen'), ...stroke, points: z.array(z.tuple([unit, unit])).min(2).max(2000) }),
]);

const CommentFields = {
  id: z.string(),
  text: z.string(),
  /** the frame it is at, as an index from 0 (the service converts the API's timestamps); null for the whole file */
  timestamp: z.number().nullable(),
  durationFrames: z.number().nullable(),
  shapes: z.array(ShapeSchema),
  page: z.number().nullable(),
  completed: z.boolean(),
  createdAt: z.string(),
  author: z.object({ name: z.string(), email: z.string() }).nullable(),
};

export const CommentSchema = z.object({ ...CommentFields, replies: z.array(z.object(CommentFields)) });

/** A watch's limits: the form, the contract and the service all hold to these. */
export const WATCH_LIMITS = {
  maxStableSeconds: 3600,
  /** a full look at a big tree costs a stat per file: more often than this would never rest */
  minRescanSeconds: 10,
  maxRescanSeconds: 86_400,
  maxGlobs: 100,
  maxGlobLength: 300,
  maxFolderLength: 255,
} as const;

/** What a drag out of the desktop window carries itself; more, or a folder, downloads into the download folder instead. */
export const DRAG_OUT_LIMITS = {
  /** fetched before the pointer is let go: a moment on an ordinary connection */
  bytes: 16_000_000,
  files: 10,
} as const;

export const DEFAULT_UPLOADED_FOLDER = '_uploaded';

/**
 * Why a folder for uploaded files will not do, or undefined. It is relative to the watched folder
 * and never watched itself: ".", ".." or an absolute path would move files out of the tree, or
 * back into it to be uploaded again.
 */
export function uploadedFolderProblem(folder: string): string | undefined {
  if (folder === '') return 'Name the sub-folder that uploaded files move into.';
  if (folder.length > WATCH_LIMITS.maxFolderLength) return `At most ${WATCH_LIMITS.maxFolderLength} characters.`;
  const outside = /^([\\/]|[a-z]:)/i.test(folder) || folder.split(/[\\/]/).some((part) => part === '' || part === '.' || part === '..');
  return outside ? `Give the name of a folder inside the watched folder, such as ${DEFAULT_UPLOADED_FOLDER}.` : undefined;
}

export const WatchSettingsSchema = z.object({
  /** seconds a file's size and time must hold still before it counts as finished */
  stableSeconds: z.number().min(0).max(WATCH_LIMITS.maxStableSeconds),
  ignore: z.array(z.string().min(1).max(WATCH_LIMITS.maxGlobLength)).max(WATCH_LIMITS.maxGlobs),
  include: z.array(z.string().min(1).max(WATCH_LIMITS.maxGlobLength)).max(WATCH_LIMITS.maxGlobs),
  defaultIgnores: z.boolean(),
  onSameName: z.enum(['version', 'skip', 'new']),
  exactNames: z.boolean(),
  afterUpload: z.discriminatedUnion('action', [
    z.object({ action: z.literal('leave') }),
    z.object({ action: z.literal('move'), folder: z.string().refine((folder) => uploadedFolderProblem(folder) === undefined, 'must name a folder inside the watched folder') }),
    z.object({ action: z.literal('delete') }),
  ]),
  /** seconds between full looks at the tree (network shares send no events); 0: never */
  rescanSeconds: z.union([z.literal(0), z.number().min(WATCH_LIMITS.minRescanSeconds).max(WATCH_LIMITS.maxRescanSeconds)]),
  /** which finished file goes up next while others wait: the first finished, or the last */
  uploadFirst: z.enum(['oldest', 'newest']),
  /** "Upload while it grows": files seen growing go up as they are written (legacy V2 accounts only) */
  live: z.boolean(),
});

export const WatchFileStateSchema = z.enum(['pending', 'ready', 'queued', 'uploading', 'done', 'failed', 'skipped']);

export const WatchSchema = z.object({
  id: z.string(),
  dir: z.string(),
  accountId: z.string(),
  folderId: z.string(),
  settings: WatchSettingsSchema,
  paused: z.boolean(),
  running: z.boolean(),
  counts: z.record(WatchFileStateSchema, z.number()).nullable(),
  /** when the last full look at the folder ended (epoch ms) */
  lookedAt: z.number().nullable(),
  /** a standing word about the watch for its card (a setting this account cannot use, and what it does instead) */
  notice: z.string().nullable(),
});

/** The Frame.io folder a watch uploads into, as Frame.io names it now; a legacy (V2) account gives no link to it. */
export const WatchDestinationSchema = z.object({ folderId: z.string(), name: z.string(), viewUrl: z.string().nullable() });

export const WatchFileSchema = z.object({
  watchId: z.string(),
  path: z.string(),
  state: WatchFileStateSchema,
  reason: z.string(),
  size: z.number(),
  remoteId: z.string().nullable(),
  updatedAt: z.number(),
});

/** A follow's settings: new versions of a stack take the file's place or sit beside it as `name vN.ext`; a different same-name file on the disk is skipped, replaced or kept beside. */
export const FollowSettingsSchema = z.object({ versions: z.enum(['replace', 'beside']), conflict: DownloadConflictSchema });

/** A Frame.io folder kept in sync into a local one: what lands there later comes down by itself. */
export const FollowSchema = FollowSettingsSchema.extend({
  id: z.string(),
  accountId: z.string(),
  folderId: z.string(),
  /** the Frame.io folder's name; it comes down as a folder of this name inside `dir` */
  label: z.string(),
  dir: z.string(),
  /** paused by the person: it does not look, and its downloads wait, until resumed (also across restarts) */
  paused: z.boolean(),
  /** looking through the Frame.io folder from time to time; false when paused or stopped by a problem */
  running: z.boolean(),
  /** a look is under way, or was asked for and is about to start */
  looking: z.boolean(),
  /** when the last look through the Frame.io folder ended (epoch ms) */
  lookedAt: z.number().nullable(),
  counts: z.object({ done: z.number(), skipped: z.number(), failed: z.number(), coming: z.number() }),
  lastDown: z.object({ name: z.string(), relPath: z.string(), at: z.number() }).nullable(),
  problem: z.object({ message: z.string(), action: z.string().nullable() }).nullable(),
});

export const ShareSchema = z.object({
  id: z.string(),
  name: z.string(),
  shortUrl: z.string(),
  access: z.enum(['public', 'secure']),
  enabled: z.boolean(),
  downloading: z.boolean(),
  commenting: z.boolean(),
  expiration: z.string().nullable(),
  hasPassphrase: z.boolean(),
  createdAt: z.string(),
});

export const ShareReviewerSchema = z.object({ name: z.string().nullable(), email: z.string() });

export const ExportFormatSchema = z.enum(['csv', 'edl', 'avid', 'fcpxml', 'json']);

/** The exact rate is numerator/denominator; timecode counts `timebase` frames a second. */
export const FrameRateSchema = z.object({
  name: z.string(),
  numerator: z.number().int().positive(),
  denominator: z.number().int().positive(),
  timebase: z.number().int().positive(),
  dropFrame: z.boolean(),
});

const none = z.object({}).strict();
const id = z.string().min(1).max(200);
const name = z
  .string()
  .trim()
  .min(1, 'A name cannot be empty.')
  .max(255, 'Names are limited to 255 characters.')
  .refine((value) => !/[\\/]/.test(value), 'Names cannot contain / or \\.');
const inAccount = { accountId: id };

// --- session: sign-in with Adobe IMS and the signed-in profiles. Tokens never cross this boundary. ---
export const SignInProfileSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  /** how it signs in: Adobe IMS, a legacy developer token, a bearer token; signed-out when it must sign in again */
  kind: z.enum(['ims', 'legacy', 'bearer', 'signed-out']),
  /** the Frame.io API the sign-in speaks: v2 for a legacy account's developer token */
  api: z.enum(['v4', 'v2']),
  current: z.boolean(),
});

export const SessionStatusSchema = z.object({
  /** the Frame.io server these sign-ins are for */
  server: z.string(),
  signedIn: z.boolean(),
  /** whether this shell can run the browser sign-in (the web agent cannot: `slate login` on its machine) */
  canSignIn: z.boolean(),
  profiles: z.array(SignInProfileSchema),
});

export const requests = {
  'app:info': { input: none, output: AppInfoSchema },
  'session:status': { input: none, output: SessionStatusSchema },
  /** opens the system browser at the Adobe sign-in and resolves once the redirect came back */
  'session:signIn': { input: none, output: SessionStatusSchema },
  /** revokes the sign-in, then forgets it; the current profile unless one is named */
  'session:signOut': { input: z.object({ profileId: id.optional() }).strict(), output: SessionStatusSchema },
  'session:switch': { input: z.object({ profileId: id }).strict(), output: SessionStatusSchema },
  'user:me': { input: none, output: ProfileSchema },
  'accounts:list': { input: none, output: z.array(AccountSchema) },
  'workspaces:list': { input: z.object(inAccount).strict(), output: z.array(WorkspaceSchema) },
  'projects:list': { input: z.object({ ...inAccount, workspaceId: id }).strict(), output: z.array(ProjectSchema) },
  'workspaces:create': { input: z.object({ ...inAccount, name }).strict(), output: WorkspaceSchema },
  'workspaces:rename': { input: z.object({ ...inAccount, workspaceId: id, name }).strict(), output: WorkspaceSchema },
  'workspaces:delete': { input: z.object({ ...inAccount, workspaceId: id }).strict(), output: z.object({ deleted: z.literal(true) }) },
  'projects:create': { input: z.object({ ...inAccount, workspaceId: id, name }).strict(), output: ProjectSchema },
  'projects:rename': { input: z.object({ ...inAccount, projectId: id, name }).strict(), output: ProjectSchema },
  'projects:delete': { input: z.object({ ...inAccount, projectId: id }).strict(), output: z.object({ deleted: z.literal(true) }) },
  'folder:list': { input: z.object({ ...inAccount, folderId: id, cursor: z.string().max(2000).optional() }).strict(), output: FolderListingSchema },
  'folder:create': { input: z.object({ ...inAccount, parentId: id, name }).strict(), output: AssetSchema },
  'folder:rename': { input: z.object({ ...inAccount, folderId: id, name }).strict(), output: AssetSchema },
  'asset:delete': { input: z.object({ ...inAccount, assetId: id, type: z.enum(['file', 'folder']) }).strict(), output: z.object({ deleted: z.literal(true) }) },
  /** `playable` adds the renditions a player can use (the viewer wants them; the details panel does not) */
  'file:show': { input: z.object({ ...inAccount, fileId: id, playable: z.boolean().optional() }).strict(), output: FileDetailsSchema },
  /**
   * The bytes of a file's original, for a page that cannot fetch its media link itself (pdf.js,
   * when the media host sends no CORS headers). A file id, never a URL: the service fetches only
   * what the file's own link points at.
   */
  'file:original': { input: z.object({ ...inAccount, fileId: id }).strict(), output: FileOriginalSchema },
  'stack:versions': { input: z.object({ ...inAccount, stackId: id }).strict(), output: z.array(AssetSchema) },
  'transfers:list': { input: none, output: z.array(TransferJobSchema) },
  'transfers:files': { input: z.object({ jobId: id }).strict(), output: z.array(TransferFileSchema) },
  /** a screen of a job's files in its order: lists of 100,000 files cross a page at a time */
  'transfers:filePage': {
    input: z.object({ jobId: id, offset: z.number().int().min(0), limit: z.number().int().min(1).max(TRANSFER_FILE_PAGE_MAX) }).strict(),
    output: TransferFilePageSchema,
  },
  /** `paths` must be ones the person chose: dropped, picked, or staged through the web agent. */
  'transfers:upload': {
    input: z.object({ ...inAccount, folderId: id, paths: z.array(z.string().min(1)).min(1).max(10_000), conflict: ConflictPolicySchema.optional() }).strict(),
    output: TransferJobSchema,
  },
  'transfers:remote': {
    input: z.object({ ...inAccount, folderId: id, url: z.url({ protocol: /^https?$/, error: 'Only http and https links can be uploaded.' }), name }).strict(),
    output: TransferJobSchema,
  },
  'transfers:version': { input: z.object({ ...inAccount, fileId: id, path: z.string().min(1) }).strict(), output: TransferJobSchema },
  /**
   * Brings files, folders (their whole tree), version stacks or shares (what they hold, in a
   * folder named after the share) down into `to`, one job each. `to` must be a folder the person
   * picked (in the browser: one under the agent's allowed roots), or the last folder a download
   * went to.
   */
  'transfers:download': {
    input: z
      .object({
        ...inAccount,
        assetIds: z.array(id).min(1, 'Choose at least one file, folder or version stack to download.').max(100),
        to: z.string().trim().min(1, 'Choose the folder to download into.').max(4096),
        conflict: DownloadConflictSchema.optional(),
        /** a stack's every version as `name v1.ext`, `name v2.ext`…, rather than only its newest */
        allVersions: z.boolean().optional(),
      })
      .strict(),
    output: z.array(TransferJobSchema),
  },
  /** The folder the last download went to, offered as the next one's; null before the first or once it is gone. */
  'transfers:downloadFolder': { input: none, output: z.object({ path: z.string().nullable() }) },
  /**
   * The desktop's drag out of the window: files small enough come down into Slate's drag cache and
   * the system's drag starts with them (`files`); a folder, a stack or more than a drag carries
   * downloads into the last download folder (or the system's Downloads) as a job, and `reason` says why.
   */
  'drag:out': {
    input: z.object({ ...inAccount, assetIds: z.array(id).min(1).max(100) }).strict(),
    output: z.discriminatedUnion('way', [
      z.object({ way: z.literal('drag'), files: z.array(z.string()) }),
      z.object({ way: z.literal('download'), reason: z.enum(['not-a-file', 'too-big', 'too-many']), to: z.string(), jobs: z.array(TransferJobSchema) }),
    ]),
  },
  /** lets parts in flight finish; `now` aborts them (what they had sent of a part is sent again on resume) */
  'transfers:pause': { input: z.object({ jobId: id, now: z.boolean().optional() }).strict(), output: TransferJobSchema },
  'transfers:resume': { input: z.object({ jobId: id }).strict(), output: TransferJobSchema },
  'transfers:cancel': { input: z.object({ jobId: id }).strict(), output: TransferJobSchema },
  'transfers:priority': { input: z.object({ jobId: id, priority: z.number().int().min(-100).max(100) }).strict(), output: TransferJobSchema },
  'transfers:pauseAll': { input: none, output: z.array(TransferJobSchema) },
  'transfers:resumeAll': { input: none, output: z.array(TransferJobSchema) },
  'transfers:connection': { input: none, output: TransferConnectionSchema },
  'comments:list': { input: z.object({ ...inAccount, fileId: id }).strict(), output: z.array(CommentSchema) },
  'comments:create': {
    input: z
      .object({
        ...inAccount,
        fileId: id,
        text: z.string().trim().min(1, 'A comment needs some text.').max(10_000),
        /** a frame index, 0 the first frame */
        timestamp: z.number().int().min(0).optional(),
        shapes: z.array(ShapeSchema).max(100).optional(),
        page: z.number().int().min(1).optional(),
      })
      .strict(),
    output: CommentSchema,
  },
  'comments:edit': { input: z.object({ ...inAccount, commentId: id, text: z.string().trim().min(1).max(10_000) }).strict(), output: CommentSchema },
  'comments:complete': { input: z.object({ ...inAccount, commentId: id, completed: z.boolean() }).strict(), output: CommentSchema },
  'comments:delete': { input: z.object({ ...inAccount, commentId: id }).strict(), output: z.object({ deleted: z.literal(true) }) },
  /**
   * The file's rate: from its technical metadata (`source` metadata); without one, read off Frame.io's
   * comment timecodes (`timecodes`), or 24 with nothing to tell it by (`assumed`). `alternatives`: the
   * rates the person may choose instead (an override of the file's own). `startTimecode`: its first frame's.
   */
  'comments:frameRate': {
    input: z.object({ ...inAccount, fileId: id }).strict(),
    output: FrameRateSchema.extend({ source: z.enum(['metadata', 'timecodes', 'assumed']), alternatives: z.array(FrameRateSchema), startTimecode: z.string() }),
  },
  /**
   * The text of an export, for the renderer to save. `fps` (like "23.976" or "29.97df") overrides the
   * file's own rate; `startTimecode` the file's own start.
   */
  'comments:export': {
    input: z
      .object({
        ...inAccount,
        fileId: id,
        format: ExportFormatSchema,
        fps: z.string().max(20).optional(),
        startTimecode: z.string().regex(/^\d{2}[:;]\d{2}[:;]\d{2}[:;]\d{2}$/, 'A start timecode is written HH:MM:SS:FF.').optional(),
      })
      .strict(),
    output: z.object({ filename: z.string(), mediaType: z.string(), text: z.string(), frameRate: z.string() }),
  },
  'watches:list': { input: none, output: z.array(WatchSchema) },
  /** `dir` must be a folder the person picked (in the browser: a folder on the agent's machine) */
  'watches:add': { input: z.object({ ...inAccount, folderId: id, dir: z.string().min(1).max(4096), settings: WatchSettingsSchema.partial().optional() }).strict(), output: WatchSchema },
  /** `folderId` moves the watch to another Frame.io folder of its account: what it uploaded before stays where it is */
  'watches:update': { input: z.object({ watchId: id, settings: WatchSettingsSchema.partial(), folderId: id.optional() }).strict(), output: WatchSchema },
  'watches:destination': { input: z.object({ watchId: id }).strict(), output: WatchDestinationSchema },
  'watches:pause': { input: z.object({ watchId: id }).strict(), output: WatchSchema },
  'watches:resume': { input: z.object({ watchId: id }).strict(), output: WatchSchema },
  /** a full look at the folder now, for files that arrived without an event (network shares) */
  'watches:lookNow': { input: z.object({ watchId: id }).strict(), output: WatchSchema },
  'watches:remove': { input: z.object({ watchId: id }).strict(), output: z.object({ removed: z.literal(true) }) },
  'watches:files': { input: z.object({ watchId: id }).strict(), output: z.array(WatchFileSchema) },
  /** The desktop's folder picker; the folder chosen becomes a chosen path. Null when cancelled. `purpose` titles the dialog. */
  'dialog:pickFolder': { input: z.object({ purpose: z.enum(['watch', 'download']).optional() }).strict(), output: z.object({ path: z.string().nullable() }) },
  'follows:list': { input: none, output: z.array(FollowSchema) },
  /** `dir` must be a folder the person picked (in the browser: one under the agent's allowed roots) */
  'follows:add': {
    input: z.object({ ...inAccount, folderId: id, dir: z.string().trim().min(1, 'Choose the folder to download into.').max(4096), settings: FollowSettingsSchema.partial().optional() }).strict(),
    output: FollowSchema,
  },
  'follows:update': { input: z.object({ followId: id, settings: FollowSettingsSchema.partial() }).strict(), output: FollowSchema },
  /** stops looking and pauses its downloads under way, until resumed (also across restarts) */
  'follows:pause': { input: z.object({ followId: id }).strict(), output: FollowSchema },
  /** looks at once and lets its downloads go on */
  'follows:resume': { input: z.object({ followId: id }).strict(), output: FollowSchema },
  /** a look through the Frame.io folder now rather than when the interval is up; refused while paused */
  'follows:lookNow': { input: z.object({ followId: id }).strict(), output: FollowSchema },
  /** stops following and cancels its downloads not yet done (their half-fetched files deleted); what came down stays on the disk */
  'follows:remove': { input: z.object({ followId: id }).strict(), output: z.object({ removed: z.literal(true) }) },
  'shares:list': { input: z.object({ ...inAccount, projectId: id }).strict(), output: z.array(ShareSchema) },
  'shares:create': {
    input: z
      .object({
        ...inAccount,
        projectId: id,
        name: z.string().trim().min(1, 'A share needs a name.').max(175).regex(/^[^\r\n]*$/, 'Share names are one line.'),
        access: z.enum(['public', 'secure']),
        assetIds: z.array(id).min(1, 'Choose at least one file or folder to share.').max(100),
        passphrase: z.string().min(1).max(255).optional(),
        expiration: z.iso.datetime({ offset: true, error: 'The expiry must be a date and time.' }).optional(),
        downloading: z.boolean(),
      })
      .strict(),
    output: ShareSchema,
  },
  'shares:delete': { input: z.object({ ...inAccount, shareId: id }).strict(), output: z.object({ deleted: z.literal(true) }) },
  'shares:assets': { input: z.object({ ...inAccount, shareId: id }).strict(), output: z.array(AssetSchema) },
  'shares:addAsset': { input: z.object({ ...inAccount, shareId: id, assetId: id }).strict(), output: z.array(AssetSchema) },
  'shares:removeAsset': { input: z.object({ ...inAccount, shareId: id, assetId: id }).strict(), output: z.array(AssetSchema) },
  'shares:reviewers': { input: z.object({ ...inAccount, shareId: id }).strict(), output: z.array(ShareReviewerSchema) },
  'shares:addReviewers': {
    input: z.object({ ...inAccount, shareId: id, emails: z.array(z.email('That is not an email address.')).min(1).max(10), message: z.string().max(2000) }).strict(),
    output: z.array(ShareReviewerSchema),
  },
  'shares:removeReviewer': { input: z.object({ ...inAccount, shareId: id, email: z.email() }).strict(), output: z.array(ShareReviewerSchema) },
  'comments:follow': { input: z.object({ ...inAccount, fileId: id, follow: z.boolean() }).strict(), output: z.object({ following: z.boolean() }) },
  'comments:following': { input: none, output: z.object({ files: z.array(z.object({ accountId: z.string(), fileId: z.string(), unread: z.number() })), total: z.number() }) },
  'comments:markRead': { input: z.object({ ...inAccount, fileId: id }).strict(), output: z.object({ total: z.number() }) },
  /** the last place on the Projects screen on this Frame.io server (an address, `#/projects/…`), for the next start; null before any */
  'place:last': { input: none, output: z.object({ address: z.string().nullable() }) },
  /** kept by the service, not the page: a web agent on another port is another origin, whose browser storage starts empty */
  'place:remember': { input: z.object({ address: z.string().max(4000).regex(/^#\/projects\//, 'must be a Projects address') }).strict(), output: z.object({ remembered: z.literal(true) }) },
  'settings:get': { input: none, output: z.object({ settings: SettingsSchema, dataDir: z.string() }) },
  'settings:update': { input: SettingsSchema.partial().strict(), output: SettingsSchema },
} as const;

export const events = {
  /** The service lost or regained its sign-in; the renderer re-reads the user. */
  'session:changed': z.object({ signedIn: z.boolean() }),
  /** Something Slate uploaded landed in this folder (or version stack); a view showing it lists it again. */
  'browse:changed': z.object({ accountId: z.string(), folderId: z.string() }),
  'transfers:job': TransferJobSchema,
  'transfers:file': z.object({ jobId: z.string(), file: TransferFileSchema }),
  /** throttled by the engine to a few per second per job */
  'transfers:progress': TransferProgressSchema,
  /** Frame.io stopped or started answering the transfers */
  'transfers:connection': TransferConnectionSchema,
  'settings:changed': SettingsSchema,
  'watches:changed': WatchSchema,
  /** a new comment on a followed file */
  'comments:new': z.object({ accountId: z.string(), fileId: z.string(), comment: z.object({ id: z.string(), text: z.string(), author: z.string().nullable() }) }),
  'comments:unread': z.object({ accountId: z.string(), fileId: z.string(), unread: z.number(), total: z.number() }),
  'watches:file': WatchFileSchema,
  /** a follow looked, brought something down, or met a problem */
  'follows:changed': FollowSchema,
} as const;

/**
 * Not a request the renderer can make: the preload (Electron) or the web agent's staging endpoint
 * tells the service which local paths the person chose, and only those may be uploaded.
 */
export const PATHS_CHOSEN_CHANNEL = 'paths:chosen';
export const PathsChosenSchema = z.array(z.string().min(1)).min(1).max(10_000);

/** A failure as it crosses the boundary: what happened, and what the person can do. */
export const FailureSchema = z.object({
  code: z.string(),
  message: z.string(),
  action: z.string().optional(),
});

export const ReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: FailureSchema }),
]);

export type RequestChannel = keyof typeof requests;
export type EventName = keyof typeof events;
export type RequestInput<C extends RequestChannel> = z.input<(typeof requests)[C]['input']>;
export type RequestOutput<C extends RequestChannel> = z.output<(typeof requests)[C]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
export type Failure = z.output<typeof FailureSchema>;
export type Reply = z.output<typeof ReplySchema>;

export type AppInfo = z.output<typeof AppInfoSchema>;
export type Place = z.output<typeof PlaceSchema>;
export type Profile = z.output<typeof ProfileSchema>;
export type Account = z.output<typeof AccountSchema>;
export type Workspace = z.output<typeof WorkspaceSchema>;
export type Project = z.output<typeof ProjectSchema>;
export type Asset = z.output<typeof AssetSchema>;
export type FolderListing = z.output<typeof FolderListingSchema>;
export type FileDetails = z.output<typeof FileDetailsSchema>;
export type FileOriginal = z.output<typeof FileOriginalSchema>;
export type TransferJob = z.output<typeof TransferJobSchema>;
export type TransferFile = z.output<typeof TransferFileSchema>;
export type TransferFilePage = z.output<typeof TransferFilePageSchema>;
export type TransferProgress = z.output<typeof TransferProgressSchema>;
export type TransferConnection = z.output<typeof TransferConnectionSchema>;
export type ConflictPolicy = z.output<typeof ConflictPolicySchema>;
export type DownloadConflict = z.output<typeof DownloadConflictSchema>;
export type Settings = z.output<typeof SettingsSchema>;
export type SignInProfile = z.output<typeof SignInProfileSchema>;
export type SessionStatus = z.output<typeof SessionStatusSchema>;
export type Shape = z.output<typeof ShapeSchema>;
export type Comment = z.output<typeof CommentSchema>;
export type ExportFormat = z.output<typeof ExportFormatSchema>;
export type FrameRate = z.output<typeof FrameRateSchema>;
export type Watch = z.output<typeof WatchSchema>;
export type WatchDestination = z.output<typeof WatchDestinationSchema>;
export type Share = z.output<typeof ShareSchema>;
export type ShareReviewer = z.output<typeof ShareReviewerSchema>;
export type WatchFile = z.output<typeof WatchFileSchema>;
export type WatchSettings = z.output<typeof WatchSettingsSchema>;
export type Follow = z.output<typeof FollowSchema>;
export type FollowSettings = z.output<typeof FollowSettingsSchema>;

/** What the renderer sees as `window.slate`, in Electron and in a browser alike. */
export interface SlateApi {
  invoke<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<Reply>;
  on<E extends EventName>(event: E, listener: (payload: unknown) => void): () => void;
  /**
   * Local paths for files the person dropped or picked, registered with the service as chosen.
   * `relativePaths` (from a folder drop or picker) say where each file sits under its top folder.
   */
  pathsForFiles(files: File[], relativePaths: string[]): Promise<string[]>;
}

export const requestChannels = Object.keys(requests) as RequestChannel[];
export const eventNames = Object.keys(events) as EventName[];

export const isRequestChannel = (name: unknown): name is RequestChannel =>
  typeof name === 'string' && Object.hasOwn(requests, name);
export const isEventName = (name: unknown): name is EventName => typeof name === 'string' && Object.hasOwn(events, name);

/**
 * The web agent carries the same contract over one WebSocket: the browser sends `invoke` frames,
 * the agent answers with `reply` frames of the same id and pushes `event` frames.
 */
export const ClientFrameSchema = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  input: z.unknown(),
});

export const ServerFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('reply'), id: z.number().int(), reply: ReplySchema }),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);

export type ClientFrame = z.output<typeof ClientFrameSchema>;
export type ServerFrame = z.output<typeof ServerFrameSchema>;
