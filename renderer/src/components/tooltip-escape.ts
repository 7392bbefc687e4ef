// WCAG 1.4.13: a tooltip shown on hover or keyboard focus (the `data-tip` ones in styles.css) must be
// dismissable without moving the pointer or the focus. Escape hides the tooltips showing and does
// nothing else: a menu, a dialog or the viewer behind them stays open until the next Escape.

const SHOWING = '[data-tip]:hover:not([data-tip-hidden]), [data-tip]:focus-visible:not([data-tip-hidden])';

/** Keeps a tooltip hidden until what showed it is gone: the pointer has left and the focus moved on. */
function hideUntilLeft(element: HTMLElement): void {
  element.dataset.tipHidden = '';
  const release = (event: Event) => {
    const hovered = event.type !== 'pointerleave' && element.matches(':hover');
    const focused = event.type !== 'focusout' && element.matches(':focus-visible');
    if (hovered || focused) return;
    delete element.dataset.tipHidden;
    element.removeEventListener('pointerleave', release);
    element.removeEventListener('focusout', release);
  };
  element.addEventListener('pointerleave', release);
  element.addEventListener('focusout', release);
}

function onKey(event: KeyboardEvent): void {
  if (event.key !== 'Escape') return;
  const showing = [...document.querySelectorAll<HTMLElement>(SHOWING)];
  if (showing.length === 0) return;
  // Taken before every other Escape handler (this one is installed first) and from a native dialog.
  event.preventDefault();
  event.stopImmediatePropagation();
  showing.forEach(hideUntilLeft);
}

/** Installed once, before the app renders, so it hears Escape before any menu or view does. */
export function dismissTooltipsWithEscape(): void {
  window.addEventListener('keydown', onKey, true);
}
