import type { TransferJob } from '../../../preload/contract.ts';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** Sizes the way Finder and Explorer show them: 1,000-based, at most one decimal. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : dateFormat.format(date);
}

export function kindLabel(type: 'file' | 'folder' | 'version_stack', mediaType: string | null): string {
  if (type === 'folder') return 'Folder';
  if (type === 'version_stack') return 'Version stack';
  if (!mediaType) return 'File';
  const [major, minor] = mediaType.split('/');
  return major === 'application' ? (minor ?? 'File').toUpperCase() : `${major![0]!.toUpperCase()}${major!.slice(1)}`;
}

/** A job's label as people know it: the dropped item's own name rather than where it was staged. */
export function jobTitle(kind: TransferJob['kind'], label: string): string {
  if (kind === 'remote') return label;
  return label.split(/[\\/]/).filter(Boolean).at(-1) ?? label;
}
