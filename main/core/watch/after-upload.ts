// What happens to a local file once Frame.io has it, verified: nothing (the default), a move into
// a sub-folder of the watched folder that the watch ignores, or deletion when the user opted in.
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FileStat } from './stability.ts';

export type AfterUpload = { action: 'leave' } | { action: 'move'; folder: string } | { action: 'delete' };

/**
 * Applies the action to `relPath` under `root`, but only to the very file that was uploaded: if it
 * changed since (same size and mtime or it is left alone), it is a newer file to upload, not to
 * tidy away. Returns the new path relative to `root` after a move, or undefined.
 */
export async function afterUpload(root: string, relPath: string, uploaded: FileStat, action: AfterUpload): Promise<{ movedTo?: string; deleted?: boolean }> {
  if (action.action === 'leave') return {};
  const source = join(root, relPath);
  const now = await stat(source);
  if (now.size !== uploaded.size || now.mtimeMs !== uploaded.mtimeMs) return {};
  if (action.action === 'delete') {
    await unlink(source);
    return { deleted: true };
  }
  const target = await freePath(root, `${action.folder}/${relPath}`);
  await mkdir(dirname(join(root, target)), { recursive: true });
  await rename(source, join(root, target));
  return { movedTo: target };
}

/** `rel`, or "name 2.ext", "name 3.ext", … when something is already there. */
async function freePath(root: string, rel: string): Promise<string> {
  const dot = rel.lastIndexOf('.');
  const slash = rel.lastIndexOf('/');
  const [stem, ext] = dot > slash + 1 ? [rel.slice(0, dot), rel.slice(dot)] : [rel, ''];
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? rel : `${stem} ${n}${ext}`;
    try {
      await stat(join(root, candidate));
    } catch {
      return candidate;
    }
  }
}
