// A file's comments written out in an export format, at the file's own frame rate and start
// timecode unless the person gives others: what the viewer's Export menu and `slate comments` make.
import { toExportComment } from './comments.ts';
import { isDocument } from './document.ts';
import { renderExport, type ExportFormat } from './exports/index.ts';
import type { RateSource } from './file-rate.ts';
import type { ReviewFile, ReviewSource } from './source.ts';
import { durationFramesAt, startTimecodeFor, type FileTimeline } from './technical.ts';
import { FIRST_API_FRAME, type FrameRate } from '../../common/timecode.ts';

export interface ExportedReview {
  file: ReviewFile;
  timeline: FileTimeline;
  rate: FrameRate;
  /** `override`: the rate given, not the file's own */
  source: RateSource | 'override';
  text: string;
  comments: number;
  /** comments placed past the first frame, whose timecodes depend on the rate */
  placed: number;
}

export async function exportReview(source: ReviewSource, fileId: string, format: ExportFormat, options: { rate?: FrameRate; startTimecode?: string } = {}): Promise<ExportedReview> {
  // The file first: what it is (a folder, a file that is not there) says more than its comments' refusal.
  const { file, timeline } = await source.file(fileId);
  const comments = await source.list(fileId, { replies: true });
  const read = options.rate ? { rate: options.rate, source: 'override' as const } : await source.frameRate(fileId, comments, timeline);
  const startTimecode = startTimecodeFor(read.rate, options.startTimecode, timeline);
  const exported = { name: file.name, rate: read.rate, startTimecode, durationFrames: durationFramesAt(read.rate, timeline), document: isDocument(file.mediaType) };
  const text = renderExport(format, { file: exported, comments: comments.map(toExportComment) });
  const placed = comments.filter((c) => c.timestamp !== null && c.timestamp > FIRST_API_FRAME).length;
  return { file, timeline, rate: read.rate, source: read.source, text, comments: comments.length, placed };
}
