// Which local folders a request from the UI may download into. A download writes (and may
// overwrite) files there, so a page that asks for the wrong folder could replace keys, settings or
// Slate's own journal. The shell's watch policy says what it allows; downloads hold to the same
// rules: on the desktop a folder picked in the system dialog, in the web agent one under the roots
// its operator allowed, and never Slate's data folder nor a hidden folder of the home folder.
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import Conf from 'conf';
import { Refusal } from '../../errors.ts';
import { within, type WatchPolicy } from '../../watch/policy.ts';

/**
 * A path with its links resolved as far as it exists, so neither a link nor a folder yet to be made
 * leads a download where its name would not be allowed.
 */
async function real(path: string): Promise<string> {
  const absolute = resolve(path);
  const found = await realpath(absolute).catch(() => undefined);
  if (found) return found;
  const parent = dirname(absolute);
  return parent === absolute ? absolute : join(await real(parent), basename(absolute));
}

/**
 * Throws a Refusal saying why `dir` may not receive a download. `remembered` (the folder the last
 * allowed download went to) counts as picked, so the offered default works after a restart.
 */
export async function checkDestination(policy: WatchPolicy, dir: string, remembered: string | undefined): Promise<void> {
  const picked = policy.pickedOnly?.allows(dir) || (remembered !== undefined && resolve(dir) === resolve(remembered));
  if (policy.pickedOnly && !picked) {
    throw new Refusal('downloads:not-chosen', `Slate only downloads into folders you picked, and "${dir}" was not picked.`, 'Use Choose folder in the Download dialog to pick it.');
  }
  const [path, data, home] = await Promise.all([real(dir), real(policy.dataDir), real(policy.home)]);
  if (within(path, data) || within(data, path)) {
    throw new Refusal(
      'downloads:data-folder',
      `"${dir}" holds Slate's own data folder (${policy.dataDir}), with your sign-ins and its journal; Slate never downloads into it, or anything inside or above it.`,
      'Choose the folder your media should go to.',
    );
  }
  if (within(path, home) && relative(home, path).split(sep).some((part) => part.startsWith('.'))) {
    throw new Refusal('downloads:hidden', `"${dir}" is a hidden folder of your home folder, where programs keep keys and settings; Slate does not download into those.`, 'Choose the folder your media should go to.');
  }
  if (policy.roots) {
    const roots = await Promise.all(policy.roots.map(real));
    if (!roots.some((root) => within(path, root))) {
      throw new Refusal(
        'downloads:outside-roots',
        `This agent downloads only into folders under ${policy.roots.join(', ')}, and "${dir}" is not under any of them.`,
        'Choose a folder there, or restart the agent with `slate serve --allow-root <folder>` (it can be given more than once).',
      );
    }
  }
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new Refusal('downloads:no-folder', `"${dir}" is not a folder Slate can open.`, 'Check the path and that the drive is connected, or choose another folder.');
}

/** The folder the last download went to, kept in the data folder so the next one starts there. */
export class RememberedDestination {
  private readonly conf: Conf<{ folder: string }>;

  constructor(dataDir: string) {
    this.conf = new Conf<{ folder: string }>({ cwd: dataDir, configName: 'downloads', projectName: 'slate', configFileMode: 0o600 });
  }

  get(): string | undefined {
    const folder: unknown = this.conf.get('folder');
    return typeof folder === 'string' && folder !== '' ? folder : undefined;
  }

  set(folder: string): void {
    this.conf.set('folder', resolve(folder));
  }
}
