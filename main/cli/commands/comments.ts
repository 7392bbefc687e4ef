// `slate comments <file-id> [--format csv|edl|avid|fcpxml|json] [--output FILE]`: a file's
// review comments, exported for a spreadsheet or an editing system, at the file's own frame rate and
// start timecode (its technical metadata) unless --fps or --start-tc override them.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ApiError } from '../../core/api/errors.ts';
import { Refusal } from '../../core/errors.ts';
import { CommentService, toExportComment } from '../../core/review/comments.ts';
import { isDocument } from '../../core/review/document.ts';
import { EXPORT_FORMATS, isExportFormat, renderExport, UnsuitableExport } from '../../core/review/exports/index.ts';
import { fileFrameRate, UnknownFrameRate } from '../../core/review/file-rate.ts';
import { durationFramesAt, showFileTimeline, startTimecodeFor } from '../../core/review/technical.ts';
import { frameRate, TimecodeError } from '../../common/timecode.ts';
import { printJson, UsageError } from '../output.ts';
import { chooseAccount, connect, connectionOptions, requireV4 } from '../session.ts';

const USAGE = `Usage: slate comments <file-id> [--format ${Object.keys(EXPORT_FORMATS).join('|')}] [--output FILE]
      [--fps RATE] [--start-tc HH:MM:SS:FF]`;

export async function comments(args: string[], json: boolean): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...connectionOptions, format: { type: 'string' }, output: { type: 'string' }, fps: { type: 'string' }, 'start-tc': { type: 'string' } },
    strict: true,
  });
  const [fileId] = positionals;
  if (!fileId || positionals.length > 1) throw new UsageError(USAGE);
  const format = values.format ?? (json && !values.output ? 'json' : 'csv');
  if (!isExportFormat(format)) throw new UsageError(`Unknown format "${format}"; use one of ${Object.keys(EXPORT_FORMATS).join(', ')}.`);
  const chosenRate = values.fps === undefined ? undefined : usage(() => frameRate(values.fps!));

  requireV4('comments', values);
  const client = connect(values);
  const accountId = await chooseAccount(client, values);
  const { file, timeline } = await showFileTimeline(client, accountId, fileId).catch((error: unknown) => {
    if (error instanceof ApiError && error.kind === 'not-found') {
      throw new Refusal('api:not-found', `File ${fileId} was not found in account ${accountId}.`, 'Check the id: `slate ls <folder-id>` lists a folder\'s files.', { cause: error });
    }
    throw error;
  });
  const service = new CommentService(client, accountId);
  const list = await service.list(fileId);
  const { rate, source } = chosenRate
    ? { rate: chosenRate, source: 'override' as const }
    : await fileFrameRate(service, fileId, list, timeline).catch((error: unknown) => {
        throw error instanceof UnknownFrameRate ? new UsageError(`${error.message}; pass --fps (${FRAME_RATE_HINT}).`) : error;
      });
  const startTimecode = usage(() => startTimecodeFor(rate, values['start-tc'], timeline));

  const exported = { name: file.name, rate, startTimecode, durationFrames: durationFramesAt(rate, timeline), document: isDocument(file.media_type) };
  const text = usage(() => renderExport(format, { file: exported, comments: list.map(toExportComment) }));
  if (source === 'timecodes') console.error(`slate: frame rate: the file's metadata gives none; Frame.io's timecodes count it at ${rate.name} fps. Pass --fps for its exact rate (e.g. 23.976 or 29.97df).`);
  if (source === 'override' && timeline.rate && timeline.rate.name !== rate.name) console.error(`slate: frame rate: ${rate.name} fps as asked (--fps), overriding the file's own ${timeline.rate.name} fps.`);
  if (!values.output) {
    process.stdout.write(text);
    return 0;
  }
  await writeFile(values.output, text);
  if (json) printJson({ ok: true, file: { id: file.id, name: file.name }, format, output: values.output, comments: list.length, frameRate: rate.name });
  else console.log(`Wrote ${list.length} comment${list.length === 1 ? '' : 's'} on ${file.name} to ${values.output} (${EXPORT_FORMATS[format].label}).`);
  return 0;
}

const FRAME_RATE_HINT = 'e.g. --fps 23.976, --fps 25 or --fps 29.97df';

function usage<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof TimecodeError || error instanceof UnsuitableExport) throw new UsageError(error.message);
    throw error;
  }
}
