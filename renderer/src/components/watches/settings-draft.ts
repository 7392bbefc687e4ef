// A watch's settings as they are typed into the form, and the check that turns them back into
// settings. The service refuses the same mistakes, but with one message for the whole request;
// checking here puts each message beside its field and sends nothing the service would refuse.
import { DEFAULT_UPLOADED_FOLDER, uploadedFolderProblem, WATCH_LIMITS, type WatchSettings } from '../../../../preload/contract.ts';

const { maxStableSeconds, minRescanSeconds, maxRescanSeconds, maxGlobs, maxGlobLength } = WATCH_LIMITS;

export type AfterUploadAction = WatchSettings['afterUpload']['action'];

export interface SettingsDraft {
  stableSeconds: string;
  /** one glob per line */
  ignore: string;
  /** one glob per line */
  include: string;
  defaultIgnores: boolean;
  onSameName: WatchSettings['onSameName'];
  exactNames: boolean;
  afterUpload: AfterUploadAction;
  uploadedFolder: string;
  /** choosing "delete" is not enough on its own: losing local files needs a second, explicit yes */
  deleteConfirmed: boolean;
  rescanSeconds: string;
  uploadFirst: WatchSettings['uploadFirst'];
  live: boolean;
}

export type DraftErrors = Partial<Record<keyof SettingsDraft, string>>;

export type CheckedDraft = { ok: true; settings: WatchSettings } | { ok: false; errors: DraftErrors };

export function draftOf(settings: WatchSettings): SettingsDraft {
  return {
    stableSeconds: String(settings.stableSeconds),
    ignore: settings.ignore.join('\n'),
    include: settings.include.join('\n'),
    defaultIgnores: settings.defaultIgnores,
    onSameName: settings.onSameName,
    exactNames: settings.exactNames,
    afterUpload: settings.afterUpload.action,
    uploadedFolder: settings.afterUpload.action === 'move' ? settings.afterUpload.folder : DEFAULT_UPLOADED_FOLDER,
    deleteConfirmed: settings.afterUpload.action === 'delete',
    rescanSeconds: String(settings.rescanSeconds),
    uploadFirst: settings.uploadFirst,
    live: settings.live,
  };
}

export function checkDraft(draft: SettingsDraft): CheckedDraft {
  const errors: DraftErrors = {};
  const stableSeconds = secondsIn(draft.stableSeconds);
  if (stableSeconds === undefined) errors.stableSeconds = 'Give the number of seconds, 0 or more.';
  else if (stableSeconds < 0) errors.stableSeconds = 'The stability window cannot be negative: give 0 seconds or more.';
  else if (stableSeconds > maxStableSeconds) errors.stableSeconds = `At most ${maxStableSeconds} seconds (one hour).`;

  const rescanSeconds = secondsIn(draft.rescanSeconds);
  if (rescanSeconds === undefined) errors.rescanSeconds = 'Give the number of seconds, or 0 for never.';
  else if (rescanSeconds !== 0 && rescanSeconds < minRescanSeconds) {
    errors.rescanSeconds = `Use 0 (never) or ${minRescanSeconds} seconds or more: looking through a big folder more often would never rest.`;
  } else if (rescanSeconds > maxRescanSeconds) errors.rescanSeconds = `At most ${maxRescanSeconds} seconds (once a day).`;

  const ignore = globsIn(draft.ignore);
  const include = globsIn(draft.include);
  const ignoreProblem = globsProblem(ignore);
  const includeProblem = globsProblem(include);
  if (ignoreProblem) errors.ignore = ignoreProblem;
  if (includeProblem) errors.include = includeProblem;

  const folder = draft.uploadedFolder.trim();
  if (draft.afterUpload === 'move') {
    const folderProblem = uploadedFolderProblem(folder);
    if (folderProblem) errors.uploadedFolder = folderProblem;
  }
  if (draft.afterUpload === 'delete' && !draft.deleteConfirmed) errors.deleteConfirmed = 'Tick this to confirm that Slate may delete the local files it has uploaded.';

  if (Object.keys(errors).length > 0 || stableSeconds === undefined || rescanSeconds === undefined) return { ok: false, errors };
  const afterUpload: WatchSettings['afterUpload'] = draft.afterUpload === 'move' ? { action: 'move', folder } : { action: draft.afterUpload };
  return {
    ok: true,
    settings: { stableSeconds, ignore, include, defaultIgnores: draft.defaultIgnores, onSameName: draft.onSameName, exactNames: draft.exactNames, afterUpload, rescanSeconds, uploadFirst: draft.uploadFirst, live: draft.live },
  };
}

/**
 * Only what differs from the saved settings: every save restarts the watch (a full look at the tree), so
 * an unchanged form sends nothing, and a change made meanwhile elsewhere (`slate watch`) is not undone.
 */
export function changedSettings(saved: WatchSettings, next: WatchSettings): Partial<WatchSettings> {
  const keys = Object.keys(next) as Array<keyof WatchSettings>;
  return Object.fromEntries(keys.filter((key) => JSON.stringify(next[key]) !== JSON.stringify(saved[key])).map((key) => [key, next[key]]));
}

function secondsIn(text: string): number | undefined {
  const trimmed = text.trim();
  const value = Number(trimmed);
  return trimmed === '' || !Number.isFinite(value) ? undefined : value;
}

function globsIn(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function globsProblem(globs: string[]): string | undefined {
  if (globs.length > maxGlobs) return `At most ${maxGlobs} globs, one per line.`;
  const long = globs.find((glob) => glob.length > maxGlobLength);
  return long ? `“${long.slice(0, 40)}…” is longer than ${maxGlobLength} characters.` : undefined;
}
