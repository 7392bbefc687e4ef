import { useState } from 'react';
import type { Tool } from '../../lib/drawing.ts';
import { mediaKind } from '../../lib/media.ts';
import { framesToTimecode } from '../../lib/timecode.ts';
import { COLOURS, useDraft } from '../../store/draft.ts';
import { usePages } from '../../store/pages.ts';
import { usePlayback } from '../../store/playback.ts';
import { useReview } from '../../store/review.ts';

const TOOLS: Array<{ id: Tool; label: string; glyph: string }> = [
  { id: 'rect', label: 'Rectangle', glyph: '▭' },
  { id: 'arrow', label: 'Arrow', glyph: '↗' },
  { id: 'pen', label: 'Pen', glyph: '✎' },
];

/** A new comment at the frame (or on the page) showing, with a drawing on it if the person makes one. */
export function Composer({ canDraw }: { canDraw: boolean }) {
  const { rate, create } = useReview();
  const document = useReview((s) => mediaKind(s.file?.mediaType ?? null) === 'document');
  const { media, frame, frames } = usePlayback();
  const page = usePages((s) => s.page);
  const draft = useDraft();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  // Only a file with a timeline has frames to comment at, and only a document has pages; others
  // take comments on the whole file.
  const timed = !document && media !== undefined && frames > 0 && rate !== undefined;
  const at = draft.frame ?? (document ? page : frame);
  const where = document ? `on p. ${at}` : timed ? `at ${framesToTimecode(at, rate)}` : 'on the whole file';
  const place = document ? { page: at } : timed ? { timestamp: at } : {};

  return (
    <form
      className="composer"
      aria-label="New comment"
      onSubmit={(e) => {
        e.preventDefault();
        if (busy || !text.trim()) return;
        setBusy(true);
        void create(text, place, draft.shapes)
          .then((ok) => {
            if (!ok) return;
            setText('');
            draft.clear();
          })
          .finally(() => setBusy(false));
      }}
    >
      <textarea
        aria-label="Comment"
        aria-keyshortcuts="Control+Enter Meta+Enter"
        placeholder={`Comment ${where}…`}
        value={text}
        maxLength={10_000}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) e.currentTarget.form?.requestSubmit();
        }}
      />
      {canDraw && (
        <div className="draw-tools" role="toolbar" aria-label="Drawing">
          {TOOLS.map((tool) => (
            <button key={tool.id} type="button" aria-label={tool.label} data-tip={tool.label} aria-pressed={draft.tool === tool.id} onClick={() => draft.setTool(draft.tool === tool.id ? null : tool.id)}>
              {tool.glyph}
            </button>
          ))}
          <span className="swatches" role="radiogroup" aria-label="Colour">
            {COLOURS.map((colour) => (
              <button
                key={colour.value}
                type="button"
                role="radio"
                className="swatch"
                style={{ background: colour.value }}
                aria-label={colour.label}
                data-tip={colour.label}
                aria-checked={draft.color === colour.value}
                onClick={() => draft.setColor(colour.value)}
              />
            ))}
          </span>
          <button type="button" className="link" disabled={draft.shapes.length === 0} onClick={draft.undo}>
            Undo
          </button>
          <button type="button" className="link" disabled={draft.shapes.length === 0} onClick={draft.clear}>
            Clear
          </button>
        </div>
      )}
      <button type="submit" className="primary" disabled={busy || !text.trim()}>
        Comment {where}
        {draft.shapes.length > 0 ? ` with ${draft.shapes.length === 1 ? 'a drawing' : `${draft.shapes.length} shapes`}` : ''}
      </button>
    </form>
  );
}
