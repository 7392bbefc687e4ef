import type { TransferJob } from '../../../preload/contract.ts';

const COLUMNS: Array<keyof TransferJob> = ['id', 'kind', 'label', 'state', 'error', 'filesTotal', 'filesDone', 'filesSkipped', 'filesFailed', 'bytesTotal', 'bytesDone', 'createdAt', 'updatedAt'];

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'number' && String(value).length === 13 ? new Date(value).toISOString() : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function historyCsv(jobs: TransferJob[]): string {
  return [COLUMNS.join(','), ...jobs.map((job) => COLUMNS.map((c) => csvCell(job[c])).join(','))].join('\r\n') + '\r\n';
}

/** Hands a text file to the browser (or Electron) to save. */
export function saveText(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
