// How often a folder on screen is listed again for other people's changes. Frame.io allows 100
// folder listings a minute per user (API-NOTES.md); looking again takes at most a tenth of that,
// so browsing, uploads and a second window keep the rest.

/** The shortest wait between looks at a small folder. */
export const LOOK_AGAIN_MS = 30_000;
const LISTINGS_PER_MINUTE = 10;
/** Pages of a listing: a first page of 50, then 500 a page (main/core/browse/browse.ts). */
const FIRST_PAGE = 50;
const PAGE = 500;

/** Slate's own change landing in many files at once is listed once, after it settles. */
export const CHANGE_SETTLE_MS = 800;

/** The wait before looking at a folder of `itemCount` items again: longer for folders that take more calls. */
export function lookAgainAfter(itemCount: number): number {
  const calls = 1 + Math.ceil(Math.max(0, itemCount - FIRST_PAGE) / PAGE);
  return Math.max(LOOK_AGAIN_MS, (calls * 60_000) / LISTINGS_PER_MINUTE);
}
