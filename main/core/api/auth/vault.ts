// The signed-in profiles and their secrets, as one small document a VaultStore keeps (a 0600 file
// for the CLI and web agent, safeStorage-sealed in the desktop app). Read afresh on every use, so
// a refresh made by another Slate process is seen at once.
import { Refusal } from '../../errors.ts';

/** How a profile proves itself to Frame.io. */
export type Credential =
  | { kind: 'ims'; imsUrl: string; clientId: string; accessToken: string; refreshToken?: string; expiresAt: number }
  /** a developer token of an account not administered through the Adobe Admin Console */
  | { kind: 'legacy'; token: string }
  /** any bearer token, for scripts */
  | { kind: 'bearer'; token: string };

/** Which Frame.io API a profile speaks: V4, or the legacy V2 of accounts not yet moved to V4. */
export type ApiVersion = 'v4' | 'v2';

export interface StoredProfile {
  /** the Frame.io user id on that server; `v2:<id>` for a V2 sign-in, so one of V4 beside it stays */
  id: string;
  /** absent for V4 (profiles kept before V2 existed) */
  api?: ApiVersion;
  apiUrl: string;
  name: string;
  email: string;
  /** undefined once a refresh was refused: the person must sign in again */
  credential: Credential | undefined;
}

export interface Vault {
  version: 1;
  /** per API server, the profile in use */
  current: Record<string, string>;
  profiles: StoredProfile[];
}

/** What the renderer, logs and the CLI may see of a profile: never a token. */
export interface ProfileSummary {
  id: string;
  name: string;
  email: string;
  apiUrl: string;
  kind: Credential['kind'] | 'signed-out';
  api: ApiVersion;
  current: boolean;
}

export interface VaultStore {
  /** undefined when nothing was stored yet */
  read(): Vault | undefined;
  write(vault: Vault): void;
  /** where it lives, for messages */
  readonly location: string;
}

export const emptyVault = (): Vault => ({ version: 1, current: {}, profiles: [] });

export const normalizeApiUrl = (url: string): string => url.replace(/\/+$/, '');

/** The profiles of one API server. */
export class ProfileBook {
  readonly apiUrl: string;
  private readonly store: VaultStore;

  constructor(store: VaultStore, apiUrl: string) {
    this.store = store;
    this.apiUrl = normalizeApiUrl(apiUrl);
  }

  get location(): string {
    return this.store.location;
  }

  current(): StoredProfile | undefined {
    const vault = this.read();
    const id = vault.current[this.apiUrl];
    return vault.profiles.find((p) => p.apiUrl === this.apiUrl && p.id === id);
  }

  list(): ProfileSummary[] {
    const vault = this.read();
    const currentId = vault.current[this.apiUrl];
    return vault.profiles.filter((p) => p.apiUrl === this.apiUrl).map((p) => summarize(p, p.id === currentId));
  }

  /** Adds or replaces a profile and makes it the current one. */
  put(profile: StoredProfile): void {
    this.change((vault) => {
      vault.profiles = [...vault.profiles.filter((p) => !this.same(p, profile.id)), { ...profile, apiUrl: this.apiUrl }];
      vault.current[this.apiUrl] = profile.id;
    });
  }

  setCredential(id: string, credential: Credential | undefined): void {
    this.change((vault) => {
      const profile = vault.profiles.find((p) => this.same(p, id));
      if (profile) profile.credential = credential;
    });
  }

  use(id: string): StoredProfile {
    const profile = this.read().profiles.find((p) => this.same(p, id));
    if (!profile) throw new Refusal('sign-in:no-profile', `There is no profile ${id} for ${this.apiUrl}.`, 'Pick one of the profiles Slate lists, or sign in as that user first.');
    this.change((vault) => {
      vault.current[this.apiUrl] = id;
    });
    return profile;
  }

  /** Forgets a profile; when it was current, another of the same server (if any) takes its place. */
  remove(id: string): void {
    this.change((vault) => {
      vault.profiles = vault.profiles.filter((p) => !this.same(p, id));
      if (vault.current[this.apiUrl] !== id) return;
      const next = vault.profiles.find((p) => p.apiUrl === this.apiUrl && p.credential);
      if (next) vault.current[this.apiUrl] = next.id;
      else delete vault.current[this.apiUrl];
    });
  }

  find(id: string): StoredProfile | undefined {
    return this.read().profiles.find((p) => this.same(p, id));
  }

  private same(profile: StoredProfile, id: string): boolean {
    return profile.apiUrl === this.apiUrl && profile.id === id;
  }

  private read(): Vault {
    return this.store.read() ?? emptyVault();
  }

  private change(edit: (vault: Vault) => void): void {
    const vault = this.read();
    edit(vault);
    this.store.write(vault);
  }
}

export function summarize(profile: StoredProfile, current: boolean): ProfileSummary {
  return { id: profile.id, name: profile.name, email: profile.email, apiUrl: profile.apiUrl, kind: profile.credential?.kind ?? 'signed-out', api: profile.api ?? 'v4', current };
}

/** Checks a parsed document's shape; anything else is treated as unreadable rather than trusted. */
export function isVault(value: unknown): value is Vault {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Partial<Vault>;
  return v.version === 1 && typeof v.current === 'object' && v.current !== null && Array.isArray(v.profiles);
}
