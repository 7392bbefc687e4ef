// Frame.io converts comment timestamps to timecode with the file's own frame rate, but does not
// otherwise report that rate. Comparing the two forms of the same comments reveals how the file
// counts frames: its timebase and whether it drops frame numbers.
import { FRAME_RATES, framesToTimecode, apiTimestampToIndex, type FrameRate } from '../../common/timecode.ts';

/**
 * Rates tried, in order. Rates that count alike (23.976 and 24, 29.97 and 30…) give the same
 * timecodes, so only the integer one of each pair is tried; which of the pair a file really is
 * cannot be told this way.
 */
const CANDIDATES = ['24', '25', '30', '29.97 DF', '48', '50', '60', '59.94 DF'].map((name) => FRAME_RATES.find((r) => r.name === name)!);

/**
 * The first rate under which every comment's frame number reads as the timecode Frame.io gave,
 * or undefined when no comment has both or no rate fits.
 */
export function probeFrameRate(frames: Map<string, number | null>, timecodes: Map<string, string>): FrameRate | undefined {
  const pairs = [...timecodes].flatMap(([id, timecode]) => {
    const frame = frames.get(id);
    return typeof frame === 'number' ? [[apiTimestampToIndex(frame), timecode.replaceAll(';', ':')] as const] : [];
  });
  if (pairs.length === 0) return undefined;
  return CANDIDATES.find((r) => pairs.every(([index, timecode]) => framesToTimecode(index, r).replaceAll(';', ':') === timecode));
}
