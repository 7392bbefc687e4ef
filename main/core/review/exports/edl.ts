// A marker EDL as DaVinci Resolve writes and reads it: CMX3600 events of one frame or the comment's
// span, each followed by a `|C:colour |M:name |D:duration` line that Resolve turns into a marker.
import { markerText, oneLine, placeComments, type ReviewExport } from './model.ts';

const OPEN = 'ResolveColorBlue';
const COMPLETED = 'ResolveColorGreen';

export function toResolveEdl(review: ReviewExport): string {
  const lines = [`TITLE: ${oneLine(review.file.name)}`, `FCM: ${review.file.rate.dropFrame ? 'DROP FRAME' : 'NON-DROP FRAME'}`, ''];
  for (const placed of placeComments(review)) {
    const event = String(placed.number).padStart(3, '0');
    const { timecodeIn: tcIn, timecodeOut: tcOut } = placed;
    lines.push(`${event}  001      V     C        ${tcIn} ${tcOut} ${tcIn} ${tcOut}  `);
    // " |" opens Resolve's next field, so a bar in the text would cut the marker name short.
    const name = `${oneLine(placed.comment.author)}: ${markerText(placed.comment)}`.replaceAll('|', '/');
    lines.push(` |C:${placed.comment.completed ? COMPLETED : OPEN} |M:${name} |D:${placed.length}`);
    lines.push('');
  }
  return lines.join('\r\n');
}
