// Typed access to the sandbox's SQLite file. Every write goes straight to the database, so what a
// client was told has happened survives a killed process; there is no cache to lose.
import { randomBytes } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Kind, Kinds } from './records.ts';

/** The column each kind is listed by: a record's container. */
const PARENT_FIELD: { [K in Kind]: keyof Kinds[K] | null } = {
  user: null,
  account: null,
  account_member: 'scope_id',
  workspace: 'account_id',
  workspace_member: 'scope_id',
  project: 'workspace_id',
  project_member: 'scope_id',
  asset: 'parent_id',
  comment: 'file_id',
  share: 'project_id',
  webhook: 'workspace_id',
  field_definition: 'account_id',
};

export type TokenKind = 'static' | 'access' | 'refresh';

export interface PartRow {
  part_number: number;
  size: number;
  etag: string;
}

export class Store {
  private readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  private sql(text: string): StatementSync {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  get<K extends Kind>(kind: K, id: string): Kinds[K] | undefined {
    const row = this.sql('SELECT body FROM records WHERE id = ? AND kind = ?').get(id, kind) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as Kinds[K]) : undefined;
  }

  /** Records of a kind, in creation order; with `parentId`, only those inside that container. */
  list<K extends Kind>(kind: K, parentId?: string): Array<Kinds[K]> {
    const rows = (
      parentId === undefined
        ? this.sql('SELECT body FROM records WHERE kind = ? ORDER BY seq').all(kind)
        : this.sql('SELECT body FROM records WHERE kind = ? AND parent_id = ? ORDER BY seq').all(kind, parentId)
    ) as Array<{ body: string }>;
    return rows.map((row) => JSON.parse(row.body) as Kinds[K]);
  }

  /** Inserts or replaces; a replaced record keeps its place in creation order. */
  put<K extends Kind, R extends Kinds[K]>(kind: K, record: R): R {
    const field = PARENT_FIELD[kind];
    const parent = field === null ? null : ((record[field as keyof R] as string | null) ?? null);
    this.sql(
      `INSERT INTO records (id, kind, parent_id, seq, body)
       VALUES (?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM records), ?)
       ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, body = excluded.body`,
    ).run(record.id, kind, parent, JSON.stringify(record));
    return record;
  }

  delete(id: string): void {
    this.sql('DELETE FROM records WHERE id = ?').run(id);
  }

  /** Runs `work` atomically: all of its writes land, or none do. */
  transaction<T>(work: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  setting(key: string): string | undefined {
    return (this.sql('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  /** A persistent value, created on first use (e.g. the URL-signing secret). */
  settingOrCreate(key: string, create: () => string): string {
    const existing = this.setting(key);
    if (existing !== undefined) return existing;
    const value = create();
    this.sql('INSERT INTO settings (key, value) VALUES (?, ?)').run(key, value);
    return value;
  }

  setSetting(key: string, value: string): void {
    this.sql('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  issueToken(userId: string, kind: TokenKind, options: { token?: string; expiresAt?: number } = {}): string {
    // Never starting with '-' or '_': a token is passed on command lines (`--token <t>`), where a leading dash reads as an option.
    const token = options.token ?? `sbx${randomBytes(24).toString('base64url')}`;
    this.sql('INSERT OR REPLACE INTO tokens (token, user_id, kind, expires_at) VALUES (?, ?, ?, ?)').run(token, userId, kind, options.expiresAt ?? null);
    return token;
  }

  /** The user a live token of one of `kinds` belongs to. */
  tokenUser(token: string, kinds: readonly TokenKind[], now = Date.now()): string | undefined {
    const row = this.sql('SELECT user_id, kind, expires_at FROM tokens WHERE token = ?').get(token) as
      | { user_id: string; kind: TokenKind; expires_at: number | null }
      | undefined;
    if (!row || !kinds.includes(row.kind)) return undefined;
    if (row.expires_at !== null && row.expires_at <= now) return undefined;
    return row.user_id;
  }

  revokeToken(token: string): void {
    this.sql('DELETE FROM tokens WHERE token = ?').run(token);
  }

  recordPart(blobId: string, part: PartRow): void {
    this.sql('INSERT OR REPLACE INTO parts (blob_id, part_number, size, etag) VALUES (?, ?, ?, ?)').run(blobId, part.part_number, part.size, part.etag);
  }

  parts(blobId: string): PartRow[] {
    return this.sql('SELECT part_number, size, etag FROM parts WHERE blob_id = ? ORDER BY part_number').all(blobId) as unknown as PartRow[];
  }

  close(): void {
    this.db.close();
  }
}
