// Comment timestamps. Frame.io stores a frame number (the first frame is 1) and, with
// `timestamp_as_timecode=true`, reads and writes HH:MM:SS:FF instead. Converting needs the file's
// frame rate; the sandbox does not probe media, so every file counts 24 frames a second.
import { invalid } from './http.ts';

export const SANDBOX_FPS = 24;

const TIMECODE = /^(\d{2}):(\d{2}):(\d{2})[:;](\d{2})$/;

export function timecodeToFrame(timecode: string, fps = SANDBOX_FPS): number {
  const match = TIMECODE.exec(timecode);
  if (!match) throw invalid(`Invalid timecode "${timecode}"; expected HH:MM:SS:FF`, '/data/timestamp');
  const [hours, minutes, seconds, frames] = match.slice(1).map(Number) as [number, number, number, number];
  if (minutes > 59 || seconds > 59 || frames >= fps) throw invalid(`Invalid timecode "${timecode}" at ${fps} fps`, '/data/timestamp');
  return ((hours * 60 + minutes) * 60 + seconds) * fps + frames + 1;
}

export function frameToTimecode(frame: number, fps = SANDBOX_FPS): string {
  const index = Math.max(0, frame - 1);
  const two = (n: number) => String(n).padStart(2, '0');
  const totalSeconds = Math.floor(index / fps);
  return `${two(Math.floor(totalSeconds / 3600))}:${two(Math.floor(totalSeconds / 60) % 60)}:${two(totalSeconds % 60)}:${two(index % fps)}`;
}
