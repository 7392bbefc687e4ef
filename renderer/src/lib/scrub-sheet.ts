// Frame.io's scrub sheet (media_links.scrub_sheet) is one picture of many frames of a video. How many
// and how they lie is not documented: Slate reads it as the sandbox makes it (main/sandbox/FIDELITY.md),
// 5 columns × 4 rows of frames taken evenly through the clip, left to right then top to bottom.

export const SHEET_COLUMNS = 5;
export const SHEET_ROWS = 4;
export const SHEET_FRAMES = SHEET_COLUMNS * SHEET_ROWS;

export interface Size {
  width: number;
  height: number;
}

/** The frame under a pointer `x` pixels into a thumbnail `width` wide: the sheet's frames spread evenly across it. */
export function frameAt(x: number, width: number): number {
  if (!(width > 0)) return 0;
  return Math.min(SHEET_FRAMES - 1, Math.max(0, Math.floor((x / width) * SHEET_FRAMES)));
}

/** Where one frame is drawn in a box, and which part of the sheet shows in it (CSS pixels). */
export interface FramePlacement {
  left: number;
  top: number;
  width: number;
  height: number;
  backgroundSize: string;
  backgroundPosition: string;
}

/**
 * Frame `index` of a sheet `sheet` pixels big, filling `box` as object-fit does: 'cover' fills it and
 * is cropped by the box, 'contain' shows it whole, centred.
 */
export function placeFrame(sheet: Size, box: Size, index: number, fit: 'cover' | 'contain'): FramePlacement {
  const tile = { width: sheet.width / SHEET_COLUMNS, height: sheet.height / SHEET_ROWS };
  const scale = (fit === 'cover' ? Math.max : Math.min)(box.width / tile.width, box.height / tile.height);
  const width = tile.width * scale;
  const height = tile.height * scale;
  const column = index % SHEET_COLUMNS;
  const row = Math.floor(index / SHEET_COLUMNS);
  return {
    left: (box.width - width) / 2,
    top: (box.height - height) / 2,
    width,
    height,
    backgroundSize: `${sheet.width * scale}px ${sheet.height * scale}px`,
    backgroundPosition: `${-column * width}px ${-row * height}px`,
  };
}
