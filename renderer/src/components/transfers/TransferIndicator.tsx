import { indicator } from '../../lib/transfer-rows.ts';
import { formatEta } from '../../lib/rate.ts';
import { useTransfers } from '../../store/transfers.ts';

/** Always in view: how much of what is in flight has gone, across every job, and what holds it. */
export function TransferIndicator({ onOpen }: { onOpen: () => void }) {
  const { jobs, progress, connection, preparing } = useTransfers();
  const shown = indicator(Object.values(jobs), progress, connection, preparing);
  if (!shown) return null;

  return (
    <button type="button" className={`transfer-indicator indicator-${shown.tone}`} onClick={onOpen} aria-label={`${shown.label}. Open transfers`}>
      <span className="progress small" aria-hidden="true">
        <span style={{ width: `${shown.percent}%` }} />
      </span>
      <span>{shown.label}</span>
      {shown.etaSeconds > 0 && <span className="muted">{formatEta(shown.etaSeconds)}</span>}
    </button>
  );
}
