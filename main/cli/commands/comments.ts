// `slate comments <file-id> [--format csv|edl|avid|fcpxml|json] [--output FILE]`: a file's
// review comments, exported for a spreadsheet or an editing system, at the file's own frame rate and
// start timecode (its technical metadata) unless --fps or --start-tc override them. On a legacy (V2)
// profile the comments come through V2, which tells no frame rate: they count at 24 unless --fps says.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ApiError } from '../../core/api/errors.ts';
import { Refusal } from '../../core/errors.ts';
import { exportReview } from '../../core/review/export-review.ts';
import { EXPORT_FORMATS, isExportFormat, UnsuitableExport } from '../../core/review/exports/index.ts';
import { UnknownFrameRate } from '../../core/review/file-rate.ts';
import { V2ReviewSource } from '../../core/review/legacy-source.ts';
import { V4ReviewSource, type ReviewSource } from '../../core/review/source.ts';
import { frameRate, TimecodeError } from '../../common/timecode.ts';
import { printJson, UsageError } from '../output.ts';
import { chooseAccount, connect, connection, connectionOptions, legacyApi, type ConnectionFlags } from '../session.ts';

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

  const { source, where } = await reviewSource(values);
  const review = await exportReview(source, fileId, format, { rate: chosenRate, startTimecode: values['start-tc'] }).catch((error: unknown) => {
    if (error instanceof ApiError && error.kind === 'not-found') {
      throw new Refusal('api:not-found', `File ${fileId} was not found ${where}.`, 'Check the id: `slate ls <folder-id>` lists a folder\'s files.', { cause: error });
    }
    if (error instanceof UnknownFrameRate) throw new UsageError(`${error.message}; pass --fps (${FRAME_RATE_HINT}).`);
    if (error instanceof TimecodeError || error instanceof UnsuitableExport) throw new UsageError(error.message);
    throw error;
  });
  const { file, rate, timeline } = review;
  if (review.source === 'timecodes') console.error(`slate: frame rate: the file's metadata gives none; Frame.io's timecodes count it at ${rate.name} fps. Pass --fps for its exact rate (e.g. 23.976 or 29.97df).`);
  if (review.source === 'assumed' && review.placed > 0) console.error(`slate: frame rate: nothing Frame.io sends tells this file's rate; its comments are counted at ${rate.name} fps. Pass --fps for its exact rate (${FRAME_RATE_HINT}).`);
  if (review.source === 'override' && timeline.rate && timeline.rate.name !== rate.name) console.error(`slate: frame rate: ${rate.name} fps as asked (--fps), overriding the file's own ${timeline.rate.name} fps.`);
  if (!values.output) {
    process.stdout.write(review.text);
    return 0;
  }
  await writeFile(values.output, review.text);
  const count = review.comments;
  if (json) printJson({ ok: true, file: { id: file.id, name: file.name }, format, output: values.output, comments: count, frameRate: rate.name });
  else console.log(`Wrote ${count} comment${count === 1 ? '' : 's'} on ${file.name} to ${values.output} (${EXPORT_FORMATS[format].label}).`);
  return 0;
}

/** The review behind the sign-in in use: V2's for a legacy profile, else V4's in the chosen account. */
async function reviewSource(flags: ConnectionFlags): Promise<{ source: ReviewSource; where: string }> {
  const conn = connection(flags);
  if (conn.api === 'v2') return { source: new V2ReviewSource(legacyApi(conn)), where: 'in this legacy (V2) account' };
  const client = connect(flags);
  const accountId = await chooseAccount(client, flags);
  return { source: new V4ReviewSource(client, accountId), where: `in account ${accountId}` };
}

const FRAME_RATE_HINT = 'e.g. --fps 23.976, --fps 25 or --fps 29.97df';

function usage<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof TimecodeError) throw new UsageError(error.message);
    throw error;
  }
}
