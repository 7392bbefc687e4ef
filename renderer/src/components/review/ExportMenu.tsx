import { useCallback, useRef, useState } from 'react';
import type { ExportFormat } from '../../../../preload/contract.ts';
import { useReview } from '../../store/review.ts';
import { useDismiss } from '../use-dismiss.ts';
import './document.css';

/** `timeline`: markers at timecodes, which a document's comments (on pages) do not have. */
const FORMATS: Array<{ id: ExportFormat; label: string; timeline: boolean }> = [
  { id: 'csv', label: 'CSV', timeline: false },
  { id: 'edl', label: 'EDL markers (Resolve)', timeline: true },
  { id: 'avid', label: 'Avid marker list', timeline: true },
  { id: 'fcpxml', label: 'FCPXML markers', timeline: true },
  { id: 'json', label: 'JSON', timeline: false },
];

const TIMECODE = /^\d{2}[:;]\d{2}[:;]\d{2}[:;]\d{2}$/;

export function ExportMenu({ document }: { document: boolean }) {
  const exportAs = useReview((s) => s.exportAs);
  const fileStart = useReview((s) => s.rate?.startTimecode);
  const menu = useRef<HTMLDetailsElement>(null);
  // The file's own start timecode (its metadata) unless the person types another.
  const [typed, setTyped] = useState<string | undefined>();
  const start = typed ?? fileStart ?? '00:00:00:00';
  const startValid = TIMECODE.test(start.trim());
  const [open, setOpen] = useState(false);
  const close = useCallback(() => {
    const details = menu.current;
    if (!details?.open) return;
    if (details.contains(window.document.activeElement)) details.querySelector('summary')?.focus();
    details.open = false;
  }, []);
  useDismiss(open, close, menu);
  return (
    <details ref={menu} className="menu" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Export comments</summary>
      <div className="menu-items">
        {!document && (
          <label className="menu-field">
            Start timecode
            <input
              className="timecode"
              value={start}
              aria-invalid={!startValid}
              title="The timecode of the file's first frame in the export; the file's own, from its metadata, unless you change it"
              onChange={(e) => setTyped(e.currentTarget.value)}
            />
          </label>
        )}
        <div className="menu-list" role="menu">
          {FORMATS.map((format) => (
            <button
              key={format.id}
              type="button"
              role="menuitem"
              disabled={(document && format.timeline) || (!document && !startValid)}
              title={document && format.timeline ? 'A timeline format: a PDF has pages, not timecodes' : !startValid ? 'Write the start timecode as HH:MM:SS:FF' : undefined}
              onClick={() => {
                close();
                void exportAs(format.id, !document && typed !== undefined ? start.trim() : undefined);
              }}
            >
              {format.label}
            </button>
          ))}
        </div>
        {document && (
          <p className="muted menu-note" role="note">
            EDL, Avid and FCPXML place markers on an edit&apos;s timeline; a PDF&apos;s comments sit on pages. CSV and JSON list each comment&apos;s page.
          </p>
        )}
      </div>
    </details>
  );
}
