// What every export is made from: a file's review in plain values, and the comments placed on its
// timeline (or a document's pages) in the order editors read them.
import { apiTimestampToIndex, offsetTimecode, type FrameRate } from '../../../common/timecode.ts';

export interface ExportFile {
  name: string;
  rate: FrameRate;
  /** the timecode of the file's first frame */
  startTimecode: string;
  /** the file's length in frames, when known */
  durationFrames?: number;
  /** a document (a PDF): its comments sit on pages, and it has no timeline to place markers on */
  document?: boolean;
}

export interface ExportReply {
  text: string;
  /** Frame.io shows no owner on replies, so the author is often unknown */
  author: string | null;
  createdAt: string;
}

export interface ExportComment {
  text: string;
  author: string;
  /** the API's timestamp (see FIRST_API_FRAME), or null for a comment on the whole file */
  timestamp: number | null;
  /** how many frames the comment spans, when it spans more than its first */
  durationFrames: number | null;
  /** the document page it is on, from 1; null for media and for a comment on the whole document */
  page: number | null;
  completed: boolean;
  createdAt: string;
  replies: ExportReply[];
}

export interface ReviewExport {
  file: ExportFile;
  comments: ExportComment[];
}

export interface PlacedComment {
  /** 1, 2, 3… in reading order */
  number: number;
  comment: ExportComment;
  /** frame index from the file's start (0 is the first frame); comments on the whole file sit there */
  index: number;
  /** frames the marker spans, at least 1 */
  length: number;
  timecodeIn: string;
  /** the first frame after the comment, as edit lists count */
  timecodeOut: string;
}

/**
 * Comments in reading order: comments on the whole file first, then by page or frame, then by
 * creation. Frame.io's own order is by creation, which is not how an editor walks a timeline.
 */
export function placeComments({ file, comments }: ReviewExport): PlacedComment[] {
  const keyed = comments.map((comment) => ({ comment, index: comment.timestamp === null ? -1 : apiTimestampToIndex(comment.timestamp) }));
  keyed.sort((a, b) => (a.comment.page ?? 0) - (b.comment.page ?? 0) || a.index - b.index || a.comment.createdAt.localeCompare(b.comment.createdAt));
  return keyed.map(({ comment, index }, i) => {
    const at = Math.max(0, index);
    const length = Math.max(1, comment.durationFrames ?? 1);
    return {
      number: i + 1,
      comment,
      index: at,
      length,
      timecodeIn: offsetTimecode(file.startTimecode, at, file.rate),
      timecodeOut: offsetTimecode(file.startTimecode, at + length, file.rate),
    };
  });
}

/** Text for formats that hold one line per marker: line breaks and tabs become spaces. */
export function oneLine(text: string): string {
  return withoutControls(text.replace(/\r\n|[\r\n\t\v\f\u2028\u2029]/g, ' ')).trim();
}

/** Drops control characters (a stray NUL or escape breaks most importers), keeping the ones in `keep`. */
export function withoutControls(text: string, keep = ''): string {
  let out = '';
  for (const char of text.toWellFormed()) {
    const code = char.codePointAt(0)!;
    if ((code >= 0x20 && code !== 0x7f) || keep.includes(char)) out += char;
  }
  return out;
}

/** A marker's text: the comment, then its replies, so notes taken back to the timeline keep the thread. */
export function markerText(comment: ExportComment): string {
  const replies = comment.replies.map((reply) => ` / Reply${reply.author ? ` (${oneLine(reply.author)})` : ''}: ${oneLine(reply.text)}`);
  return oneLine(comment.text) + replies.join('');
}
