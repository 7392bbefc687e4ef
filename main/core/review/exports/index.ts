// The export formats by name, as the CLI and the viewer offer them.
import { toAvidMarkers } from './avid.ts';
import { toCsv } from './csv.ts';
import { toResolveEdl } from './edl.ts';
import { toFcpxml } from './fcpxml.ts';
import { toJson } from './json.ts';
import type { ReviewExport } from './model.ts';

export type { ExportComment, ExportFile, ExportReply, ReviewExport } from './model.ts';

export const EXPORT_FORMATS = {
  csv: { label: 'CSV (spreadsheet)', extension: 'csv', mediaType: 'text/csv', render: toCsv },
  edl: { label: 'EDL markers (DaVinci Resolve)', extension: 'edl', mediaType: 'text/plain', render: toResolveEdl },
  avid: { label: 'Marker list (Avid Media Composer)', extension: 'txt', mediaType: 'text/plain', render: toAvidMarkers },
  fcpxml: { label: 'FCPXML markers (Final Cut Pro)', extension: 'fcpxml', mediaType: 'application/xml', render: toFcpxml },
  json: { label: 'JSON', extension: 'json', mediaType: 'application/json', render: toJson },
} as const;

export type ExportFormat = keyof typeof EXPORT_FORMATS;

export function isExportFormat(name: string): name is ExportFormat {
  return Object.hasOwn(EXPORT_FORMATS, name);
}

export function renderExport(format: ExportFormat, review: ReviewExport): string {
  return EXPORT_FORMATS[format].render(review);
}
