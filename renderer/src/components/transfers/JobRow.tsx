import { useState } from 'react';
import type { TransferJob } from '../../../../preload/contract.ts';
import { formatBytes, jobTitle } from '../../lib/format.ts';
import { formatEta, formatRate, percent } from '../../lib/rate.ts';
import { useTransfers } from '../../store/transfers.ts';

const STATE_LABEL: Record<TransferJob['state'], string> = {
  queued: 'Queued',
  running: 'Uploading',
  paused: 'Paused',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export function JobRow({ job }: { job: TransferJob }) {
  const { progress, files, act, move, loadFiles } = useTransfers();
  const [open, setOpen] = useState(false);
  const live = progress[job.id];
  const bytesDone = Math.max(job.bytesDone, live?.bytesDone ?? 0);
  const shown = percent(bytesDone, job.bytesTotal);
  const active = job.state === 'queued' || job.state === 'running';
  const jobFiles = files[job.id];
  const title = jobTitle(job.kind, job.label);

  const toggle = () => {
    if (!open) void loadFiles(job.id);
    setOpen(!open);
  };

  return (
    <li className={`job job-${job.state}`} data-testid="transfer-job">
      <div className="job-main">
        <button type="button" className="link job-label" onClick={toggle} aria-expanded={open} title={job.label}>
          {title}
        </button>
        <span className="job-state">{STATE_LABEL[job.state]}</span>
      </div>
      <div className="progress" role="progressbar" aria-label={`${title} progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={job.state === 'done' ? 100 : shown}>
        <span style={{ width: `${job.state === 'done' ? 100 : shown}%` }} />
      </div>
      <div className="job-meta">
        <span>
          {job.filesDone + job.filesSkipped} of {job.filesTotal} files · {formatBytes(bytesDone)} of {formatBytes(job.bytesTotal)}
          {job.filesSkipped > 0 && ` · ${job.filesSkipped} already there`}
          {job.filesFailed > 0 && ` · ${job.filesFailed} failed`}
        </span>
        {active && live && (
          <span>
            {formatRate(live.rate)} {formatEta(live.etaSeconds)}
          </span>
        )}
      </div>
      {job.error && (
        <p className="job-error" role="status">
          {job.error}
        </p>
      )}
      <div className="job-actions">
        {active && (
          <button type="button" onClick={() => void act('pause', job.id)}>
            Pause
          </button>
        )}
        {job.state === 'paused' && (
          <button type="button" onClick={() => void act('resume', job.id)}>
            Resume
          </button>
        )}
        {(job.state === 'failed' || (job.state === 'done' && job.filesFailed > 0)) && (
          <>
            <button type="button" onClick={() => void act('resume', job.id)}>
              Retry failed
            </button>
            {/* Giving up is what lets the web agent delete the staged copies kept for a retry. */}
            <button type="button" onClick={() => void act('cancel', job.id)}>
              Give up
            </button>
          </>
        )}
        {(active || job.state === 'paused') && (
          <>
            <button type="button" onClick={() => void move(job.id, 1)} aria-label={`Move ${title} up`}>
              ↑
            </button>
            <button type="button" onClick={() => void move(job.id, -1)} aria-label={`Move ${title} down`}>
              ↓
            </button>
            <button type="button" onClick={() => void act('cancel', job.id)}>
              Cancel
            </button>
          </>
        )}
      </div>
      {open && jobFiles && (
        <ul className="job-files" aria-label={`Files of ${title}`}>
          {jobFiles.map((file) => (
            <li key={file.id}>
              <span className="name" title={file.relDir ? `${file.relDir}/${file.name}` : file.name}>
                {file.relDir ? `${file.relDir}/` : ''}
                {file.name}
              </span>
              <span>{formatBytes(file.size)}</span>
              <span className={`file-state file-${file.state}`}>{file.state}</span>
              {file.error && <span className="job-error">{file.error}</span>}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
