import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { EXPORT_FORMATS, isExportFormat, renderExport, UnsuitableExport, type ExportComment, type ReviewExport } from '../../main/core/review/exports/index.ts';
import { FIRST_API_FRAME, frameRate, timecodeOfApiTimestamp, timecodeToFrames, type FrameRate } from '../../main/common/timecode.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/review/${name}`, import.meta.url), 'utf8');

function loadReview(input = 'input.json'): ReviewExport {
  const raw = JSON.parse(fixture(input));
  return { ...raw, file: { ...raw.file, rate: frameRate(raw.file.rate) } };
}

const EXPECTED = { csv: 'expected.csv', edl: 'expected.edl', avid: 'expected.avid.txt', fcpxml: 'expected.fcpxml', json: 'expected.json' } as const;

test('every format matches its hand-checked fixture byte for byte', () => {
  const review = loadReview();
  for (const [format, file] of Object.entries(EXPECTED)) {
    assert.ok(isExportFormat(format));
    assert.equal(renderExport(format, review), fixture(file), format);
  }
  assert.deepEqual(Object.keys(EXPORT_FORMATS).sort(), Object.keys(EXPECTED).sort());
  assert.ok(!isExportFormat('pdf'));
});

/** Comments in the order every export lists them: the whole file first, then by page or frame, then by creation. */
function readingOrder(comments: ExportComment[]): ExportComment[] {
  const key = (c: ExportComment) => (c.timestamp === null ? -1 : c.timestamp);
  return [...comments].sort((a, b) => (a.page ?? 0) - (b.page ?? 0) || key(a) - key(b) || a.createdAt.localeCompare(b.createdAt));
}

function timecodeOf(comment: ExportComment, review: ReviewExport, plus = 0): string {
  const { rate, startTimecode } = review.file;
  return timecodeOfApiTimestamp((comment.timestamp ?? FIRST_API_FRAME) + plus, rate, startTimecode);
}

/** What single-line formats make of a comment: whitespace runs of line breaks and tabs become spaces. */
function flat(comment: ExportComment): string {
  const line = (s: string) => s.replace(/\r\n|[\r\n\t]/g, ' ').trim();
  return line(comment.text) + comment.replies.map((r) => ` / Reply${r.author ? ` (${r.author})` : ''}: ${line(r.text)}`).join('');
}

// --- CSV -----------------------------------------------------------------------------------------

/** RFC 4180, strictly: quoted fields may hold commas, doubled quotes and line breaks; rows end in CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  for (;;) {
    let value = '';
    if (text[i] === '"') {
      for (i++; ; i++) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"' && text[i + 1] === '"') {
          value += '"';
          i++;
        } else if (text[i] === '"') {
          break;
        } else {
          value += text[i];
        }
      }
      i++;
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`bare ${JSON.stringify(text[i])} in an unquoted field at ${i}`);
        value += text[i++];
      }
    }
    row.push(value);
    if (text[i] === ',') {
      i++;
      continue;
    }
    assert.equal(text.slice(i, i + 2), '\r\n', `row ends in CRLF at ${i}`);
    rows.push(row);
    row = [];
    i += 2;
    if (i === text.length) return rows;
  }
}

test('CSV parses back to every comment and reply, with text intact and formulas defused', () => {
  const review = loadReview();
  const text = renderExport('csv', review);
  assert.ok(text.startsWith('\uFEFF'), 'a BOM, so Excel reads UTF-8');
  const [header, ...rows] = parseCsv(text.slice(1));
  assert.deepEqual(header, CSV_HEADER);
  assert.deepEqual(rows, csvRows(review));
});

const CSV_HEADER = ['#', 'Timecode In', 'Timecode Out', 'Page', 'Author', 'Comment', 'Status', 'Created'];

/** The rows a review's CSV should hold, worked out independently of the exporter. */
function csvRows(review: ReviewExport): string[][] {
  const expected: string[][] = [];
  readingOrder(review.comments).forEach((c, i) => {
    const tcIn = c.timestamp === null ? '' : timecodeOf(c, review);
    const tcOut = c.durationFrames ? timecodeOf(c, review, c.durationFrames) : '';
    const page = c.page === null ? '' : String(c.page);
    const defused = (s: string) => (/^[=+\-@]/.test(s) ? `'${s}` : s);
    expected.push([String(i + 1), tcIn, tcOut, page, c.author, defused(c.text), c.completed ? 'Completed' : 'Open', c.createdAt]);
    c.replies.forEach((r, j) => expected.push([`${i + 1}.${j + 1}`, tcIn, '', page, r.author ?? '', r.text, 'Reply', r.createdAt]));
  });
  return expected;
}

// --- documents (PDF) -----------------------------------------------------------------------------

test("a PDF's CSV has each comment's page, pages in order, and matches its hand-checked fixture", () => {
  const review = loadReview('input-document.json');
  const text = renderExport('csv', review);
  assert.equal(text, fixture('expected-document.csv'));
  const [header, ...rows] = parseCsv(text.slice(1));
  assert.deepEqual(header, CSV_HEADER);
  assert.deepEqual(rows, csvRows(review));
  assert.deepEqual(rows.map((row) => row[3]), ['', '1', '2', '2', '2', '10'], 'the whole document first, then by page number (10 after 2), a reply on its comment\'s page');
});

test("a PDF's JSON carries each comment's page", () => {
  const review = loadReview('input-document.json');
  const json = JSON.parse(renderExport('json', review));
  assert.deepEqual(json.comments.map((c: { page: number | null; timecodeIn: string | null }) => [c.page, c.timecodeIn]), [[null, null], [1, null], [2, null], [2, null], [10, null]]);
});

test('a PDF offered in a timeline format is refused, saying why and what to export instead', () => {
  const review = loadReview('input-document.json');
  for (const format of ['edl', 'avid', 'fcpxml'] as const) {
    assert.throws(() => renderExport(format, review), (error: unknown) => {
      assert.ok(error instanceof UnsuitableExport, format);
      assert.match(error.message, /markers on a timeline, and Harbor Call Sheet, Day 01\.pdf is a document: its comments sit on pages\. Export CSV or JSON instead/);
      assert.ok(error.message.startsWith(EXPORT_FORMATS[format].label), 'names the format asked for');
      return true;
    });
  }
  // The same comments on media still go to a timeline: it is the file that decides, not the comments.
  assert.ok(renderExport('edl', { ...review, file: { ...review.file, document: false } }).startsWith('TITLE: '));
});

// --- EDL -----------------------------------------------------------------------------------------

interface EdlMarker {
  event: number;
  sourceIn: string;
  sourceOut: string;
  recordIn: string;
  recordOut: string;
  colour: string;
  name: string;
  duration: number;
}

/** Reads a marker EDL the way Resolve does: an event line, then its `|C: |M: |D:` line. */
function parseEdl(text: string): { title: string; fcm: string; markers: EdlMarker[] } {
  const lines = text.split('\r\n');
  assert.ok(!text.replaceAll('\r\n', '').includes('\n'), 'no bare LF: one line is one line');
  const title = /^TITLE: (.*)$/.exec(lines[0]!)?.[1];
  const fcm = /^FCM: (DROP FRAME|NON-DROP FRAME)$/.exec(lines[1]!)?.[1];
  assert.ok(title !== undefined && fcm !== undefined, 'TITLE and FCM header lines');
  const markers: EdlMarker[] = [];
  const tc = '(\\d\\d:\\d\\d:\\d\\d[:;]\\d\\d)';
  for (let i = 2; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const event = new RegExp(`^(\\d{3,})  001      V     C        ${tc} ${tc} ${tc} ${tc}  $`).exec(lines[i]!);
    assert.ok(event, `an event line: ${JSON.stringify(lines[i])}`);
    const marker = /^ \|C:(ResolveColor\w+) \|M:(.*) \|D:(\d+)$/.exec(lines[++i]!);
    assert.ok(marker, `a marker line: ${JSON.stringify(lines[i])}`);
    assert.ok(!marker[2]!.includes(' |'), 'the name cannot open another field');
    markers.push({
      event: Number(event[1]),
      sourceIn: event[2]!,
      sourceOut: event[3]!,
      recordIn: event[4]!,
      recordOut: event[5]!,
      colour: marker[1]!,
      name: marker[2]!,
      duration: Number(marker[3]),
    });
  }
  return { title, fcm, markers };
}

test('the Resolve EDL parses back to the same comments at the same timecodes', () => {
  for (const review of [loadReview(), atRate('23.976', '00:59:50:00'), atRate('59.94 DF', '00:00:00;00'), atRate('25', '10:00:00:00')]) {
    const { title, fcm, markers } = parseEdl(renderExport('edl', review));
    assert.equal(title, review.file.name.replace(/\s+/g, ' '));
    assert.equal(fcm, review.file.rate.dropFrame ? 'DROP FRAME' : 'NON-DROP FRAME');
    const comments = readingOrder(review.comments);
    assert.equal(markers.length, comments.length);
    markers.forEach((m, i) => {
      const c = comments[i]!;
      const length = c.durationFrames ?? 1;
      assert.equal(m.event, i + 1);
      assert.equal(m.recordIn, timecodeOf(c, review), `${review.file.rate.name} #${i + 1} in`);
      assert.equal(m.recordOut, timecodeOf(c, review, length));
      assert.equal(m.sourceIn, m.recordIn);
      assert.equal(m.sourceOut, m.recordOut);
      assert.equal(m.duration, length);
      assert.equal(timecodeToFrames(m.recordOut, review.file.rate) - timecodeToFrames(m.recordIn, review.file.rate), length);
      assert.equal(m.colour, c.completed ? 'ResolveColorGreen' : 'ResolveColorBlue');
      assert.equal(m.name, `${c.author}: ${flat(c)}`.replaceAll('|', '/'));
    });
  }
});

// --- Avid ----------------------------------------------------------------------------------------

test('the Avid marker list has one six-field line per comment, in Media Composer order', () => {
  const review = loadReview();
  const text = renderExport('avid', review);
  assert.ok(text.endsWith('\n'));
  const lines = text.slice(0, -1).split('\n');
  const comments = readingOrder(review.comments);
  assert.equal(lines.length, comments.length);
  lines.forEach((line, i) => {
    const c = comments[i]!;
    assert.deepEqual(line.split('\t'), [c.author, timecodeOf(c, review), 'V1', c.completed ? 'green' : 'blue', flat(c), String(c.durationFrames ?? 1)]);
  });
});

// --- FCPXML --------------------------------------------------------------------------------------

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Just enough XML to prove well-formedness: the declaration, a DOCTYPE, nested elements with quoted
 * attributes, balanced tags, known entities only, no raw `<` or `&` in values, no duplicate attributes.
 */
function parseXml(text: string): XmlElement {
  const prolog = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<!DOCTYPE fcpxml>\n/.exec(text);
  assert.ok(prolog, 'XML declaration and DOCTYPE');
  let i = prolog[0].length;
  const decode = (raw: string) => {
    assert.ok(!/[<\n\t\r]/.test(raw), `raw < or whitespace control in an attribute: ${JSON.stringify(raw)}`);
    return raw.replace(/&([^;]*);?/g, (whole, name: string) => {
      if (!whole.endsWith(';')) assert.fail(`a bare & in ${JSON.stringify(raw)}`);
      const numeric = /^#(\d+)$/.exec(name);
      if (numeric) return String.fromCodePoint(Number(numeric[1]));
      assert.ok(name in XML_ENTITIES, `unknown entity &${name};`);
      return XML_ENTITIES[name]!;
    });
  };
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < text.length) {
    const whitespace = /^\s+/.exec(text.slice(i));
    if (whitespace) {
      i += whitespace[0].length;
      continue;
    }
    const close = /^<\/([\w-]+)>/.exec(text.slice(i));
    if (close) {
      assert.equal(stack.pop()?.name, close[1], `</${close[1]}> closes the open element`);
      i += close[0].length;
      continue;
    }
    const open = /^<([\w-]+)((?:\s+[\w-]+="[^"]*")*)\s*(\/?)>/.exec(text.slice(i));
    assert.ok(open, `a tag at ${i}: ${JSON.stringify(text.slice(i, i + 60))}`);
    const attributes: Record<string, string> = {};
    for (const [, key, value] of open[2]!.matchAll(/([\w-]+)="([^"]*)"/g)) {
      assert.ok(!(key! in attributes), `duplicate attribute ${key}`);
      attributes[key!] = decode(value!);
    }
    const element: XmlElement = { name: open[1]!, attributes, children: [] };
    if (stack.length > 0) stack.at(-1)!.children.push(element);
    else if (root) assert.fail('a second root element');
    else root = element;
    if (open[3] !== '/') stack.push(element);
    i += open[0].length;
  }
  assert.equal(stack.length, 0, 'every element closed');
  assert.ok(root);
  return root;
}

function find(element: XmlElement, name: string): XmlElement[] {
  return [...(element.name === name ? [element] : []), ...element.children.flatMap((c) => find(c, name))];
}

/** An FCPXML time ("0s", "3600s", "1001/30000s") as a whole number of frames, or a failure if between frames. */
function framesOf(time: string, rate: FrameRate): number {
  const match = /^(\d+)(?:\/(\d+))?s$/.exec(time);
  assert.ok(match, `a rational time: ${time}`);
  const numerator = BigInt(match[1]!) * BigInt(rate.numerator);
  const denominator = BigInt(match[2] ?? 1) * BigInt(rate.denominator);
  assert.equal(numerator % denominator, 0n, `${time} falls on a frame at ${rate.name}`);
  return Number(numerator / denominator);
}

test('FCPXML is well-formed and its markers parse back to the same comments, frames and text', () => {
  for (const review of [loadReview(), atRate('23.976', '00:59:50:00'), atRate('59.94 DF', '00:00:00;00'), atRate('25', '10:00:00:00')]) {
    const { rate, startTimecode } = review.file;
    const root = parseXml(renderExport('fcpxml', review));
    assert.equal(root.attributes.version, '1.10');
    const [format] = find(root, 'format');
    assert.equal(framesOf(format!.attributes.frameDuration!, rate), 1);
    assert.equal(format!.attributes.frameDuration, rate.denominator === 1 ? `1/${rate.numerator}s` : `${rate.denominator}/${rate.numerator}s`);
    const [asset] = find(root, 'asset');
    assert.equal(asset!.attributes.name, review.file.name);
    assert.equal(find(root, 'media-rep')[0]!.attributes.src, encodeURIComponent(review.file.name));
    const [sequence] = find(root, 'sequence');
    assert.equal(sequence!.attributes.tcFormat, rate.dropFrame ? 'DF' : 'NDF');
    const start = timecodeToFrames(startTimecode, rate);
    assert.equal(framesOf(sequence!.attributes.tcStart!, rate), start);
    const [clip] = find(root, 'asset-clip');
    assert.equal(clip!.attributes.ref, asset!.attributes.id);
    assert.equal(framesOf(clip!.attributes.start!, rate), start);
    const clipEnd = start + framesOf(clip!.attributes.duration!, rate);

    const comments = readingOrder(review.comments);
    const markers = clip!.children.filter((c) => c.name === 'marker');
    assert.equal(markers.length, comments.length);
    markers.forEach((m, i) => {
      const c = comments[i]!;
      const at = framesOf(m.attributes.start!, rate);
      assert.equal(at - start, c.timestamp ?? FIRST_API_FRAME, `${rate.name} #${i + 1}: API timestamps count from 0`);
      assert.ok(at + framesOf(m.attributes.duration!, rate) <= clipEnd, 'the marker lies inside the clip');
      assert.equal(framesOf(m.attributes.duration!, rate), c.durationFrames ?? 1);
      assert.equal(m.attributes.value, c.text, 'text survives exactly, line breaks and all');
      assert.equal(m.attributes.completed, c.completed ? '1' : '0');
      assert.ok(m.attributes.note!.startsWith(`${c.author}, ${c.createdAt}`));
      for (const reply of c.replies) assert.ok(m.attributes.note!.includes(reply.text));
    });
  }
});

test('characters XML cannot carry are dropped, and the document stays well-formed', () => {
  const review = atRate('25', '00:00:00:00');
  review.comments = [{ ...review.comments[0]!, replies: [], text: 'nul\u0000 bell\u0007 lone\uD800 end\uFFFF ok 🎬' }];
  const [marker] = find(parseXml(renderExport('fcpxml', review)), 'marker');
  assert.equal(marker!.attributes.value, 'nul bell lone\uFFFD end ok 🎬');
  const edl = parseEdl(renderExport('edl', review));
  assert.equal(edl.markers[0]!.name, `${review.comments[0]!.author}: nul bell lone\uFFFD end\uFFFF ok 🎬`);
});

test('a file with no comments still exports valid, empty documents', () => {
  const review = { ...atRate('24', '01:00:00:00'), comments: [] };
  assert.deepEqual(parseCsv(renderExport('csv', review).slice(1)), [CSV_HEADER]);
  assert.deepEqual(parseEdl(renderExport('edl', review)).markers, []);
  assert.equal(renderExport('avid', review), '');
  assert.equal(find(parseXml(renderExport('fcpxml', review)), 'marker').length, 0);
  assert.deepEqual(JSON.parse(renderExport('json', review)).comments, []);
});

/** The fixture's comments on a file at another rate and start timecode. */
function atRate(rate: string, startTimecode: string): ReviewExport {
  const review = loadReview();
  return { file: { name: `Clip at ${rate}\tfps.mov`, rate: frameRate(rate), startTimecode }, comments: review.comments };
}
