// `slate comments <file-id> [--format csv|edl|avid|fcpxml|json] [--output FILE]`: a file's
// review comments, exported for a spreadsheet or an editing system.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ApiError } from '../../core/api/errors.ts';
import { AccountApi } from '../../core/api/resources.ts';
import { CommentService, toExportComment } from '../../core/review/comments.ts';
import { isDocument } from '../../core/review/document.ts';
import { EXPORT_FORMATS, isExportFormat, renderExport, UnsuitableExport } from '../../core/review/exports/index.ts';
import { fileFrameRate, UnknownFrameRate } from '../../core/review/file-rate.ts';
import { frameRate, TimecodeError, timecodeToFrames } from '../../core/review/timecode.ts';
import { printJson, UsageError } from '../output.ts';
import { chooseAccount, connect, connectionOptions } from '../session.ts';

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

  const client = connect(values);
  const accountId = await chooseAccount(client, values);
  const file = await new AccountApi(client, accountId).showFile(fileId).catch((error: unknown) => {
    if (error instanceof ApiError && error.kind === 'not-found') {
      throw new Error(`File ${fileId} was not found in account ${accountId}. Check the id (\`slate ls <folder-id>\` lists a folder's files).`, { cause: error });
    }
    throw error;
  });
  const service = new CommentService(client, accountId);
  const list = await service.list(fileId);
  const { rate, probed } = chosenRate
    ? { rate: chosenRate, probed: false }
    : await fileFrameRate(service, fileId, list).catch((error: unknown) => {
        throw error instanceof UnknownFrameRate ? new UsageError(`${error.message}; pass --fps (${FRAME_RATE_HINT}).`) : error;
      });
  const startTimecode = values['start-tc'] ?? (rate.dropFrame ? '00:00:00;00' : '00:00:00:00');
  usage(() => timecodeToFrames(startTimecode, rate));

  const text = usage(() => renderExport(format, { file: { name: file.name, rate, startTimecode, document: isDocument(file.media_type) }, comments: list.map(toExportComment) }));
  if (probed) console.error(`slate: frame rate: Frame.io counts this file at ${rate.name} fps; pass --fps for its exact rate (e.g. 23.976 or 29.97df).`);
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
