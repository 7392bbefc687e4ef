// Unfinished uploads that a cancel must delete from Frame.io. When Frame.io cannot be reached at
// the moment of the cancel, the deletion is kept in the journal and made once it answers again (or
// at the next start), so a cancel never leaves a half-made file in the person's folder and never
// makes them wait for Frame.io to come back.
import type { DatabaseSync } from 'node:sqlite';
import { ApiError } from '../api/errors.ts';
import { isPassingApiError } from '../api/reachability.ts';
import type { TransferApi } from './transfer-api.ts';

export interface PendingDeletion {
  accountId: string;
  fileId: string;
  /** the name it has in Frame.io, for what the person reads */
  name: string;
}

export class RemoteCleanup {
  private readonly db: DatabaseSync;
  private readonly apiFor: (accountId: string) => TransferApi;
  private running: Promise<void> | undefined;

  constructor(db: DatabaseSync, apiFor: (accountId: string) => TransferApi) {
    this.db = db;
    this.apiFor = apiFor;
  }

  /**
   * Deletes the file now if Frame.io is reachable and answers; otherwise keeps the deletion for
   * later. Resolves with whether it is done.
   */
  async delete(deletion: PendingDeletion, reachable: boolean): Promise<boolean> {
    if (reachable && (await this.attempt(deletion)) !== 'later') return true;
    this.db
      .prepare('INSERT OR REPLACE INTO remote_cleanup (account_id, file_id, name, added_at) VALUES (?, ?, ?, ?)')
      .run(deletion.accountId, deletion.fileId, deletion.name, Date.now());
    return false;
  }

  pending(): PendingDeletion[] {
    return this.db.prepare('SELECT account_id AS accountId, file_id AS fileId, name FROM remote_cleanup ORDER BY added_at').all() as unknown as PendingDeletion[];
  }

  /**
   * Makes every kept deletion Frame.io now accepts; one run at a time. It never fails: what it
   * could not do stays kept for the next run (a journal closed under it included).
   */
  run(): Promise<void> {
    this.running ??= (async () => {
      try {
        for (const deletion of this.pending()) {
          if ((await this.attempt(deletion)) !== 'later') this.db.prepare('DELETE FROM remote_cleanup WHERE account_id = ? AND file_id = ?').run(deletion.accountId, deletion.fileId);
        }
      } catch {
        // Kept for the next run.
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /**
   * 'gone' once the file is not in Frame.io (deleted now, or already); 'later' when Frame.io did
   * not answer or was busy; 'refused' when it will not delete it (no right to any more), which
   * asking again would not change.
   */
  private async attempt(deletion: PendingDeletion): Promise<'gone' | 'later' | 'refused'> {
    try {
      await this.apiFor(deletion.accountId).deleteFile(deletion.fileId);
      return 'gone';
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'not-found') return 'gone';
      return isPassingApiError(error) ? 'later' : 'refused';
    }
  }
}
