// The playhead's side of timecode: which frame a playback time shows, where to seek for a frame,
// and a frame's SMPTE timecode. The service owns the rate (the file's metadata); these run on every
// animation frame, so they live here. A unit test holds them to the service's own timecode maths.
//
// Frames here are indexes from 0, as the contract gives comments' places: the service alone
// converts them to and from Frame.io's timestamps.
import type { FrameRate } from '../../../preload/contract.ts';

export function secondsToFrame(seconds: number, rate: FrameRate): number {
  // The tolerance keeps secondsToFrame(frameToSeconds(n)) at n for NTSC rates.
  return Math.max(0, Math.floor((seconds * rate.numerator) / rate.denominator + 1e-6));
}

export function frameToSeconds(index: number, rate: FrameRate): number {
  return (index * rate.denominator) / rate.numerator;
}

/** The middle of a frame: players round a seek either way, and a frame's very start can land on the one before. */
export function seekSecondsForFrame(index: number, rate: FrameRate): number {
  return frameToSeconds(index, rate) + rate.denominator / rate.numerator / 2;
}

/** SMPTE timecode of a frame index from 00:00:00:00; drop-frame is written with ";". */
export function framesToTimecode(index: number, rate: FrameRate): string {
  const drop = rate.dropFrame ? rate.timebase / 15 : 0;
  let frames = Math.max(0, Math.floor(index));
  if (drop > 0) {
    // Add back the frame numbers skipped so far, then count as if none were.
    const perMinute = 60 * rate.timebase - drop;
    const perTenMinutes = 10 * perMinute + drop;
    const rest = frames % perTenMinutes;
    frames += 9 * drop * Math.floor(frames / perTenMinutes) + drop * Math.floor(Math.max(0, rest - drop) / perMinute);
  }
  const seconds = Math.floor(frames / rate.timebase);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hms = [Math.floor(seconds / 3600) % 24, Math.floor(seconds / 60) % 60, seconds % 60].map(pad).join(':');
  return `${hms}${rate.dropFrame ? ';' : ':'}${pad(frames % rate.timebase)}`;
}
