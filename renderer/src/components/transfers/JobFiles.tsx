import { useEffect, useState } from 'react';
import type { TransferConnection, TransferFile, TransferFilePage, TransferJob } from '../../../../preload/contract.ts';
import { formatBytes } from '../../lib/format.ts';
import { fileProgress, fileStatus } from '../../lib/transfer-rows.ts';
import { FILE_PAGE } from '../../store/transfers.ts';

/** Every row is this tall, so a list of 100,000 files is a scroll box of known height drawn a screen at a time. */
export const FILE_ROW_PX = 44;
const VIEW_ROWS = 10;
const OVERSCAN = 5;

interface Props {
  job: TransferJob;
  page: TransferFilePage;
  title: string;
  connection: TransferConnection | undefined;
  /** asks for the page of the list from place `offset` */
  onPage(offset: number): void;
}

/**
 * A job's files, each with its own state (and its own progress when it is big). Only the rows in
 * view are drawn, from the page of the list the store holds; scrolling past it asks for another.
 */
export function JobFiles({ job, page, title, connection, onPage }: Props) {
  const [scrollTop, setScrollTop] = useState(0);
  const total = Math.max(page.total, page.offset + page.files.length);
  const first = Math.max(0, Math.floor(scrollTop / FILE_ROW_PX) - OVERSCAN);
  const last = Math.min(total, Math.ceil(scrollTop / FILE_ROW_PX) + VIEW_ROWS + OVERSCAN);
  const loadedEnd = page.offset + page.files.length;
  const covered = first >= page.offset && (last <= loadedEnd || loadedEnd >= page.total);

  useEffect(() => {
    // The page starts a little above the view, so scrolling back up a few rows needs no new page.
    if (!covered) onPage(Math.max(0, first - Math.floor((FILE_PAGE - VIEW_ROWS) / 4)));
  }, [covered, first, onPage]);

  const rows: Array<{ index: number; file: TransferFile | undefined }> = [];
  for (let index = first; index < last; index++) rows.push({ index, file: page.files[index - page.offset] });

  return (
    <div
      className="job-files"
      role="list"
      aria-label={`Files of ${title}`}
      tabIndex={0}
      style={{ height: Math.min(total, VIEW_ROWS) * FILE_ROW_PX }}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div style={{ height: total * FILE_ROW_PX, position: 'relative' }}>
        {rows.map(({ index, file }) => (
          <div key={index} role="listitem" className="job-file" data-testid="transfer-file" style={{ top: index * FILE_ROW_PX, height: FILE_ROW_PX }} aria-setsize={total} aria-posinset={index + 1}>
            {file ? <FileRow job={job} file={file} connection={connection} /> : <span className="muted">Loading…</span>}
          </div>
        ))}
      </div>
    </div>
  );
}

function FileRow({ job, file, connection }: { job: TransferJob; file: TransferFile; connection: TransferConnection | undefined }) {
  const path = file.relDir ? `${file.relDir}/${file.name}` : file.name;
  const status = fileStatus(file, job, connection);
  const own = fileProgress(file);
  return (
    <>
      <span className="name" title={path}>
        {path}
      </span>
      <span>{formatBytes(file.size)}</span>
      <span className={`file-state file-${status.tone}`}>{status.label}</span>
      {own !== null && (
        <span className="progress file-progress" role="progressbar" aria-label={`${path} progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={own}>
          <span style={{ width: `${own}%` }} />
        </span>
      )}
      {status.detail && (
        <span className={status.tone === 'failed' ? 'job-error file-detail' : 'muted file-detail'} title={status.detail}>
          {status.detail}
        </span>
      )}
    </>
  );
}
