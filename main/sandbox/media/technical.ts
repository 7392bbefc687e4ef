// Technical metadata: what the media's own bytes say, as Frame.io lists it among a file's metadata.
// Each account has a system field definition per fact (`mutable: false`), listed with its own
// definitions; a file's values are read from its bytes while it is processed (before it shows as
// transcoded) and never written by a client. Names and types are in FIDELITY.md, with their sources.
import { randomUUID } from 'node:crypto';
import type { FieldDefinitionRecord, FileRecord } from '../store/records.ts';
import type { World } from '../world.ts';
import { probeMedia, type MediaFacts } from './probe.ts';

interface TechnicalField {
  name: string;
  fact: keyof MediaFacts;
  field_type: 'number' | 'text';
  field_configuration: Record<string, unknown>;
}

const number = (number_format: string | null, scale: number) => ({ number_format, scale });

export const TECHNICAL_FIELDS: readonly TechnicalField[] = [
  { name: 'Frame Rate', fact: 'frameRate', field_type: 'number', field_configuration: number('framerate', 3) },
  { name: 'Duration', fact: 'durationSeconds', field_type: 'number', field_configuration: number('duration', 3) },
  { name: 'Start Timecode', fact: 'startTimecode', field_type: 'text', field_configuration: {} },
  { name: 'Width', fact: 'width', field_type: 'number', field_configuration: number(null, 0) },
  { name: 'Height', fact: 'height', field_type: 'number', field_configuration: number(null, 0) },
  { name: 'Video Codec', fact: 'videoCodec', field_type: 'text', field_configuration: {} },
  { name: 'Audio Codec', fact: 'audioCodec', field_type: 'text', field_configuration: {} },
  { name: 'Audio Sample Rate', fact: 'audioSampleRate', field_type: 'number', field_configuration: number('frequency', 0) },
  { name: 'Audio Channels', fact: 'audioChannels', field_type: 'number', field_configuration: number(null, 0) },
];

/** System fields have no person who made them; the spec still wants a uuid. */
export const SYSTEM_CREATOR_ID = '00000000-0000-0000-0000-000000000000';

/** Gives an account its system fields, once; an account created before they existed gets them on first use. */
export function ensureTechnicalFields(world: World, accountId: string): void {
  const account = world.store.get('account', accountId);
  if (!account) return;
  const existing = new Set(world.store.list('field_definition', accountId).filter((d) => !d.mutable).map((d) => d.name));
  for (const field of TECHNICAL_FIELDS) {
    if (existing.has(field.name)) continue;
    world.store.put('field_definition', {
      id: randomUUID(),
      account_id: accountId,
      name: field.name,
      field_type: field.field_type,
      field_configuration: field.field_configuration,
      mutable: false,
      creator_id: SYSTEM_CREATOR_ID,
      created_at: account.created_at,
      updated_at: account.created_at,
    });
  }
}

/** A system field's value for a file: what its media said, or undefined. */
export function technicalValue(definition: FieldDefinitionRecord, file: FileRecord): string | number | undefined {
  const field = TECHNICAL_FIELDS.find((f) => f.name === definition.name);
  return field ? file.technical?.[field.fact] : undefined;
}

/** Only media is probed: Frame.io's technical fields describe video and audio. */
export const isProbed = (mediaType: string) => /^(video|audio)\//.test(mediaType) || mediaType === 'application/mxf';

/** Reads the file's bytes and keeps what they say on it; unreadable media simply has no facts. */
export async function describeMedia(world: World, file: FileRecord): Promise<void> {
  if (!isProbed(file.media_type)) return;
  const size = file.part_sizes.reduce((sum, part) => sum + part, 0);
  const facts = size === 0 ? {} : await probeMedia(size, (offset, length) => readRange(world, file, offset, length)).catch((error: unknown) => {
    console.error(`sandbox: could not read the media of ${file.name}:`, error);
    return {};
  });
  ensureTechnicalFields(world, file.account_id);
  const current = world.store.get('asset', file.id);
  if (current?.type === 'file') world.store.put('asset', { ...current, technical: facts });
}

async function readRange(world: World, file: FileRecord, offset: number, length: number): Promise<Uint8Array> {
  if (length <= 0) return new Uint8Array(0);
  const chunks: Buffer[] = [];
  for await (const chunk of world.blobs.read(file.blob_id, file.part_sizes, { start: offset, end: offset + length - 1 })) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
