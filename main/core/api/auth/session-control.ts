// Sign-in as the long-running shells see it: the status of one server's profiles, the browser
// sign-in through whatever the shell provides, sign-out and switching; every change is announced
// so the renderer re-reads who is signed in.
import type { SignInSetup } from './connection.ts';
import { SignInError } from './errors.ts';
import { loopbackReceiver } from './redirect.ts';
import { SignIns } from './sign-ins.ts';
import { ProfileBook, type ProfileSummary } from './vault.ts';

export interface SessionStatus {
  server: string;
  signedIn: boolean;
  canSignIn: boolean;
  profiles: Array<Omit<ProfileSummary, 'apiUrl'>>;
}

export class SessionControl {
  readonly signIns: SignIns;
  private readonly setup: SignInSetup;
  /** whether this process's API client follows these profiles (false while it runs the demo sandbox) */
  private readonly following: boolean;
  private readonly listeners = new Set<(signedIn: boolean) => void>();

  constructor(setup: SignInSetup, server: string, following: boolean, userAgent?: string) {
    this.setup = setup;
    this.following = following;
    this.signIns = new SignIns(new ProfileBook(setup.vault, server), { userAgent });
  }

  status(): SessionStatus {
    const profiles = this.signIns.list().map(({ apiUrl: _apiUrl, ...rest }) => rest);
    return {
      server: this.signIns.book.apiUrl,
      signedIn: profiles.some((p) => p.current && p.kind !== 'signed-out'),
      canSignIn: Boolean(this.setup.ims && this.setup.openBrowser),
      profiles,
    };
  }

  async signIn(): Promise<SessionStatus> {
    const { ims, openBrowser } = this.setup;
    if (!ims || !openBrowser) {
      throw new SignInError('cancelled', 'Signing in from here is not available: run `slate login` on this machine (and set SLATE_IMS_CLIENT_ID).');
    }
    const receiver = await (this.setup.receiver ?? (() => loopbackReceiver()))();
    try {
      await this.signIns.withBrowser({ ims, receiver, open: openBrowser });
    } finally {
      await receiver.close();
    }
    return this.changed();
  }

  async signOut(profileId?: string): Promise<SessionStatus> {
    await this.signIns.signOut(profileId);
    return this.changed();
  }

  switchTo(profileId: string): SessionStatus {
    if (!this.signIns.book.find(profileId)) throw new SignInError('cancelled', 'That profile is not signed in here any more.');
    this.signIns.use(profileId);
    return this.changed();
  }

  /** The token provider reports a refused refresh through here. */
  signedOut(): void {
    this.changed();
  }

  onChange(listener: (signedIn: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): SessionStatus {
    const status = this.status();
    for (const listener of this.listeners) listener(status.signedIn);
    if (!this.following && status.signedIn) this.setup.onServerChange?.();
    return status;
  }
}
