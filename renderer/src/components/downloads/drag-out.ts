import type { DragEvent } from 'react';
import { DRAG_OUT_LIMITS, type Asset } from '../../../../preload/contract.ts';
import { formatBytes } from '../../lib/format.ts';
import { useDragOut, type SentInstead } from '../../store/drag-out.ts';

/** What makes a row draggable out of the window: on the desktop only, where the system's drag can carry files. */
export function dragOutProps(desktop: boolean, accountId: string | undefined, asset: Asset): { draggable?: true; onDragStart?: (event: DragEvent) => void } {
  if (!desktop || !accountId) return {};
  return {
    draggable: true,
    onDragStart: (event) => {
      // The page's own drag would carry only a name; the system's drag, started by Slate, carries the file.
      event.preventDefault();
      void useDragOut.getState().start(accountId, asset);
    },
  };
}

/** Why what was dragged is downloading into a folder rather than where it was dropped. */
export function sentWords({ name, type, reason, to }: SentInstead): string {
  const why =
    reason === 'not-a-file'
      ? `a ${type === 'version_stack' ? 'version stack' : 'folder'} cannot be carried in a drag`
      : reason === 'too-many'
        ? `more than ${DRAG_OUT_LIMITS.files} files cannot be carried in a drag`
        : `a drag carries files up to ${formatBytes(DRAG_OUT_LIMITS.bytes)}`;
  return `“${name}” is downloading into ${to}: ${why}.`;
}
