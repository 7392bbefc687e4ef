// The desktop end of a drag out of the window: once the service has the dragged files in its drag
// cache, the system's drag starts with them from the window the drag began in. Only files inside
// the cache are handed over, whatever the reply says (insideDragCache, tested in plain Node).
import { nativeImage, type WebContents } from 'electron';
import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import type { RequestOutput } from '../../preload/contract.ts';
import { insideDragCache } from '../core/drag-out/plan.ts';
import { Refusal } from '../core/errors.ts';

const ICON = join(import.meta.dirname, '../../assets/icon.png');

export async function startDragOut(sender: WebContents, outcome: RequestOutput<'drag:out'>, cacheDir: string): Promise<void> {
  if (outcome.way !== 'drag') return;
  const [root, ...files] = await Promise.all([realpath(cacheDir), ...outcome.files.map((file) => realpath(file))]);
  if (files.length === 0 || files.some((file) => !insideDragCache(root!, file))) {
    throw new Refusal('drag:outside-cache', 'Slate only drags out files it has just brought down for the drag.', 'Drag the file again; if this goes on, use Download….');
  }
  // macOS needs an image under the pointer; Slate's icon, at the size of a file's.
  sender.startDrag({ file: files[0]!, files, icon: nativeImage.createFromPath(ICON).resize({ width: 64, height: 64 }) });
}
