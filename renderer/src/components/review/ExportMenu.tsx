import { useRef } from 'react';
import type { ExportFormat } from '../../../../preload/contract.ts';
import { useReview } from '../../store/review.ts';

const FORMATS: Array<{ id: ExportFormat; label: string }> = [
  { id: 'csv', label: 'CSV' },
  { id: 'edl', label: 'EDL markers (Resolve)' },
  { id: 'avid', label: 'Avid marker list' },
  { id: 'fcpxml', label: 'FCPXML markers' },
  { id: 'json', label: 'JSON' },
];

export function ExportMenu() {
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
            onClick={() => {
              menu.current?.removeAttribute('open');
              void exportAs(format.id);
            }}
          >
            {format.label}
          </button>
        ))}
      </div>
    </details>
  );
}
