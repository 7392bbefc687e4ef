import { useEffect, useState } from 'react';
import { usePages } from '../../store/pages.ts';

/** Previous and next page, a page number to go to, and how many pages there are. */
export function PageControls() {
  const { page, pages, goTo, step } = usePages();
  // What the person is typing, until they commit it; otherwise the page showing.
  const [typed, setTyped] = useState<string>();
  useEffect(() => setTyped(undefined), [page]);
  const commit = () => {
    if (typed !== undefined && typed.trim() !== '') goTo(Number(typed));
    setTyped(undefined);
  };
  return (
    <div className="page-controls" role="toolbar" aria-label="Pages">
      <button type="button" aria-label="Previous page" title="Previous page (← or Page Up)" disabled={page <= 1} onClick={() => step(-1)}>
        ◀︎
      </button>
      <label className="page-number">
        Page
        <input
          type="number"
          inputMode="numeric"
          min={1}
          max={pages || undefined}
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
        {pages > 0 ? `of ${pages}` : 'of …'}
      </span>
      <button type="button" aria-label="Next page" title="Next page (→ or Page Down)" disabled={pages > 0 && page >= pages} onClick={() => step(1)}>
        ▶︎
      </button>
    </div>
  );
}
