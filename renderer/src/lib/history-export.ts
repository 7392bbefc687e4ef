// The transfer history as the person takes it away (CSV or JSON): what they chose to upload and
// where it went in Frame.io. Files dropped into a browser reach the web agent through its staging
// folder, whose paths mean nothing to the person (and name the agent's disk): those become the
// path that was dropped.
import type { TransferJob } from '../../../preload/contract.ts';

export interface HistoryRecord {
  id: string;
  kind: TransferJob['kind'];
  /** the path the person dropped or picked (a URL for a remote upload), or how many items were chosen */
  source: string;
  state: TransferJob['state'];
  error: string | null;
  filesTotal: number;
  filesDone: number;
  filesSkipped: number;
  filesFailed: number;
  filesVerified: number;
  bytesTotal: number;
  bytesDone: number;
  bytesVerified: number;
  /** the Frame.io folder as it was named when the job began, and its page */
  destination: string | null;
  destinationUrl: string | null;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** `slate serve` stages a drop in `<data>/staging/<batch>/` (a `slate-staging-…` folder on the demo sandbox). */
const STAGING_DIR = `[\\\\/](?:staging|slate-staging-[^\\\\/"“”]+)[\\\\/]${UUID}[\\\\/]`;
const STAGED_PATH = new RegExp(`^.*${STAGING_DIR}`);
const QUOTED_STAGED_PATH = new RegExp(`(["“])[^"“”\\n]*?${STAGING_DIR}`, 'g');

/** The path as the person chose it: a staged copy's path becomes the path that was dropped. */
export function chosenPath(path: string): string {
  return path.replace(STAGED_PATH, '');
}

/** A message with every quoted staged path in it named as the person chose it. */
function withChosenPaths(text: string): string {
  return text.replace(QUOTED_STAGED_PATH, '$1');
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function historyRecords(jobs: TransferJob[]): HistoryRecord[] {
  return jobs.map((job) => ({
    id: job.id,
    kind: job.kind,
    source: job.kind === 'remote' ? job.label : chosenPath(job.label),
    state: job.state,
    error: job.error === null ? null : withChosenPaths(job.error),
    filesTotal: job.filesTotal,
    filesDone: job.filesDone,
    filesSkipped: job.filesSkipped,
    filesFailed: job.filesFailed,
    filesVerified: job.filesVerified,
    bytesTotal: job.bytesTotal,
    bytesDone: job.bytesDone,
    bytesVerified: job.bytesVerified,
    destination: job.destination.label,
    destinationUrl: job.destination.url,
    createdAt: iso(job.createdAt)!,
    startedAt: iso(job.startedAt),
    endedAt: iso(job.endedAt),
  }));
}

const COLUMNS: Array<keyof HistoryRecord> = [
  'id',
  'kind',
  'source',
  'destination',
  'destinationUrl',
  'state',
  'error',
  'filesTotal',
  'filesDone',
  'filesSkipped',
  'filesFailed',
  'filesVerified',
  'bytesTotal',
  'bytesDone',
  'bytesVerified',
  'createdAt',
  'startedAt',
  'endedAt',
];

function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function historyCsv(jobs: TransferJob[]): string {
  const rows = historyRecords(jobs).map((record) => COLUMNS.map((c) => csvCell(record[c])).join(','));
  return [COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

export function historyJson(jobs: TransferJob[]): string {
  return JSON.stringify(historyRecords(jobs), null, 2);
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
