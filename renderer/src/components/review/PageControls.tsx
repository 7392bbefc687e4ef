import { useEffect, useState } from 'react';
import { usePages } from '../../store/pages.ts';

/** Previous and next page, a page number to go to, and how many pages there are. */
export function PageControls() {
  const { page, pages, goTo, step } = usePages();
  // What the person is typing, until they commit it; otherwise the page showing.
  const [typed, setTyped] = useState<string>();
  // Until the document has been read (or when it cannot be) there is nowhere to go.
  const unread = pages === 0;
  useEffect(() => setTyped(undefined), [page]);
  const commit = () => {
    if (typed !== undefined && typed.trim() !== '') goTo(Number(typed));
    setTyped(undefined);
  };
  return (
    <div className="page-controls" role="toolbar" aria-label="Pages">
      <button type="button" aria-label="Previous page" data-tip="Previous page (← or Page Up)" disabled={unread || page <= 1} onClick={() => step(-1)}>
        ◀︎
      </button>
      <label className="page-number">
        Page
        <input
          type="number"
          inputMode="numeric"
          min={1}
          max={pages || undefined}
          disabled={unread}
          aria-label="Page number"
          value={typed ?? String(page)}
          onChange={(e) => setTyped(e.currentTarget.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') setTyped(undefined);
          }}
        />
      </label>
      <span className="muted" data-testid="page-count">
        {unread ? 'of …' : `of ${pages}`}
      </span>
      <button type="button" aria-label="Next page" data-tip="Next page (→ or Page Down)" disabled={unread || page >= pages} onClick={() => step(1)}>
        ▶︎
      </button>
    </div>
  );
}
