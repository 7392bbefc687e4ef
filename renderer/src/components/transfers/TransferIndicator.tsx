import { formatEta, percent } from '../../lib/rate.ts';
import { useTransfers } from '../../store/transfers.ts';

/** Always in view: how much of what is in flight has gone, across every job. */
export function TransferIndicator({ onOpen }: { onOpen: () => void }) {
  const { jobs, progress, preparing } = useTransfers();
  const active = Object.values(jobs).filter((job) => job.state === 'queued' || job.state === 'running');
  if (active.length === 0 && preparing === 0) return null;
  const total = active.reduce((sum, job) => sum + job.bytesTotal, 0);
  const done = active.reduce((sum, job) => sum + Math.max(job.bytesDone, progress[job.id]?.bytesDone ?? 0), 0);
  const eta = Math.max(0, ...active.map((job) => progress[job.id]?.etaSeconds ?? 0));
  const label = active.length === 0 ? 'Preparing upload…' : `Uploading ${active.length} ${active.length === 1 ? 'job' : 'jobs'} · ${percent(done, total)}%`;

  return (
    <button type="button" className="transfer-indicator" onClick={onOpen} aria-label={`${label}. Open transfers`}>
      <span className="progress small" aria-hidden="true">
        <span style={{ width: `${percent(done, total)}%` }} />
      </span>
      <span>{label}</span>
      {eta > 0 && <span className="muted">{formatEta(eta)}</span>}
    </button>
  );
}
