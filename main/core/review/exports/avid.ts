// An Avid Media Composer marker list, the tab-separated text its Markers window imports: user,
// timecode, track, colour, comment, duration, one marker per line.
import { markerText, oneLine, placeComments, type ReviewExport } from './model.ts';

export function toAvidMarkers(review: ReviewExport): string {
  return placeComments(review)
    .map(({ comment, timecodeIn, length }) => {
      const fields = [oneLine(comment.author), timecodeIn, 'V1', comment.completed ? 'green' : 'blue', markerText(comment), String(length)];
      return fields.join('\t') + '\n';
    })
    .join('');
}
