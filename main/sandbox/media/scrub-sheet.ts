// Scrub sheets: Frame.io's media_links.scrub_sheet is "a WebP sprite sheet of video frame thumbnails
// for building scrubbing UI"; how many frames it holds and how they are laid out is not documented.
// The sandbox's sheet (an assumption, in FIDELITY.md): SCRUB_SHEET.columns × rows frames taken evenly
// through the clip, left to right then top to bottom, each TILE_WIDTH pixels wide at the clip's shape.
import type { FileRecord } from '../store/records.ts';
import type { World } from '../world.ts';
import { hasPicture, makePicture } from './ffmpeg.ts';

export const SCRUB_SHEET = { columns: 5, rows: 4 } as const;
const TILE_WIDTH = 160;

/**
 * ffmpeg's arguments for a sheet of `duration` seconds of video: a frame at the middle of each of
 * columns × rows equal spans (the first is never the fade from black), scaled, tiled, as WebP.
 */
export function scrubSheetArgs(input: string, duration: number): string[] {
  const { columns, rows } = SCRUB_SHEET;
  const rate = (columns * rows) / duration;
  const tiles = `fps=${rate},scale=${TILE_WIDTH}:-2,tile=${columns}x${rows}`;
  return ['-ss', String(1 / rate / 2), '-i', input, '-vf', tiles, '-frames:v', '1', '-c:v', 'libwebp', '-quality', '60', '-f', 'webp'];
}

/** Makes a video's scrub sheet; bytes without a known duration, a video ffmpeg cannot read, or no ffmpeg, leave it without. */
export function makeScrubSheet(world: World, file: FileRecord): Promise<void> {
  const duration = file.technical?.durationSeconds;
  if (!hasPicture(file) || !duration) return Promise.resolve();
  return makePicture(world, file, 'scrub_sheet', (input) => scrubSheetArgs(input, duration));
}
