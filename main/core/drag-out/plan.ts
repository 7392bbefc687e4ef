// What a drag out of the window can carry. Electron hands the system a drag of files that already
// exist on the disk (webContents.startDrag), and the drag only goes on while the pointer is held:
// a file must come down before the person lets go. Native apps avoid this with file promises
// (written where the drop lands, after it); Electron has none. So a drag carries whole files small
// enough to fetch in a moment, and anything else is downloaded the way a browser does it, into
// the download folder. Pure, so what the page may ask to drag is decided where it is tested.
import { relative, isAbsolute } from 'node:path';
import { DRAG_OUT_LIMITS } from '../../../preload/contract.ts';

export interface DragCandidate {
  id: string;
  name: string;
  type: 'file' | 'folder' | 'version_stack';
  /** bytes, for a file */
  size: number;
  /** a file whose upload to Frame.io has finished, so it has an original to fetch */
  complete: boolean;
}

export type DragPlan = { way: 'drag' } | { way: 'download'; reason: 'not-a-file' | 'too-big' | 'too-many' } | { way: 'refuse'; name: string };

/** Files the drag itself can carry, or why what was dragged downloads into the download folder instead. */
export function planDragOut(candidates: readonly DragCandidate[], limits: { bytes: number; files: number } = DRAG_OUT_LIMITS): DragPlan {
  if (candidates.some((c) => c.type !== 'file')) return { way: 'download', reason: 'not-a-file' };
  const uploading = candidates.find((c) => !c.complete);
  if (uploading) return { way: 'refuse', name: uploading.name };
  if (candidates.length > limits.files) return { way: 'download', reason: 'too-many' };
  const bytes = candidates.reduce((sum, c) => sum + c.size, 0);
  return bytes > limits.bytes ? { way: 'download', reason: 'too-big' } : { way: 'drag' };
}

/**
 * Whether `path` (links resolved) lies inside the drag cache (links resolved), below its top: the
 * only files Slate hands to the system's drag. A page never names a path; this holds even if the
 * journal or a link in the cache pointed elsewhere.
 */
export function insideDragCache(cacheRoot: string, path: string): boolean {
  const rel = relative(cacheRoot, path);
  return rel !== '' && !isAbsolute(rel) && rel.split(/[\\/]/)[0] !== '..';
}
