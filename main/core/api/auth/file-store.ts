// The vault as a file in the data folder, private to its owner (0600), replaced atomically so a
// crash never leaves half a file. With a cipher (the desktop app's safeStorage) the bytes on disk
// are sealed as well; the CLI and web agent rely on the file mode alone, and say so when it was
// loose.
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isVault, type Vault, type VaultStore } from './vault.ts';
import { Refusal } from '../../errors.ts';

/** Encryption supplied by the platform, so core never needs to know where it comes from. */
export interface Cipher {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

export interface FileVaultOptions {
  cipher?: Cipher;
  /** told when the file's permissions were wrong (and fixed) or its owner is someone else */
  onWarning?: (message: string) => void;
}

export const PLAIN_VAULT_FILE = 'credentials.json';
export const SEALED_VAULT_FILE = 'credentials.sealed';

export function vaultPath(dataDir: string, sealed = false): string {
  return join(dataDir, sealed ? SEALED_VAULT_FILE : PLAIN_VAULT_FILE);
}

export class FileVaultStore implements VaultStore {
  readonly location: string;
  private readonly options: FileVaultOptions;

  constructor(path: string, options: FileVaultOptions = {}) {
    this.location = path;
    this.options = options;
  }

  read(): Vault | undefined {
    let bytes: Buffer;
    try {
      this.checkPermissions();
      bytes = readFileSync(this.location);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.options.cipher ? this.options.cipher.decrypt(bytes) : bytes.toString('utf8'));
    } catch {
      parsed = undefined;
    }
    if (!isVault(parsed)) throw new Refusal('sign-in:damaged', `The sign-in file ${this.location} is damaged or was sealed on another machine.`, 'Delete it and sign in again.');
    return parsed;
  }

  write(vault: Vault): void {
    const text = JSON.stringify(vault);
    writeAtomically(this.location, this.options.cipher ? this.options.cipher.encrypt(text) : Buffer.from(text, 'utf8'));
  }

  /** Loose modes are tightened back to 0600 on every read; a file owned by someone else is reported, not trusted silently. */
  private checkPermissions(): void {
    if (process.platform === 'win32') return; // NTFS ACLs of the profile folder protect it there
    const stat = statSync(this.location);
    const uid = process.getuid?.();
    if (uid !== undefined && stat.uid !== uid) {
      this.options.onWarning?.(`${this.location} belongs to another user (uid ${stat.uid}); whoever that is can read these sign-ins.`);
    }
    if ((stat.mode & 0o077) !== 0) {
      chmodSync(this.location, 0o600);
      this.options.onWarning?.(`${this.location} was readable by other users (mode ${(stat.mode & 0o777).toString(8)}); it is private again (600). Sign out and in again if others may have read it.`);
    }
  }
}

/** Write beside, flush, then rename over: readers see the old file or the new one, never a mix. */
export function writeAtomically(path: string, bytes: Buffer): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    // an existing temporary file keeps its old mode through open('w'), so set it explicitly
    chmodSync(temporary, 0o600);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
