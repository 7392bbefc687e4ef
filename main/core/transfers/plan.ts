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
  /** sources left out on purpose (links to folders), with why */
  skipped: Array<{ source: string; reason: string }>;
}

/** Operating-system litter nobody means to upload. */
const LITTER = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini', '.localized']);

export function isLitter(name: string): boolean {
  return LITTER.has(name) || name.startsWith('._');
}

/** What a walk of a drop finds, one at a time: a folder before anything in it, then its contents. */
export type PlanEntry =
  | { kind: 'folder'; relPath: string }
  | { kind: 'file'; file: NewFile }
  | { kind: 'unreadable'; source: string; reason: string }
  | { kind: 'skipped'; source: string; reason: string };

// A link inside a drop that leads to a folder could lead back up (`up -> ..`, `x -> .`) and upload
// the tree inside itself without end; links named in the drop itself are followed, being chosen.
const LINKED_FOLDER = 'A link to a folder: links to folders inside a drop are not followed, so a link back up cannot upload the same files again and again. Drop the folder itself to upload it.';
const LINKED_AGAIN = 'A link to a file another link in this drop already uploads.';

/**
 * Walks a drop in a stable order, yielding as it goes: a folder of 100,000 files is never held
 * whole, and its first files can be sent while the rest is still being listed. Only one folder's
 * names are in memory at a time per level of depth.
 */
export async function* walkUpload(fs: TransferFs, paths: string[]): AsyncGenerator<PlanEntry> {
  /** where the links to files met so far lead, so that each such file goes up once */
  const linkedFiles = new Set<string>();
  async function* visit(source: string, relDir: string, name: string, chosen = false): AsyncGenerator<PlanEntry> {
    let info;
    let link: boolean;
    try {
      info = await fs.stat(source);
      link = !chosen && (await fs.isLink(source));
      if (link && info.isFile) {
        const target = await fs.realPath(source);
        if (linkedFiles.has(target)) return yield { kind: 'skipped', source, reason: LINKED_AGAIN };
        linkedFiles.add(target);
      }
    } catch (error) {
      yield { kind: 'unreadable', source, reason: describeFsError(error) };
      return;
    }
    if (link && info.isDirectory) {
      yield { kind: 'skipped', source, reason: LINKED_FOLDER };
      return;
    }
    if (info.isFile) {
      yield { kind: 'file', file: { source, relDir, name, size: info.size, mtimeMs: info.mtimeMs } };
      return;
    }
    if (!info.isDirectory) {
      yield { kind: 'unreadable', source, reason: 'not a regular file or folder' };
      return;
    }
    const folder = relDir === '' ? name : `${relDir}/${name}`;
    yield { kind: 'folder', relPath: folder };
    let entries: string[];
    try {
      entries = await fs.list(source);
    } catch (error) {
      yield { kind: 'unreadable', source, reason: describeFsError(error) };
      return;
    }
    // Sorted by name so a re-run plans the same job, whatever order the disk lists in.
    for (const entry of entries.filter((e) => !isLitter(e)).sort()) yield* visit(join(source, entry), folder, entry);
  }

  for (const path of paths) yield* visit(path, '', basename(path), true);
}

/** A whole plan at once, for drops known to be small (one file as a new version). */
export async function planUpload(fs: TransferFs, paths: string[]): Promise<Plan> {
  const plan: Plan = { files: [], folders: [''], unreadable: [], skipped: [] };
  const seen = new Set<string>(['']);
  for await (const entry of walkUpload(fs, paths)) {
    if (entry.kind === 'file') plan.files.push(entry.file);
    else if (entry.kind === 'unreadable') plan.unreadable.push({ source: entry.source, reason: entry.reason });
    else if (entry.kind === 'skipped') plan.skipped.push({ source: entry.source, reason: entry.reason });
    else if (!seen.has(entry.relPath)) {
      seen.add(entry.relPath);
      plan.folders.push(entry.relPath);
    }
  }
  return plan;
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'it no longer exists';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EIO') return 'the disk reported a read error';
  return error instanceof Error ? error.message : String(error);
}
