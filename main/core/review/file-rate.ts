// The frame rate to show a file's comments at. The API never states it, so unless the person says,
// it is read off Frame.io's own timecodes for comments placed past the first frame; with none
// there, every rate gives the same timecodes and 24 serves.
import type { CommentService, ReviewComment } from './comments.ts';
import { probeFrameRate } from './frame-rate-probe.ts';
import { frameRate, type FrameRate } from './timecode.ts';

export class UnknownFrameRate extends Error {
  constructor() {
    super("Could not tell the file's frame rate from Frame.io's timecodes");
  }
}

/** `probed` says the rate was read off Frame.io (so 23.976 and 24 look alike), not given. */
export async function fileFrameRate(service: CommentService, fileId: string, comments: readonly ReviewComment[]): Promise<{ rate: FrameRate; probed: boolean }> {
  const placed = comments.filter((c) => c.timestamp !== null && c.timestamp > 1).map((c) => [c.id, c.timestamp] as const);
  if (placed.length === 0) return { rate: frameRate('24'), probed: false };
  const probed = probeFrameRate(new Map(placed), await service.timecodes(fileId));
  if (!probed) throw new UnknownFrameRate();
  return { rate: probed, probed: true };
}
