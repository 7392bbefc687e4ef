// The frame rate to show a file's comments at: the file's own, from its technical metadata. For a
// file whose metadata has none, it is read off Frame.io's own timecodes for comments placed past
// the first frame; with none there, every rate gives the same timecodes and 24 serves.
import type { CommentService, ReviewComment } from './comments.ts';
import { probeFrameRate } from './frame-rate-probe.ts';
import type { FileTimeline } from './technical.ts';
import { FIRST_API_FRAME, frameRate, type FrameRate } from '../../common/timecode.ts';

export class UnknownFrameRate extends Error {
  constructor() {
    super("The file's metadata gives no frame rate, and Frame.io's timecodes do not tell it");
  }
}

/**
 * `metadata`: the file's own rate. `timecodes`: read off Frame.io's timecodes, which cannot tell
 * 23.976 from 24. `assumed`: nothing to tell it by.
 */
export type RateSource = 'metadata' | 'timecodes' | 'assumed';

export async function fileFrameRate(service: CommentService, fileId: string, comments: readonly ReviewComment[], timeline: FileTimeline): Promise<{ rate: FrameRate; source: RateSource }> {
  if (timeline.rate) return { rate: timeline.rate, source: 'metadata' };
  const placed = comments.filter((c) => c.timestamp !== null && c.timestamp > FIRST_API_FRAME).map((c) => [c.id, c.timestamp] as const);
  if (placed.length === 0) return { rate: frameRate('24'), source: 'assumed' };
  const probed = probeFrameRate(new Map(placed), await service.timecodes(fileId));
  if (!probed) throw new UnknownFrameRate();
  return { rate: probed, source: 'timecodes' };
}
