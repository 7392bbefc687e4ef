// The export formats by name, as the CLI and the viewer offer them.
import { toAvidMarkers } from './avid.ts';
import { toCsv } from './csv.ts';
import { toResolveEdl } from './edl.ts';
import { toFcpxml } from './fcpxml.ts';
import { toJson } from './json.ts';
import type { ReviewExport } from './model.ts';

export type { ExportComment, ExportFile, ExportReply, ReviewExport } from './model.ts';

/** `timeline`: the format places comments as markers at timecodes, which a document does not have. */
export const EXPORT_FORMATS = {
  csv: { label: 'CSV (spreadsheet)', extension: 'csv', mediaType: 'text/csv', timeline: false, render: toCsv },
  edl: { label: 'EDL markers (DaVinci Resolve)', extension: 'edl', mediaType: 'text/plain', timeline: true, render: toResolveEdl },
  avid: { label: 'Marker list (Avid Media Composer)', extension: 'txt', mediaType: 'text/plain', timeline: true, render: toAvidMarkers },
  fcpxml: { label: 'FCPXML markers (Final Cut Pro)', extension: 'fcpxml', mediaType: 'application/xml', timeline: true, render: toFcpxml },
  json: { label: 'JSON', extension: 'json', mediaType: 'application/json', timeline: false, render: toJson },
} as const;

export type ExportFormat = keyof typeof EXPORT_FORMATS;

/** A timeline format asked of a document: every comment would land on the first frame, which says nothing. */
export class UnsuitableExport extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsuitableExport';
  }
}

export function isExportFormat(name: string): name is ExportFormat {
  return Object.hasOwn(EXPORT_FORMATS, name);
}

export function renderExport(format: ExportFormat, review: ReviewExport): string {
  const chosen = EXPORT_FORMATS[format];
  if (chosen.timeline && review.file.document) {
    throw new UnsuitableExport(`${chosen.label} places comments as markers on a timeline, and ${review.file.name} is a document: its comments sit on pages. Export CSV or JSON instead, which list each comment's page.`);
  }
  return chosen.render(review);
}
