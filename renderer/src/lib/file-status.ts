import type { Asset } from '../../../preload/contract.ts';

export interface StatusWords {
  /** what the pill says */
  label: string;
  /** the pill's colour: ready to watch, still being worked on, or waiting for its bytes */
  tone: 'ready' | 'processing' | 'uploading';
  /** the pill's tooltip: what the state means for the person, since Frame.io's word does not say */
  hint: string;
}

// Frame.io moves a file from created (a placeholder, bytes on their way) to uploaded (every byte
// arrived, renditions being made) to transcoded (renditions ready to play).
const WORDS: Record<NonNullable<Asset['status']>, StatusWords> = {
  created: { label: 'Uploading…', tone: 'uploading', hint: 'Frame.io is still receiving this file.' },
  uploaded: { label: 'Processing', tone: 'processing', hint: 'Frame.io has the whole file and is preparing it for playback.' },
  transcoded: { label: 'Ready', tone: 'ready', hint: 'Frame.io has the whole file and it is ready to play.' },
};

/** A file's state in people's words; undefined for folders and stacks, which Frame.io gives none. */
export function statusWords(status: Asset['status']): StatusWords | undefined {
  return status ? WORDS[status] : undefined;
}
