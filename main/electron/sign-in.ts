// The desktop side of signing in: tokens sealed with the OS keychain through safeStorage, the
// Adobe page opened in the person's own browser, and the redirect received through the registered
// protocol (SLATE_AUTH_REDIRECT_URI, the `adobe+<hash>://…` Adobe assigns) or a loopback server.
import { app, safeStorage, shell } from 'electron';
import { imsConfigFromEnv, type SignInSetup } from '../core/api/auth/connection.ts';
import { SignInError } from '../core/api/auth/errors.ts';
import { FileVaultStore, vaultPath, type Cipher } from '../core/api/auth/file-store.ts';
import { abortReason, loopbackReceiver, type RedirectArrival, type RedirectReceiver } from '../core/api/auth/redirect.ts';

/** Receives redirects the OS hands to the app (open-url on macOS, a second instance's argv elsewhere). */
export class ProtocolRedirects {
  readonly redirectUri: string;
  readonly scheme: string;
  private waiting: ((url: URL) => void) | undefined;

  constructor(redirectUri: string) {
    this.redirectUri = redirectUri;
    this.scheme = new URL(redirectUri).protocol.slice(0, -1);
  }

  /** Makes this app the handler of the scheme; packaged builds also declare it (electron-builder.yml). */
  register(): void {
    // In development the app runs as `electron <entry>`: the OS must be told how to start it.
    if (process.defaultApp && process.argv[1]) app.setAsDefaultProtocolClient(this.scheme, process.execPath, [process.argv[1]]);
    else app.setAsDefaultProtocolClient(this.scheme);
  }

  /** Takes a URL from open-url or argv; true when it was a sign-in redirect (and was consumed). */
  offer(candidate: string): boolean {
    if (!candidate.startsWith(`${this.scheme}:`)) return false;
    let url: URL;
    try {
      url = new URL(candidate);
    } catch {
      return true;
    }
    const take = this.waiting;
    this.waiting = undefined;
    take?.(url);
    return true;
  }

  receiver(): RedirectReceiver {
    return {
      redirectUri: this.redirectUri,
      next: (signal) =>
        new Promise<RedirectArrival>((resolve, reject) => {
          if (signal.aborted) return reject(abortReason(signal));
          signal.addEventListener('abort', () => reject(abortReason(signal)), { once: true });
          // The browser tab shows nothing of ours here: the app window tells the person how it went.
          this.waiting = (url) => resolve({ url, answer: () => undefined });
        }),
      close: async () => {
        this.waiting = undefined;
      },
    };
  }
}

/**
 * safeStorage when the OS offers real encryption. On Linux without a keyring it would only
 * obfuscate ("basic_text"); the file's 0600 mode is then what protects it, as for the CLI.
 */
export function safeStorageCipher(): Cipher | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  return { encrypt: (plain) => safeStorage.encryptString(plain), decrypt: (sealed) => safeStorage.decryptString(sealed) };
}

export function desktopSignIn(dataDir: string, redirects: ProtocolRedirects | undefined, env: NodeJS.ProcessEnv = process.env): SignInSetup {
  const cipher = safeStorageCipher();
  const onWarning = (message: string) => console.error(`slate: warning: ${message}`);
  if (!cipher) onWarning('no OS keychain is available to encrypt sign-ins; they are kept in a file only you can read (0600).');
  const ims = imsConfigFromEnv(env);
  return {
    vault: new FileVaultStore(vaultPath(dataDir, cipher !== undefined), { cipher, onWarning }),
    ims,
    openBrowser: async (url) => {
      // Only the configured sign-in server is ever opened, and only over https (or plain http to this machine).
      const target = new URL(url);
      const local = target.protocol === 'http:' && (target.hostname === '127.0.0.1' || target.hostname === 'localhost');
      if (!ims || target.origin !== new URL(ims.imsUrl).origin || !(target.protocol === 'https:' || local)) {
        throw new SignInError('invalid-answer', `Slate will not open ${target.origin} for sign-in.`);
      }
      await shell.openExternal(target.href);
    },
    receiver: async () => redirects?.receiver() ?? loopbackReceiver(),
    // Signed in from the demo sandbox: start again on the real server.
    onServerChange: () => {
      app.relaunch();
      app.quit();
    },
  };
}
