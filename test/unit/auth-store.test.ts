import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FileVaultStore, vaultPath, type Cipher } from '../../main/core/api/auth/file-store.ts';
import { challengeFor, createPkce, createState } from '../../main/core/api/auth/pkce.ts';
import { ProfileBook, type StoredProfile } from '../../main/core/api/auth/vault.ts';

const posix = process.platform !== 'win32';
const withDir = (body: (dir: string) => void) => {
  const dir = mkdtempSync(join(tmpdir(), 'slate-auth-'));
  try {
    body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
const profile = (id: string, token = `token-${id}`): StoredProfile => ({ id, apiUrl: 'http://api.test', name: id, email: `${id}@example.test`, credential: { kind: 'bearer', token } });

test('PKCE: the S256 challenge matches RFC 7636 appendix B, verifiers and states are fresh and URL-safe', () => {
  assert.equal(challengeFor('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  const a = createPkce();
  const b = createPkce();
  assert.notEqual(a.verifier, b.verifier);
  assert.match(a.verifier, /^[\w-]{43}$/);
  assert.equal(a.challenge, challengeFor(a.verifier));
  assert.notEqual(createState(), createState());
});

test('the vault file is written 0600, atomically, and read back', () => {
  withDir((dir) => {
    const store = new FileVaultStore(vaultPath(dir));
    const book = new ProfileBook(store, 'http://api.test/');
    book.put(profile('rosa'));
    book.put(profile('sam'));
    if (posix) assert.equal(statSync(store.location).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(dir), ['credentials.json'], 'no temporary file left behind');
    assert.equal(book.current()?.id, 'sam', 'the newest sign-in is current');
    assert.deepEqual(book.list().map((p) => [p.id, p.current, p.kind]), [['rosa', false, 'bearer'], ['sam', true, 'bearer']]);
    assert.equal(JSON.stringify(book.list()).includes('token-'), false, 'summaries carry no token');
    book.use('rosa');
    assert.equal(new ProfileBook(new FileVaultStore(vaultPath(dir)), 'http://api.test').current()?.id, 'rosa');
    book.remove('rosa');
    assert.equal(book.current()?.id, 'sam', 'removing the current profile falls back to another');
    assert.equal(new ProfileBook(store, 'http://other.test').current(), undefined, 'profiles belong to one server');
  });
});

test('a vault file others can read is made private again, with a warning', { skip: !posix && 'POSIX file modes' }, () => {
  withDir((dir) => {
    const warnings: string[] = [];
    const store = new FileVaultStore(vaultPath(dir), { onWarning: (m) => warnings.push(m) });
    new ProfileBook(store, 'http://api.test').put(profile('rosa'));
    chmodSync(store.location, 0o644);
    assert.equal(new ProfileBook(store, 'http://api.test').current()?.id, 'rosa');
    assert.equal(statSync(store.location).mode & 0o777, 0o600);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /was readable by other users \(mode 644\); it is private again/);
    assert.equal(warnings[0]!.includes('token-rosa'), false);
  });
});

test('a damaged vault file is reported, not silently replaced', () => {
  withDir((dir) => {
    writeFileSync(vaultPath(dir), '{"version":', { mode: 0o600 });
    assert.throws(() => new FileVaultStore(vaultPath(dir)).read(), { code: 'sign-in:damaged', message: /is damaged or was sealed on another machine\.$/, action: 'Delete it and sign in again.' });
  });
});

test('with a cipher (the desktop\'s safeStorage) nothing readable reaches the disk', () => {
  withDir((dir) => {
    // a reversible stand-in; the desktop injects Electron's safeStorage here
    const cipher: Cipher = { encrypt: (plain) => Buffer.from(Buffer.from(plain).map((b) => b ^ 0x5a)), decrypt: (sealed) => Buffer.from(sealed.map((b) => b ^ 0x5a)).toString() };
    const store = new FileVaultStore(vaultPath(dir, true), { cipher });
    new ProfileBook(store, 'http://api.test').put(profile('rosa', 'secret-value'));
    const raw = readFileSync(vaultPath(dir, true));
    assert.equal(raw.includes('secret-value'), false);
    assert.equal(new ProfileBook(store, 'http://api.test').current()?.credential?.kind, 'bearer');
    assert.throws(() => new FileVaultStore(vaultPath(dir, true)).read(), /damaged or was sealed on another machine/);
  });
});
