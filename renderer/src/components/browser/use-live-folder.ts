import { useEffect } from 'react';
import { CHANGE_SETTLE_MS, lookAgainAfter } from '../../lib/live-folder.ts';
import { subscribe } from '../../slate.ts';
import { onReconnect } from '../../store/agent.ts';
import { useBrowse } from '../../store/browse.ts';

const reload = () => useBrowse.getState().reload();

/**
 * Keeps the folder on screen current while `visible`: listed again shortly after Slate's own
 * uploads land in it, when the agent is back, when the window shows again, and every so often for
 * other people's changes (never while the window is hidden).
 */
export function useLiveFolder(visible: boolean): void {
  const place = useBrowse((s) => (s.accountId && s.path.length > 0 ? `${s.accountId}/${s.path.at(-1)!.id}` : undefined));

  // Coming back to the folder (from another screen or the viewer): whatever landed meanwhile.
  useEffect(() => {
    if (visible) void reload();
  }, [visible]);

  useEffect(() => {
    if (!visible || !place) return;
    let settle: ReturnType<typeof setTimeout> | undefined;
    let look: ReturnType<typeof setTimeout> | undefined;

    const lookLater = () => {
      clearTimeout(look);
      if (document.visibilityState !== 'visible') return;
      look = setTimeout(() => void reload().finally(lookLater), lookAgainAfter(useBrowse.getState().items.length));
    };
    const soon = () => {
      clearTimeout(settle);
      settle = setTimeout(() => void reload().finally(lookLater), CHANGE_SETTLE_MS);
    };
    const onVisibility = () => (document.visibilityState === 'visible' ? soon() : clearTimeout(look));

    const stops = [
      subscribe('browse:changed', ({ accountId, folderId }) => {
        const { accountId: shown, path } = useBrowse.getState();
        if (accountId === shown && folderId === path.at(-1)?.id) soon();
      }),
      onReconnect(soon),
    ];
    document.addEventListener('visibilitychange', onVisibility);
    lookLater();
    return () => {
      clearTimeout(settle);
      clearTimeout(look);
      document.removeEventListener('visibilitychange', onVisibility);
      stops.forEach((stop) => stop());
    };
  }, [visible, place]);
}
