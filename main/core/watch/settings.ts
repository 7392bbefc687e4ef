// A watch's settings, as the CLI, the desktop app and the web agent set them and the journal keeps them.
import { DEFAULT_UPLOADED_FOLDER, uploadedFolderProblem, WATCH_LIMITS } from '../../../preload/contract.ts';
import type { AfterUpload } from './after-upload.ts';
import type { LaneOrder } from './lanes.ts';
import { WatchRules } from './rules.ts';
import type { SameNamePolicy } from './uploader.ts';

export interface WatchSettings {
  /** how long a file's size and mtime must stay the same before it counts as finished */
  stableSeconds: number;
  ignore: string[];
  include: string[];
  /** false drops the built-in ignore rules (temp files, caches, litter) */
  defaultIgnores: boolean;
  onSameName: SameNamePolicy;
  /** true: only an identical name stacks; false: "shot_v002" also stacks onto "shot_v001" */
  exactNames: boolean;
  afterUpload: AfterUpload;
  /**
   * Seconds between full looks at the tree; 0 relies on the OS's events alone. A network share sends
   * no events for files other machines write (a render farm writing to a NAS), so it needs these.
   */
  rescanSeconds: number;
  /**
   * Which finished file goes to the engine next while others wait: the oldest (in the order they
   * finished) or the newest (the render just made, when the person is waiting for it).
   */
  uploadFirst: LaneOrder;
  /**
   * "Upload while it grows": a file seen growing goes up as it is written, through Frame.io's
   * real-time upload, finished once it has been unchanged for the stability window. Only legacy (V2)
   * accounts have real-time upload; elsewhere the watch says so and waits for files to finish.
   */
  live: boolean;
}

export const DEFAULT_WATCH_SETTINGS: WatchSettings = {
  stableSeconds: 5,
  ignore: [],
  include: [],
  defaultIgnores: true,
  onSameName: 'version',
  exactNames: false,
  afterUpload: { action: 'leave' },
  rescanSeconds: 0,
  uploadFirst: 'oldest',
  live: false,
};

export function withDefaults(settings: Partial<WatchSettings>): WatchSettings {
  const merged = { ...DEFAULT_WATCH_SETTINGS, ...settings };
  if (!(merged.stableSeconds >= 0)) throw new RangeError(`The stability window must be zero or more seconds, not ${merged.stableSeconds}.`);
  const { minRescanSeconds } = WATCH_LIMITS;
  if (!(merged.rescanSeconds === 0 || merged.rescanSeconds >= minRescanSeconds)) {
    throw new RangeError(`A full look at the folder can come every ${minRescanSeconds} seconds or more (or never, 0), not every ${merged.rescanSeconds}.`);
  }
  if (merged.uploadFirst !== 'oldest' && merged.uploadFirst !== 'newest') {
    throw new RangeError(`Files waiting to upload go oldest or newest first, not "${String(merged.uploadFirst)}".`);
  }
  if (merged.afterUpload.action === 'move') {
    if (!merged.afterUpload.folder) merged.afterUpload = { action: 'move', folder: DEFAULT_UPLOADED_FOLDER };
    const problem = uploadedFolderProblem(merged.afterUpload.folder);
    if (problem) throw new RangeError(`"${merged.afterUpload.folder}" cannot take uploaded files: ${problem}`);
  }
  return merged;
}

/** The rules a watch applies; the folder uploaded files are moved into is never watched itself. */
export function rulesFor(settings: WatchSettings): WatchRules {
  const ownFolder = settings.afterUpload.action === 'move' ? [settings.afterUpload.folder] : [];
  return new WatchRules({ ignore: settings.ignore, include: settings.include, defaults: settings.defaultIgnores, ignorePaths: ownFolder });
}
