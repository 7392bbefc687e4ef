import { useRef } from 'react';
import { filesFromInput } from '../../lib/drop.ts';
import { useTransfers } from '../../store/transfers.ts';

/**
 * Picks a file and stacks it onto `fileId` as its newest version: a file on its own becomes a
 * stack of two; a file already in a stack (its head, for the stack itself) gains a version.
 */
export function NewVersionButton({ accountId, fileId, label }: { accountId: string; fileId: string | undefined; label: string }) {
  const uploadVersion = useTransfers((s) => s.uploadVersion);
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()} disabled={!fileId}>
        Upload new version
      </button>
      <input
        ref={input}
        type="file"
        hidden
        aria-label={label}
        onChange={(e) => {
          const picked = e.currentTarget;
          if (picked.files && fileId) void uploadVersion(filesFromInput(picked.files), accountId, fileId);
          picked.value = '';
        }}
      />
    </>
  );
}
