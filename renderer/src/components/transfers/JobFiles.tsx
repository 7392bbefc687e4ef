import type { TransferConnection, TransferFile, TransferJob } from '../../../../preload/contract.ts';
import { formatBytes } from '../../lib/format.ts';
import { fileProgress, fileStatus } from '../../lib/transfer-rows.ts';

/** A job's files, each with its own state, and its own progress when it is big. */
export function JobFiles({ job, files, title, connection }: { job: TransferJob; files: TransferFile[]; title: string; connection: TransferConnection | undefined }) {
  return (
    <ul className="job-files" aria-label={`Files of ${title}`}>
      {files.map((file) => {
        const path = file.relDir ? `${file.relDir}/${file.name}` : file.name;
        const status = fileStatus(file, job, connection);
        const own = fileProgress(file);
        return (
          <li key={file.id} data-testid="transfer-file">
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
            {status.detail && <span className={status.tone === 'failed' ? 'job-error file-detail' : 'muted file-detail'}>{status.detail}</span>}
          </li>
        );
      })}
    </ul>
  );
}
