// Frame numbers, SMPTE timecode (SMPTE 12M, drop-frame included) and seconds, for the viewer and
// the comment exports.
//
// Three ways of naming a frame meet here, and mixing them up is the classic off-by-one:
// - a frame *index*: 0 is the first frame of the file; all the maths below works on indexes;
// - an API *timestamp*: Frame.io's integer comment timestamp, counted from FIRST_API_FRAME;
// - a *timecode*: HH:MM:SS:FF, which adds the file's start timecode to the index.

export class TimecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimecodeError';
  }
}

export interface FrameRate {
  /** how people write it: "23.976", "29.97 DF", "25" */
  readonly name: string;
  /** the exact rate is numerator/denominator frames per second (30000/1001 for 29.97) */
  readonly numerator: number;
  readonly denominator: number;
  /** frames counted per timecode second: 30 for 29.97, 24 for 23.976 */
  readonly timebase: number;
  readonly dropFrame: boolean;
}

function rate(name: string, numerator: number, denominator: number, dropFrame = false): FrameRate {
  return Object.freeze({ name, numerator, denominator, timebase: Math.round(numerator / denominator), dropFrame });
}

export const FRAME_RATES: readonly FrameRate[] = Object.freeze([
  rate('23.976', 24000, 1001),
  rate('24', 24, 1),
  rate('25', 25, 1),
  rate('29.97', 30000, 1001),
  rate('29.97 DF', 30000, 1001, true),
  rate('30', 30, 1),
  rate('47.952', 48000, 1001),
  rate('48', 48, 1),
  rate('50', 50, 1),
  rate('59.94', 60000, 1001),
  rate('59.94 DF', 60000, 1001, true),
  rate('60', 60, 1),
]);

/** Other decimal spellings of the NTSC rates. */
const ALIASES: Record<string, string> = { '23.98': '23.976', '47.95': '47.952' };

/**
 * A supported rate from how it is usually written: 25, "29.97", "29.97 DF", "29.97df", "59.94 NDF",
 * "30000/1001". A bare NTSC rate is non-drop-frame; drop-frame must be asked for.
 */
export function frameRate(input: string | number): FrameRate {
  const match = /^(?:(\d+)\/(\d+)|(\d+(?:\.\d+)?))\s*(df|ndf)?$/i.exec(String(input).trim());
  if (match) {
    const [, numerator, denominator, decimal, mode] = match;
    const dropFrame = mode?.toLowerCase() === 'df';
    const sameRate = (r: FrameRate) =>
      decimal === undefined ? Number(numerator) * r.denominator === Number(denominator) * r.numerator : r.name.split(' ')[0] === (ALIASES[decimal] ?? String(Number(decimal)));
    const found = FRAME_RATES.find((r) => sameRate(r) && r.dropFrame === dropFrame);
    if (found) return found;
    if (dropFrame && FRAME_RATES.some(sameRate)) throw new TimecodeError(`Drop-frame timecode exists only at 29.97 and 59.94 fps, not at ${String(input).trim()}.`);
  }
  throw new TimecodeError(`Unsupported frame rate "${input}". Use one of: ${FRAME_RATES.map((r) => r.name).join(', ')}.`);
}

export function framesPerSecond(r: FrameRate): number {
  return r.numerator / r.denominator;
}

/** Frame numbers skipped at the start of each minute, except every tenth: 2 at 29.97, 4 at 59.94. */
function droppedPerMinute(r: FrameRate): number {
  return r.dropFrame ? r.timebase / 15 : 0;
}

/** Frames in 24 hours of timecode, after which timecode wraps round like a clock. */
function framesPerDay(r: FrameRate): number {
  return 24 * 60 * (60 * r.timebase - droppedPerMinute(r)) + 24 * 6 * droppedPerMinute(r);
}

function wholeIndex(index: number, what: string): void {
  if (!Number.isSafeInteger(index) || index < 0) throw new TimecodeError(`${what} must be a whole number of frames from 0, got ${index}.`);
}

/** The timecode of a frame index (0 is 00:00:00:00). Drop-frame timecode is written with ";". */
export function framesToTimecode(index: number, r: FrameRate): string {
  wholeIndex(index, 'A frame index');
  let frames = index % framesPerDay(r);
  const drop = droppedPerMinute(r);
  if (drop > 0) {
    // Count as if no numbers were dropped, by adding back those skipped before this frame.
    const perMinute = 60 * r.timebase - drop;
    const perTenMinutes = 10 * perMinute + drop;
    const tens = Math.floor(frames / perTenMinutes);
    const rest = frames % perTenMinutes;
    frames += 9 * drop * tens + drop * Math.floor(Math.max(0, rest - drop) / perMinute);
  }
  const ff = frames % r.timebase;
  const totalSeconds = Math.floor(frames / r.timebase);
  const parts = [Math.floor(totalSeconds / 3600), Math.floor(totalSeconds / 60) % 60, totalSeconds % 60].map(pad);
  return `${parts.join(':')}${r.dropFrame ? ';' : ':'}${pad(ff)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * The frame index of a timecode. Accepts ":" or ";" separators (the API writes drop-frame
 * timecode with colons), but a ";" at a non-drop rate is refused as a likely mix-up of rates.
 */
export function timecodeToFrames(timecode: string, r: FrameRate): number {
  const match = /^(\d{2})[:;](\d{2})[:;](\d{2})[:;](\d{2})$/.exec(timecode.trim());
  if (!match) throw new TimecodeError(`"${timecode}" is not a timecode; expected HH:MM:SS:FF.`);
  if (!r.dropFrame && timecode.includes(';')) {
    throw new TimecodeError(`"${timecode}" is written as drop-frame (";") but the rate is ${r.name}, which is non-drop-frame.`);
  }
  const [hh, mm, ss, ff] = match.slice(1).map(Number) as [number, number, number, number];
  if (hh > 23 || mm > 59 || ss > 59) throw new TimecodeError(`"${timecode}" is out of range: hours go to 23, minutes and seconds to 59.`);
  if (ff >= r.timebase) throw new TimecodeError(`"${timecode}" is out of range: at ${r.name} fps frames go from 00 to ${pad(r.timebase - 1)}.`);
  const drop = droppedPerMinute(r);
  if (drop > 0 && ss === 0 && ff < drop && mm % 10 !== 0) {
    throw new TimecodeError(`"${timecode}" does not exist at ${r.name}: frames 00 to ${pad(drop - 1)} are dropped at the start of each minute except every tenth.`);
  }
  const minutes = 60 * hh + mm;
  return (3600 * hh + 60 * mm + ss) * r.timebase + ff - drop * (minutes - Math.floor(minutes / 10));
}

/** Moves a timecode by a number of frames, wrapping round at 24 hours like a clock. */
export function offsetTimecode(timecode: string, frames: number, r: FrameRate): string {
  const day = framesPerDay(r);
  return framesToTimecode((((timecodeToFrames(timecode, r) + frames) % day) + day) % day, r);
}

/**
 * The number Frame.io gives the first frame of a file in a comment's integer `timestamp`: 0.
 * Observed on the live service (a 29.97 fps drop-frame file): a comment stored as `timestamp: 11974`
 * shows in Frame.io as 00:06:39;16 and `9000` as 00:05:00;10, which is exact for frames counted
 * from 0 (counted from 1 they would read ;15 and ;09). The spec's TimeStamp allows `minimum: 0`.
 * Every conversion between API timestamps and frame indexes goes through the two functions below.
 */
export const FIRST_API_FRAME = 0;

/** A Frame.io comment timestamp as a frame index (0 is the first frame of the file). */
export function apiTimestampToIndex(timestamp: number): number {
  if (!Number.isSafeInteger(timestamp) || timestamp < FIRST_API_FRAME) {
    throw new TimecodeError(`A comment timestamp must be a whole frame number from ${FIRST_API_FRAME}, got ${timestamp}.`);
  }
  return timestamp - FIRST_API_FRAME;
}

/** A frame index (0 is the first frame of the file) as a Frame.io comment timestamp. */
export function indexToApiTimestamp(index: number): number {
  wholeIndex(index, 'A frame index');
  return index + FIRST_API_FRAME;
}

/** NTSC rates, which Frame.io's "Frame Rate" field gives rounded (29.97), and whose timecode may drop frames. */
const CLOSE_ENOUGH = 0.005;

/**
 * The rate of a file whose technical metadata says `fps` frames a second (Frame.io's "Frame Rate"
 * field, a number such as 29.97), or undefined for a rate timecode does not count at (15, 12.5).
 * 29.97 and 59.94 count drop-frame, as Frame.io shows them (the observation on FIRST_API_FRAME is
 * drop-frame), unless the file's own start timecode is written non-drop ("01:00:00:00").
 */
export function frameRateOfFps(fps: number, startTimecode?: string | null): FrameRate | undefined {
  const same = FRAME_RATES.filter((r) => Math.abs(framesPerSecond(r) - fps) < CLOSE_ENOUGH);
  const nonDrop = startTimecode !== undefined && startTimecode !== null && /:\d{2}$/.test(startTimecode.trim());
  return same.find((r) => r.dropFrame !== nonDrop) ?? same[0];
}

/** The timecode at which a comment sits, given the file's rate and start timecode. */
export function timecodeOfApiTimestamp(timestamp: number, r: FrameRate, startTimecode = '00:00:00:00'): string {
  return offsetTimecode(startTimecode, apiTimestampToIndex(timestamp), r);
}

/** The API timestamp of a timecode within a file that starts at `startTimecode`. */
export function apiTimestampOfTimecode(timecode: string, r: FrameRate, startTimecode = '00:00:00:00'): number {
  const day = framesPerDay(r);
  const index = (((timecodeToFrames(timecode, r) - timecodeToFrames(startTimecode, r)) % day) + day) % day;
  return indexToApiTimestamp(index);
}

/**
 * The frame showing at a playback time. A tiny tolerance absorbs floating-point error, so that
 * secondsToFrame(frameToSeconds(n)) is n even at NTSC rates.
 */
export function secondsToFrame(seconds: number, r: FrameRate): number {
  if (!Number.isFinite(seconds) || seconds < 0) throw new TimecodeError(`A playback time must be 0 seconds or more, got ${seconds}.`);
  return Math.floor((seconds * r.numerator) / r.denominator + 1e-6);
}

/** The playback time at which a frame starts. */
export function frameToSeconds(index: number, r: FrameRate): number {
  wholeIndex(index, 'A frame index');
  return (index * r.denominator) / r.numerator;
}

/**
 * Where to seek to show a frame: its middle, because players round a seek to a frame boundary
 * either way and the start of a frame can land on the one before it.
 */
export function seekSecondsForFrame(index: number, r: FrameRate): number {
  return frameToSeconds(index, r) + r.denominator / r.numerator / 2;
}
