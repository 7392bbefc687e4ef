import { useRef } from 'react';
import type { ExportFormat } from '../../../../preload/contract.ts';
import { useReview } from '../../store/review.ts';
import './document.css';

/** `timeline`: markers at timecodes, which a document's comments (on pages) do not have. */
const FORMATS: Array<{ id: ExportFormat; label: string; timeline: boolean }> = [
  { id: 'csv', label: 'CSV', timeline: false },
  { id: 'edl', label: 'EDL markers (Resolve)', timeline: true },
  { id: 'avid', label: 'Avid marker list', timeline: true },
  { id: 'fcpxml', label: 'FCPXML markers', timeline: true },
  { id: 'json', label: 'JSON', timeline: false },
];

export function ExportMenu({ document }: { document: boolean }) {
  const exportAs = useReview((s) => s.exportAs);
  const menu = useRef<HTMLDetailsElement>(null);
  return (
    <details ref={menu} className="menu">
      <summary>Export comments</summary>
      <div className="menu-items" role="menu">
        {FORMATS.map((format) => (
          <button
            key={format.id}
            type="button"
            role="menuitem"
            disabled={document && format.timeline}
            title={document && format.timeline ? 'A timeline format: a PDF has pages, not timecodes' : undefined}
            onClick={() => {
              menu.current?.removeAttribute('open');
              void exportAs(format.id);
            }}
          >
            {format.label}
          </button>
        ))}
        {document && (
          <p className="muted menu-note" role="note">
            EDL, Avid and FCPXML place markers on an edit&apos;s timeline; a PDF&apos;s comments sit on pages. CSV and JSON list each comment&apos;s page.
          </p>
        )}
      </div>
    </details>
  );
}
