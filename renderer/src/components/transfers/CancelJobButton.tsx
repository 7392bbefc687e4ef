import { useState } from 'react';
import type { TransferJob } from '../../../../preload/contract.ts';
import { cancelWords } from '../../lib/cancel-words.ts';
import type { FileCounts } from '../../lib/transfer-rows.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';

interface Props {
  job: TransferJob;
  title: string;
  counts: FileCounts;
  bytesDone: number;
  onCancel(): void;
}

/** Cancel, asked first once bytes have moved: a cancel deletes the unfinished files' bytes. */
export function CancelJobButton({ job, title, counts, bytesDone, onCancel }: Props) {
  const [asking, setAsking] = useState(false);
  const words = cancelWords(job, counts, bytesDone, title);
  return (
    <>
      <button type="button" onClick={() => (words ? setAsking(true) : onCancel())}>
        Cancel
      </button>
      {words && (
        <ConfirmDialog
          open={asking}
          title={words.title}
          confirm={words.confirm}
          keep={job.kind === 'download' ? 'Keep downloading' : 'Keep uploading'}
          onClose={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            onCancel();
          }}
        >
          <p>
            <strong>Lost:</strong> {words.lost}
          </p>
          <p>
            <strong>Kept:</strong> {words.kept}
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
