import { useEffect } from 'react';
import { ProblemBanner } from '../components/ProblemBanner.tsx';
import { CommentsPanel } from '../components/review/CommentsPanel.tsx';
import { ExportMenu } from '../components/review/ExportMenu.tsx';
import { FollowButton } from '../components/review/FollowButton.tsx';
import { PageControls } from '../components/review/PageControls.tsx';
import { Player } from '../components/review/Player.tsx';
import { Transport } from '../components/review/Transport.tsx';
import { VersionSwitcher } from '../components/review/VersionSwitcher.tsx';
import { mediaKind } from '../lib/media.ts';
import { useDraft } from '../store/draft.ts';
import { usePages } from '../store/pages.ts';
import { usePlayback } from '../store/playback.ts';
import { useReview } from '../store/review.ts';
import { useSession } from '../store/session.ts';

/** Keys meant for a text field or a control stay with it. */
const typing = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON|SUMMARY)$/.test(target.tagName));

/** A document's keys: arrows and Page Up/Down turn the page, Home and End go to the first and last. */
function turnPage(event: KeyboardEvent): void {
  const { pages, step, goTo } = usePages.getState();
  const moves: Record<string, () => void> = {
    ArrowLeft: () => step(-1),
    PageUp: () => step(-1),
    ArrowRight: () => step(1),
    PageDown: () => step(1),
    Home: () => goTo(1),
    End: () => goTo(Math.max(1, pages)),
  };
  const move = moves[event.key];
  if (!move) return;
  event.preventDefault();
  move();
}

export function ViewerView() {
  const { file, loading, problem, close, accountId, fileId, stackId, open, openStack } = useReview();
  // Following comments is V4's: a legacy (V2) account does not see the button.
  const legacy = useSession((s) => s.legacy);
  const clearDraft = useDraft((s) => s.clear);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const { step, toggle } = usePlayback.getState();
      if (typing(event.target)) return;
      if (event.key === 'Escape') {
        // The first Escape puts the pen down; the next leaves the viewer.
        const draft = useDraft.getState();
        if (draft.tool) draft.setTool(null);
        else close();
      }
      if (mediaKind(useReview.getState().file?.mediaType ?? null) === 'document') {
        turnPage(event);
        return;
      }
      if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
        event.preventDefault();
        step((event.key === 'ArrowLeft' ? -1 : 1) * (event.shiftKey ? (useReview.getState().rate?.timebase ?? 1) : 1));
      } else if (event.key === ' ' || event.key === 'k') {
        event.preventDefault();
        toggle();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close]);

  useEffect(() => clearDraft, [fileId, clearDraft]);

  const kind = mediaKind(file?.mediaType ?? null);
  const document = kind === 'document';
  const retry = () => {
    if (!accountId || !fileId) return;
    // A stack that failed to open is still only a stack: its versions come first.
    void (fileId === stackId ? openStack(accountId, stackId) : open(accountId, fileId, stackId));
  };
  return (
    <section className="viewer" aria-label="Viewer">
      <header className="viewer-bar">
        <button type="button" onClick={close}>
          ← Back to files
        </button>
        <h1 title={file?.name}>{file?.name ?? 'Opening…'}</h1>
        <VersionSwitcher />
        <span className="spacer" />
        {file && accountId && fileId && !legacy && <FollowButton accountId={accountId} fileId={fileId} />}
        {file && <ExportMenu key={file.id} document={document} />}
      </header>
      {problem && <ProblemBanner problem={problem} retryLabel={file ? 'Reload' : 'Try again'} onRetry={retry} />}
      {loading && <p className="muted empty">Loading the file and its comments…</p>}
      {file && (
        <div className="viewer-body">
          <div className="viewer-main">
            <Player key={file.id} />
            {document ? <PageControls /> : <Transport />}
          </div>
          <CommentsPanel canDraw={kind === 'video' || kind === 'image' || document} document={document} />
        </div>
      )}
    </section>
  );
}
