// FCPXML 1.10 for Final Cut Pro: the file as an asset clip in a project, each comment a to-do
// marker on it (ticked when completed). Every time is a rational number of seconds built from the
// frame duration, so markers land exactly on frames at NTSC rates.
import { timecodeToFrames, type FrameRate } from '../../../common/timecode.ts';
import { placeComments, withoutControls, type ReviewExport } from './model.ts';

export function toFcpxml(review: ReviewExport): string {
  const { file } = review;
  const { rate } = file;
  const placed = placeComments(review);
  const start = timecodeToFrames(file.startTimecode, rate);
  const lastMarkerEnd = Math.max(1, ...placed.map((p) => p.index + p.length));
  const duration = fcpTime(Math.max(file.durationFrames ?? 0, lastMarkerEnd), rate);
  const tcFormat = rate.dropFrame ? 'DF' : 'NDF';
  const name = attr(file.name);

  const markers = placed.map(({ comment, index, length }) => {
    const note = [`${comment.author}, ${comment.createdAt}`, ...comment.replies.map((r) => `Reply${r.author ? ` (${r.author})` : ''}: ${r.text}`)].join('\n');
    return `              <marker start="${fcpTime(start + index, rate)}" duration="${fcpTime(length, rate)}" value="${attr(comment.text)}" completed="${comment.completed ? 1 : 0}" note="${attr(note)}"/>`;
  });

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE fcpxml>',
    '<fcpxml version="1.10">',
    '  <resources>',
    `    <format id="r1" frameDuration="${fcpTime(1, rate)}"/>`,
    `    <asset id="r2" name="${name}" start="${fcpTime(start, rate)}" duration="${duration}" hasVideo="1" format="r1">`,
    // Relative to the FCPXML file: put it beside the media and Final Cut links them up.
    `      <media-rep kind="original-media" src="${attr(encodeURIComponent(file.name))}"/>`,
    '    </asset>',
    '  </resources>',
    '  <library>',
    '    <event name="Frame.io review">',
    `      <project name="${name}">`,
    `        <sequence format="r1" duration="${duration}" tcStart="${fcpTime(start, rate)}" tcFormat="${tcFormat}">`,
    '          <spine>',
    `            <asset-clip ref="r2" name="${name}" offset="${fcpTime(start, rate)}" start="${fcpTime(start, rate)}" duration="${duration}" tcFormat="${tcFormat}">`,
    ...markers,
    '            </asset-clip>',
    '          </spine>',
    '        </sequence>',
    '      </project>',
    '    </event>',
    '  </library>',
    '</fcpxml>',
    '',
  ].join('\n');
}

/** `frames` frames as FCPXML time: "0s", or seconds as a reduced fraction such as "1001/30000s". */
export function fcpTime(frames: number, rate: FrameRate): string {
  const numerator = frames * rate.denominator;
  const divisor = gcd(numerator, rate.numerator);
  const [n, d] = [numerator / divisor, rate.numerator / divisor];
  return d === 1 ? `${n}s` : `${n}/${d}s`;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * An XML attribute value. Line breaks and tabs are written as character references because a
 * parser turns literal ones into spaces; characters XML 1.0 cannot carry at all are dropped.
 */
function attr(text: string): string {
  return withoutControls(text, '\t\n\r')
    .replace(/[\uFFFE\uFFFF]/g, '')
    .replace(/[&<>"'\t\n\r]/g, (c) => ENTITIES[c]!);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };
