// Which folders a request from the UI may watch, and where a watch may delete what it uploaded.
// A watch reads everything under its folder and can delete it afterwards, so a page that asks for
// the wrong folder could ship off keys or the sign-ins, or erase someone's work. The rules hold
// whichever shell asked; each shell says which of its own it adds: the desktop, that the folder was
// picked in its dialog; the web agent, the roots and the deleting its operator allowed.
import { realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { WatchSettings } from '../../../preload/contract.ts';
import type { ChosenPaths } from '../chosen-paths.ts';
import { Refusal } from '../errors.ts';

export interface WatchPolicy {
  /** Slate's own data folder: never watched, nor anything inside or above it */
  dataDir: string;
  /** under it, hidden folders (.ssh, .config) are never watched */
  home: string;
  /** the desktop: a watched folder must have been picked in the system dialog */
  pickedOnly?: ChosenPaths;
  /** the web agent: folders only under these (its operator's --allow-root; the home folder by default) */
  roots?: string[];
  /** whether "delete after upload" may be set (the web agent: only with --allow-delete-after-upload) */
  deleteAfterUpload: boolean;
}

/** The web agent's policy: roots the operator allowed, or the home folder. */
export function agentWatchPolicy(dataDir: string, allowRoots: string[], deleteAfterUpload: boolean): WatchPolicy {
  return { dataDir, home: homedir(), roots: allowRoots.length > 0 ? allowRoots.map((root) => resolve(root)) : [homedir()], deleteAfterUpload };
}

export function desktopWatchPolicy(dataDir: string, picked: ChosenPaths): WatchPolicy {
  return { dataDir, home: homedir(), pickedOnly: picked, deleteAfterUpload: true };
}

/** `inner` is `outer` or lies inside it. */
export function within(inner: string, outer: string): boolean {
  const path = relative(outer, inner);
  return path === '' || (!isAbsolute(path) && path !== '..' && !path.startsWith(`..${sep}`));
}

/** Links resolved, so a link cannot lead a watch where its name would not be allowed. */
async function real(path: string): Promise<string> {
  return realpath(path).catch(() => resolve(path));
}

/** Throws a Refusal saying why `dir` may not be watched with these settings. */
export async function checkWatch(policy: WatchPolicy, dir: string, settings: Partial<WatchSettings> | undefined): Promise<void> {
  if (policy.pickedOnly && !policy.pickedOnly.allows(dir)) {
    throw new Refusal('watches:not-chosen', `Slate only watches folders you picked, and "${dir}" was not picked.`, 'Use Add watch folder to choose it.');
  }
  const [path, data, home] = await Promise.all([real(dir), real(policy.dataDir), real(policy.home)]);
  if (within(path, data) || within(data, path)) {
    throw new Refusal(
      'watches:data-folder',
      `"${dir}" holds Slate's own data folder (${policy.dataDir}), with your sign-ins and its journal; Slate never watches it, or anything inside or above it.`,
      'Choose the folder your media is written to.',
    );
  }
  if (within(path, home) && relative(home, path).split(sep).some((part) => part.startsWith('.'))) {
    throw new Refusal('watches:hidden', `"${dir}" is a hidden folder of your home folder, where programs keep keys and settings; Slate does not watch those.`, 'Choose the folder your media is written to.');
  }
  if (policy.roots) {
    const roots = await Promise.all(policy.roots.map(real));
    if (!roots.some((root) => within(path, root))) {
      throw new Refusal(
        'watches:outside-roots',
        `This agent watches folders only under ${policy.roots.join(', ')}, and "${dir}" is not under any of them.`,
        'Choose a folder there, or restart the agent with `slate serve --allow-root <folder>` (it can be given more than once).',
      );
    }
  }
  checkAfterUpload(policy, settings);
}

/** Deleting uploaded files: refused unless this shell allows it. */
export function checkAfterUpload(policy: WatchPolicy, settings: Partial<WatchSettings> | undefined): void {
  if (settings?.afterUpload?.action === 'delete' && !policy.deleteAfterUpload) {
    throw new Refusal(
      'watches:delete-not-allowed',
      'This agent does not delete files after uploading them.',
      'Choose "leave" or "move", or restart the agent with `slate serve --allow-delete-after-upload` to allow it.',
    );
  }
}
