// What a file's technical metadata says about its timeline. Frame.io lists it with the file's
// metadata (`include=metadata`) as immutable fields (`mutable: false`): "Frame Rate", a number
// such as 29.97, which comment timestamps count at, and "Duration"; the sandbox adds the start
// timecode where the media carries one (see main/sandbox/FIDELITY.md).
import type { FrameioClient } from '../api/client.ts';
import { AccountApi } from '../api/resources.ts';
import type { FrameioFile } from '../api/types.ts';
import { framesToTimecode, frameRateOfFps, timecodeToFrames, TimecodeError, type FrameRate } from '../../common/timecode.ts';

export const TECHNICAL_FIELDS = { frameRate: 'Frame Rate', duration: 'Duration', startTimecode: 'Start Timecode' } as const;

/** One entry of a file's `metadata`, as the spec's MetadataField has it. */
export interface MetadataFieldValue {
  field_definition_name: string;
  field_type: string;
  mutable: boolean;
  value: unknown;
}

export interface FileTimeline {
  /** the rate its metadata gives, when it gives one timecode counts at */
  rate?: FrameRate;
  /** its first frame's timecode, when the media carries one */
  startTimecode?: string;
  /** its length in seconds */
  durationSeconds?: number;
}

function technical(metadata: readonly MetadataFieldValue[], name: string): unknown {
  return metadata.find((field) => !field.mutable && field.field_definition_name === name)?.value ?? undefined;
}

export function readTimeline(metadata: readonly MetadataFieldValue[] | undefined): FileTimeline {
  const fields = metadata ?? [];
  const fps = technical(fields, TECHNICAL_FIELDS.frameRate);
  const start = technical(fields, TECHNICAL_FIELDS.startTimecode);
  const duration = technical(fields, TECHNICAL_FIELDS.duration);
  const startTimecode = typeof start === 'string' ? start : undefined;
  const rate = typeof fps === 'number' && fps > 0 ? frameRateOfFps(fps, startTimecode) : undefined;
  return {
    ...(rate ? { rate } : {}),
    ...(rate && startTimecode && readable(startTimecode, rate) ? { startTimecode: framesToTimecode(timecodeToFrames(startTimecode, rate), rate) } : {}),
    ...(typeof duration === 'number' && duration >= 0 ? { durationSeconds: duration } : {}),
  };
}

function readable(timecode: string, rate: FrameRate): boolean {
  try {
    timecodeToFrames(timecode, rate);
    return true;
  } catch (error) {
    if (error instanceof TimecodeError) return false;
    throw error;
  }
}

/** A file with its metadata, and the timeline that metadata describes. */
export async function showFileTimeline(client: FrameioClient, accountId: string, fileId: string, signal?: AbortSignal): Promise<{ file: FrameioFile; timeline: FileTimeline }> {
  const file = (await new AccountApi(client, accountId).showFile(fileId, 'metadata', signal)) as FrameioFile & { metadata?: MetadataFieldValue[] };
  return { file, timeline: readTimeline(file.metadata) };
}

/**
 * The start timecode to export from, written as the rate writes it: the one given, else the file's
 * own (when it reads at this rate: an override may not), else zero.
 */
export function startTimecodeFor(rate: FrameRate, given: string | undefined, timeline: FileTimeline): string {
  const own = timeline.startTimecode !== undefined && readable(timeline.startTimecode, rate) ? timeline.startTimecode : '00:00:00:00';
  return framesToTimecode(timecodeToFrames(given ?? own, rate), rate);
}

/** The file's length in frames at a rate, when its metadata says how long it is. */
export function durationFramesAt(rate: FrameRate, timeline: FileTimeline): number | undefined {
  return timeline.durationSeconds === undefined ? undefined : Math.round((timeline.durationSeconds * rate.numerator) / rate.denominator);
}
