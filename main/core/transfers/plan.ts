// Turns a drop of files and folders into the list of files to upload and the folders they go in,
// keeping the structure: a dropped folder becomes a folder of the same name in the target.
import { basename, join } from 'node:path';
import type { TransferFs } from './fs.ts';
import type { NewFile } from './journal.ts';

export interface Plan {
  files: NewFile[];
  /** folder paths relative to the target, parents before children; '' is the target itself */
  folders: string[];
  /** sources that could not be read, with why */
  unreadable: Array<{ source: string; reason: string }>;
}

/** Operating-system litter nobody means to upload. */
const LITTER = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini', '.localized']);

export function isLitter(name: string): boolean {
  return LITTER.has(name) || name.startsWith('._');
}

export async function planUpload(fs: TransferFs, paths: string[]): Promise<Plan> {
  const plan: Plan = { files: [], folders: [''], unreadable: [] };
  const seen = new Set<string>(['']);

  async function visit(source: string, relDir: string, name: string): Promise<void> {
    let info;
    try {
      info = await fs.stat(source);
    } catch (error) {
      plan.unreadable.push({ source, reason: describeFsError(error) });
      return;
    }
    if (info.isFile) {
      plan.files.push({ source, relDir, name, size: info.size, mtimeMs: info.mtimeMs });
      return;
    }
    if (!info.isDirectory) {
      plan.unreadable.push({ source, reason: 'not a regular file or folder' });
      return;
    }
    const folder = relDir === '' ? name : `${relDir}/${name}`;
    if (!seen.has(folder)) {
      seen.add(folder);
      plan.folders.push(folder);
    }
    let entries: string[];
    try {
      entries = await fs.list(source);
    } catch (error) {
      plan.unreadable.push({ source, reason: describeFsError(error) });
      return;
    }
    // Sorted by name so a re-run plans the same job, whatever order the disk lists in.
    for (const entry of entries.filter((e) => !isLitter(e)).sort()) await visit(join(source, entry), folder, entry);
  }

  for (const path of paths) await visit(path, '', basename(path));
  return plan;
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'it no longer exists';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EIO') return 'the disk reported a read error';
  return error instanceof Error ? error.message : String(error);
}
