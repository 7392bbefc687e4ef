// Comment timestamps. Frame.io stores a frame number (the first frame is 0: FIRST_API_FRAME) and,
// with `timestamp_as_timecode=true`, shows HH:MM:SS:FF instead; a body may send either (the spec's
// TimeStamp is oneOf both). Both convert at the file's own frame rate, from its technical metadata;
// a file whose media gave none counts at 24 (an assumption: see FIDELITY.md).
import { apiTimestampToIndex, frameRate, frameRateOfFps, framesToTimecode, indexToApiTimestamp, TimecodeError, timecodeToFrames, type FrameRate } from '../common/timecode.ts';
import { invalid } from './http.ts';
import type { FileRecord } from './store/records.ts';

const WITHOUT_A_RATE = frameRate('24');

export function fileRate(file: FileRecord): FrameRate {
  const fps = file.technical?.frameRate;
  return (fps !== undefined && frameRateOfFps(fps, file.technical?.startTimecode)) || WITHOUT_A_RATE;
}

/** A timecode from the file's first frame (00:00:00:00) as the frame number Frame.io stores. */
export function timecodeToFrame(timecode: string, rate: FrameRate): number {
  try {
    return indexToApiTimestamp(timecodeToFrames(timecode, rate));
  } catch (error) {
    if (error instanceof TimecodeError) throw invalid(`Invalid timecode: ${error.message}`, '/data/timestamp');
    throw error;
  }
}

export function frameToTimecode(frame: number, rate: FrameRate): string {
  return framesToTimecode(apiTimestampToIndex(frame), rate);
}
