// The journal of live uploads: which Frame.io asset a growing file is going to, and every part
// registered for it, written before the part is registered and again once its bytes arrived.
import type { Database } from '../../db.ts';

export interface LivePart {
  number: number;
  offset: number;
  size: number;
  final: boolean;
  /** of the bytes sent; null while the part is registered but its PUT has not succeeded */
  sha256: string | null;
}

export interface LiveRecord {
  id: number;
  assetId: string;
  parts: LivePart[];
}

export class LiveJournal {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  /** The unfinished live upload of `source` into `folderId`, if a run stopped before its end. */
  find(source: string, folderId: string): LiveRecord | undefined {
    const row = this.db.prepare('SELECT id, asset_id FROM live_uploads WHERE source = ? AND folder_id = ?').get(source, folderId) as { id: number; asset_id: string } | undefined;
    if (!row) return undefined;
    const parts = this.db.prepare('SELECT number, offset, size, final, sha256 FROM live_parts WHERE upload_id = ? ORDER BY number').all(row.id) as Array<Omit<LivePart, 'final'> & { final: number }>;
    return { id: row.id, assetId: row.asset_id, parts: parts.map((p) => ({ number: p.number, offset: p.offset, size: p.size, final: p.final === 1, sha256: p.sha256 })) };
  }

  start(source: string, folderId: string, assetId: string): LiveRecord {
    const { id } = this.db.prepare('INSERT INTO live_uploads (source, folder_id, asset_id, created_at) VALUES (?, ?, ?, ?) RETURNING id').get(source, folderId, assetId, Date.now()) as { id: number };
    return { id, assetId, parts: [] };
  }

  /** Written before the part is registered, so a kill between the two finds it and asks again. */
  registering(uploadId: number, part: Omit<LivePart, 'sha256'>): void {
    this.db.prepare('INSERT OR REPLACE INTO live_parts (upload_id, number, offset, size, final, sha256) VALUES (?, ?, ?, ?, ?, NULL)').run(uploadId, part.number, part.offset, part.size, part.final ? 1 : 0);
  }

  sent(uploadId: number, number: number, sha256: string): void {
    this.db.prepare('UPDATE live_parts SET sha256 = ? WHERE upload_id = ? AND number = ?').run(sha256, uploadId, number);
  }

  /** Finished, or given up for an ordinary upload: nothing of it is left to resume. */
  forget(uploadId: number): void {
    this.db.prepare('DELETE FROM live_uploads WHERE id = ?').run(uploadId);
  }
}
