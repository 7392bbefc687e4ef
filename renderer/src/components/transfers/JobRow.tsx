import { useCallback, useEffect, useRef, useState } from 'react';
import type { TransferJob } from '../../../../preload/contract.ts';
import { formatBytes, jobTitle } from '../../lib/format.ts';
import { formatEta, formatRate, percent } from '../../lib/rate.ts';
import { fileCounts, isWaiting, jobLabel } from '../../lib/transfer-rows.ts';
import { useJobFocus } from '../../store/job-focus.ts';
import { useTransfers } from '../../store/transfers.ts';
import { JobFiles } from './JobFiles.tsx';
import { CancelJobButton } from './CancelJobButton.tsx';

/** How often an open, moving job's rows are read again: file events say when a state changes, not how far a big file has got. */
const ROWS_EVERY_MS = 1_000;

const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

export function JobRow({ job }: { job: TransferJob }) {
  const { progress, files, connection, act, pauseNow, move, loadFiles, closeFiles } = useTransfers();
  const [open, setOpen] = useState(false);
  const live = progress[job.id];
  const bytesDone = Math.max(job.bytesDone, live?.bytesDone ?? 0);
  const shown = job.state === 'done' ? 100 : percent(bytesDone, job.bytesTotal);
  const active = job.state === 'queued' || job.state === 'running';
  const waiting = isWaiting(job, connection);
  const page = files[job.id];
  const counts = fileCounts(job, page);
  const title = jobTitle(job.kind, job.label);

  useEffect(() => {
    if (!open || !active) return;
    const timer = setInterval(() => void loadFiles(job.id), ROWS_EVERY_MS);
    return () => clearInterval(timer);
  }, [open, active, job.id, loadFiles]);

  const toggle = () => {
    if (open) closeFiles(job.id);
    else void loadFiles(job.id, 0);
    setOpen(!open);
  };
  const onPage = useCallback((offset: number) => void loadFiles(job.id, offset), [job.id, loadFiles]);

  // Asked for by a clicked notification: the row opens on its files and takes focus.
  const focused = useJobFocus((s) => s.jobId === job.id);
  const label = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!focused) return;
    void loadFiles(job.id, 0);
    setOpen(true);
    label.current?.scrollIntoView({ block: 'nearest' });
    label.current?.focus();
    useJobFocus.getState().shown();
  }, [focused, job.id, loadFiles]);

  return (
    <li className={`job job-${job.state}${waiting ? ' job-waiting' : ''}`} data-testid="transfer-job">
      <div className="job-main">
        <button ref={label} type="button" className="link job-label" onClick={toggle} aria-expanded={open} title={job.label}>
          {title}
        </button>
        <span className="job-state">{jobLabel(job, connection)}</span>
      </div>
      <div className="progress" role="progressbar" aria-label={`${title} progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={shown}>
        <span style={{ width: `${shown}%` }} />
      </div>
      <div className="job-meta">
        <span>
          {counts.done + counts.skipped} of {counts.total} files · {formatBytes(bytesDone)} of {formatBytes(job.bytesTotal)}
          {counts.skipped > 0 && ` · ${counts.skipped} already there`}
          {counts.failed > 0 && ` · ${counts.failed} failed`}
        </span>
        {active && live && !waiting && (
          <span>
            {formatRate(live.rate)} {formatEta(live.etaSeconds)}
          </span>
        )}
      </div>
      <div className="job-meta">
        <span>
          To{' '}
          {job.destination.url ? (
            <a href={job.destination.url} target="_blank" rel="noreferrer">
              {job.destination.label ?? 'the Frame.io folder'}
            </a>
          ) : (
            (job.destination.label ?? 'the Frame.io folder')
          )}
          {job.startedAt !== null && ` · started ${time.format(job.startedAt)}`}
          {job.endedAt !== null && ` · ended ${time.format(job.endedAt)}`}
        </span>
        <span>
          {job.filesVerified} {job.filesVerified === 1 ? 'file' : 'files'} verified ({formatBytes(job.bytesVerified)})
        </span>
      </div>
      {waiting && (
        <p className="job-waiting-note" role="status">
          {connection?.reachable === false && connection.message ? `${connection.message}. ` : ''}
          Slate carries on by itself when Frame.io answers; nothing sent is lost.
        </p>
      )}
      {job.error && (
        <p className="job-error" role="status">
          {job.error}
        </p>
      )}
      <div className="job-actions">
        {active && (
          <>
            <button type="button" onClick={() => void act('pause', job.id)} title="Pause once the parts on their way have arrived: nothing sent is lost">
              Pause
            </button>
            <button type="button" onClick={() => void pauseNow(job.id)} title="Pause at once: the parts on their way stop, and are sent again from their start on resume">
              Pause now
            </button>
          </>
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
            <button type="button" onClick={() => void move(job.id, 1)} aria-label={`Move ${title} up`} data-tip="Move up the queue">
              ↑
            </button>
            <button type="button" onClick={() => void move(job.id, -1)} aria-label={`Move ${title} down`} data-tip="Move down the queue">
              ↓
            </button>
            <CancelJobButton job={job} title={title} counts={counts} bytesDone={bytesDone} onCancel={() => void act('cancel', job.id)} />
          </>
        )}
      </div>
      {open && page && <JobFiles job={job} page={page} title={title} connection={connection} onPage={onPage} />}
    </li>
  );
}
