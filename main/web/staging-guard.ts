// The only things the web agent ever deletes are its own staged copies, and a job's other sources
// are the person's own files. So a path may be deleted only when it lies in a batch folder of the
// staging folder, both as written and once every link on the way to it is resolved: a link planted
// in a batch must not lead a deletion out.
import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

const BATCH_NAME = /^[0-9a-f-]{36}$/;

/** A batch folder is named by the UUID the browser made up for one drop. */
export function isBatchName(name: string): boolean {
  return BATCH_NAME.test(name);
}

/** The batch folder that `path` is (or lies in), or undefined when it is not inside one as written. */
export function batchOf(stagingDir: string, path: string): string | undefined {
  const inside = relative(resolve(stagingDir), resolve(path));
  if (inside === '' || isAbsolute(inside)) return undefined;
  const [batch] = inside.split(sep);
  return batch && isBatchName(batch) ? join(resolve(stagingDir), batch) : undefined;
}

/**
 * Whether what `path` names would be deleted inside a batch folder once links are resolved: its
 * parent must resolve to the staging folder (for a batch) or into it. Deleting a link removes the
 * link, not what it points to, so `path` itself may be one. Undefined when its folder is gone.
 */
export async function deletesInside(stagingDir: string, path: string): Promise<boolean | undefined> {
  if (!batchOf(stagingDir, path)) return false;
  let parent: string;
  let root: string;
  try {
    [parent, root] = await Promise.all([realpath(dirname(resolve(path))), realpath(resolve(stagingDir))]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return parent === root || parent.startsWith(root + sep);
}
