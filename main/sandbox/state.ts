// The sandbox's world: users, accounts and who may call as whom. Records keep the API's own
// field names so handlers can answer without translating.
import { randomBytes, randomUUID } from 'node:crypto';

export type AccountRole = 'admin' | 'member' | 'owner';

export interface UserRecord {
  id: string;
  name: string;
  email: string;
  avatar_url: string | null;
}

export interface AccountRecord {
  id: string;
  display_name: string;
  adobe_id: string | null;
  image: string | null;
  storage_limit: number | null;
  storage_usage: number | null;
  created_at: string;
  updated_at: string;
  v4_migrated_at: string | null;
}

export class SandboxState {
  readonly users = new Map<string, UserRecord>();
  readonly accounts = new Map<string, AccountRecord>();
  /** account id → user id → roles */
  readonly members = new Map<string, Map<string, AccountRole[]>>();
  /** bearer token → user id */
  readonly tokens = new Map<string, string>();

  addUser(fields: Omit<UserRecord, 'id' | 'avatar_url'> & Partial<UserRecord>): UserRecord {
    const user: UserRecord = { id: randomUUID(), avatar_url: null, ...fields };
    this.users.set(user.id, user);
    return user;
  }

  issueToken(userId: string, token = randomBytes(24).toString('base64url')): string {
    this.tokens.set(token, userId);
    return token;
  }

  addAccount(displayName: string, createdAt = new Date()): AccountRecord {
    const stamp = createdAt.toISOString();
    const account: AccountRecord = {
      id: randomUUID(),
      display_name: displayName,
      adobe_id: null,
      image: null,
      storage_limit: null,
      storage_usage: 0,
      created_at: stamp,
      updated_at: stamp,
      v4_migrated_at: stamp,
    };
    this.accounts.set(account.id, account);
    this.members.set(account.id, new Map());
    return account;
  }

  addMember(accountId: string, userId: string, roles: AccountRole[]): void {
    this.members.get(accountId)?.set(userId, roles);
  }

  userForToken(token: string): UserRecord | undefined {
    const id = this.tokens.get(token);
    return id === undefined ? undefined : this.users.get(id);
  }

  accountsOf(userId: string): Array<{ account: AccountRecord; roles: AccountRole[] }> {
    const result: Array<{ account: AccountRecord; roles: AccountRole[] }> = [];
    for (const [accountId, members] of this.members) {
      const roles = members.get(userId);
      const account = this.accounts.get(accountId);
      if (roles && account) result.push({ account, roles });
    }
    return result;
  }
}
