// Reads what a file's bytes say about it (frame rate, duration, start timecode, picture, sound)
// with MediaInfo (mediainfo.js, its WebAssembly build), which knows the containers people upload:
// QuickTime/MP4, Matroska/WebM, MXF, AVI, WAV and the rest. Bytes are read on demand, so a large
// file costs only the parts of it MediaInfo looks at.
import mediaInfoFactory, { type MediaInfo, type Track } from 'mediainfo.js';

/** What the sandbox reports of a file's media; a field the media does not carry is left out. */
export interface MediaFacts {
  /** frames a second, to 3 decimals as Frame.io shows it (29.97, 23.976) */
  frameRate?: number;
  /** seconds, to the millisecond */
  durationSeconds?: number;
  /** the first frame's timecode, as the media writes it ("01:00:00:00", "00:59:58;00") */
  startTimecode?: string;
  width?: number;
  height?: number;
  videoCodec?: string;
  audioCodec?: string;
  audioSampleRate?: number;
  audioChannels?: number;
}

export type ReadBytes = (offset: number, length: number) => Promise<Uint8Array>;

let instance: Promise<MediaInfo<'object'>> | undefined;
/** MediaInfo analyses one file at a time; later calls wait their turn. */
let queue: Promise<unknown> = Promise.resolve();

export function probeMedia(size: number, read: ReadBytes): Promise<MediaFacts> {
  const run = queue.then(async () => {
    instance ??= mediaInfoFactory({ format: 'object' });
    const result = await (await instance).analyzeData(size, (length, offset) => read(offset, Math.min(length, size - offset)));
    return factsOf(result.media?.track ?? []);
  });
  queue = run.catch(() => undefined);
  return run;
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

function positive(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number > 0 ? number : undefined;
}

function factsOf(tracks: readonly Track[]): MediaFacts {
  const general = tracks.find((t) => t['@type'] === 'General');
  const video = tracks.find((t) => t['@type'] === 'Video');
  const audio = tracks.find((t) => t['@type'] === 'Audio');
  const timecodeTrack = tracks.find((t) => t['@type'] === 'Other' && 'TimeCode_FirstFrame' in t);
  const facts: MediaFacts = {};
  if (video && video['@type'] === 'Video') {
    // The exact ratio where the container gives one: 30000/1001 is 29.97, not 29.970029.
    const exact = positive(video.FrameRate_Num) && positive(video.FrameRate_Den) ? Number(video.FrameRate_Num) / Number(video.FrameRate_Den) : positive(video.FrameRate);
    if (exact) facts.frameRate = round(exact, 3);
    facts.width = positive(video.Width);
    facts.height = positive(video.Height);
    facts.videoCodec = video.Format;
    facts.startTimecode = video.TimeCode_FirstFrame;
  }
  if (timecodeTrack && 'TimeCode_FirstFrame' in timecodeTrack) facts.startTimecode ??= timecodeTrack.TimeCode_FirstFrame as string;
  const duration = positive(general?.['@type'] === 'General' ? general.Duration : undefined) ?? positive(video?.['@type'] === 'Video' ? video.Duration : undefined);
  if (duration && (video || audio)) facts.durationSeconds = round(duration, 3);
  if (audio && audio['@type'] === 'Audio') {
    facts.audioCodec = audio.Format;
    facts.audioSampleRate = positive(audio.SamplingRate);
    facts.audioChannels = positive(audio.Channels);
  }
  if (facts.startTimecode !== undefined && !/^\d{2}:\d{2}:\d{2}[:;]\d{2}$/.test(facts.startTimecode)) delete facts.startTimecode;
  return Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== undefined)) as MediaFacts;
}
