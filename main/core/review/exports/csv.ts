// CSV for producers and spreadsheets (RFC 4180): one row per comment, a row per reply under it.
import { placeComments, withoutControls, type ReviewExport } from './model.ts';

// Page sits with the timecodes, where a comment is; a PDF's rows have a page and no timecode.
const HEADER = ['#', 'Timecode In', 'Timecode Out', 'Page', 'Author', 'Comment', 'Status', 'Created'];

export function toCsv(review: ReviewExport): string {
  const rows = [HEADER];
  for (const placed of placeComments(review)) {
    const { comment } = placed;
    const out = comment.durationFrames ? placed.timecodeOut : '';
    const timecodeIn = comment.timestamp === null ? '' : placed.timecodeIn;
    const page = comment.page === null ? '' : String(comment.page);
    rows.push([String(placed.number), timecodeIn, out, page, text(comment.author), text(comment.text), comment.completed ? 'Completed' : 'Open', comment.createdAt]);
    comment.replies.forEach((reply, i) => {
      rows.push([`${placed.number}.${i + 1}`, timecodeIn, '', page, text(reply.author ?? ''), text(reply.text), 'Reply', reply.createdAt]);
    });
  }
  // The byte-order mark is how Excel knows the file is UTF-8; without it names and emoji garble.
  return '\uFEFF' + rows.map((row) => row.map(field).join(',') + '\r\n').join('');
}

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Free text from reviewers. A spreadsheet runs a cell that starts with = + - or @ as a formula, so
 * such text is led by an apostrophe (OWASP's advice for CSV injection) and stays text.
 */
function text(value: string): string {
  const clean = withoutControls(value, '\t\r\n');
  return /^[=+\-@\t\r]/.test(clean) ? `'${clean}` : clean;
}
