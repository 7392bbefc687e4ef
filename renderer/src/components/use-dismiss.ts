import { useEffect, useRef, type RefObject } from 'react';
import { useBrowse } from '../store/browse.ts';
import { useNavigation } from '../store/navigation.ts';
import { useReview } from '../store/review.ts';

/**
 * A popover or menu closes on Escape, on a press outside it, and when the person goes elsewhere.
 * Escape is taken before anything under it sees it, so closing a menu in the viewer does not also
 * leave the viewer.
 */
export function useDismiss(open: boolean, close: () => void, within: RefObject<HTMLElement | null>): void {
  const closing = useRef(close);
  closing.current = close;
  const view = useNavigation((s) => s.view);
  const folder = useBrowse((s) => s.path.at(-1)?.id);
  const file = useReview((s) => s.fileId);

  useEffect(() => {
    closing.current();
  }, [view, folder, file]);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      closing.current();
    };
    const onPress = (event: PointerEvent) => {
      if (within.current && event.target instanceof Node && !within.current.contains(event.target)) closing.current();
    };
    window.addEventListener('keydown', onKey, true);
    document.addEventListener('pointerdown', onPress, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      document.removeEventListener('pointerdown', onPress, true);
    };
  }, [open, within]);
}
