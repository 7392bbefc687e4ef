import { useEffect } from 'react';
import { useBrowse } from '../../store/browse.ts';
import { useDownloads, type DownloadTarget } from '../../store/downloads.ts';

/** Typing in a field never starts a download. */
function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/**
 * Download the selected item, or with nothing selected the folder or stack on screen. Ctrl+Shift+D
 * (⌘⇧D on a Mac) does the same from anywhere in the browser but a text field.
 */
export function DownloadButton() {
  const { accountId, items, selectedId, path } = useBrowse();
  const selected = items.find((item) => item.id === selectedId);
  const here = path.at(-1);
  const target: DownloadTarget | undefined = selected ?? (here && { id: here.id, name: here.name, type: here.kind === 'stack' ? 'version_stack' : 'folder' });

  const openDialog = () => {
    if (accountId && target) void useDownloads.getState().open(accountId, [target]);
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'd' || !event.shiftKey || !(event.ctrlKey || event.metaKey) || event.altKey || typing(event.target)) return;
      event.preventDefault();
      if (useDownloads.getState().targets === undefined) openDialog();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <button type="button" onClick={openDialog} disabled={!accountId || !target} aria-keyshortcuts="Control+Shift+D Meta+Shift+D" title={target ? `Download “${target.name}” (Ctrl+Shift+D)` : undefined}>
      Download…
    </button>
  );
}
