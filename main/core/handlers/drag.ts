import type { DragCache } from '../drag-out/drag-cache.ts';
import { Refusal } from '../errors.ts';
import type { HandlerGroup } from './types.ts';

/** Dragging out of the window is the desktop's: the web agent has no drag cache, and refuses with what to do instead. */
export function dragHandlers(cache: DragCache | undefined): HandlerGroup<'drag'> {
  return {
    'drag:out': async ({ accountId, assetIds }) => {
      if (!cache) throw new Refusal('drag:desktop-only', 'Dragging files out of Slate onto the desktop works in the desktop app.', 'Use Download… to bring them into a folder on the agent’s machine.');
      return cache.prepare(accountId, assetIds);
    },
  };
}
