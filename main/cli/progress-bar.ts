// How a running transfer shows itself: a one-line bar redrawn on a terminal, or one JSON object
// per event with --json, so scripts can follow along.
import type { TransferEngine } from '../core/transfers/engine.ts';
import type { EngineEvents, ProgressEvent } from '../core/transfers/types.ts';
import { printJsonLine } from './output.ts';

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

function formatEta(seconds: number | null): string {
  if (seconds === null) return '--:--';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
}

export function renderBar(p: ProgressEvent, width = 24): string {
  const fraction = p.bytesTotal > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : p.filesTotal > 0 ? p.filesDone / p.filesTotal : 1;
  const filled = Math.round(fraction * width);
  const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
  return `${bar} ${(fraction * 100).toFixed(0).padStart(3)}%  ${formatBytes(p.bytesDone)} / ${formatBytes(p.bytesTotal)}  ${p.filesDone}/${p.filesTotal} files  ${formatBytes(p.rate)}/s  ETA ${formatEta(p.etaSeconds)}`;
}

/** Reports the engine's events until the returned function is called. */
export function reportProgress(engine: TransferEngine, json: boolean): () => void {
  const tty = !json && process.stderr.isTTY;
  const onProgress = (p: ProgressEvent) => {
    if (json) printJsonLine({ type: 'progress', ...p });
    else if (tty) process.stderr.write(`\r${renderBar(p)}\x1b[K`);
  };
  const onFile = ({ jobId, file }: EngineEvents['file'][0]) => {
    if (json) printJsonLine({ type: 'file', jobId, ...file });
  };
  engine.on('progress', onProgress);
  engine.on('file', onFile);
  return () => {
    engine.off('progress', onProgress);
    engine.off('file', onFile);
    if (tty) process.stderr.write('\n');
  };
}
