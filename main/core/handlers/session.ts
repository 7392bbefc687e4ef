import type { AppInfo, SessionStatus } from '../../../preload/contract.ts';
import type { SessionControl } from '../api/auth/session-control.ts';
import type { FrameioClient } from '../api/client.ts';
import type { HandlerGroup } from './types.ts';
import { Refusal } from '../errors.ts';
import { onLegacy, type LegacyApi } from './api-choice.ts';

/**
 * `session` is absent when this process runs on a fixed token (SLATE_TOKEN) or the embedded demo
 * sandbox without sign-in set up: then there is nothing to sign in or out of from the UI.
 */
export function sessionHandlers(
  api: FrameioClient,
  info: AppInfo,
  session: SessionControl | undefined,
  onSignedInChange: (signedIn: boolean) => void,
  legacy?: LegacyApi,
): HandlerGroup<'app' | 'user' | 'accounts' | 'session'> {
  session?.onChange(onSignedInChange);
  const fixed = (): SessionStatus => ({ server: info.backend.url, signedIn: true, canSignIn: false, profiles: [] });
  const unmanaged = async (): Promise<never> => {
    throw new Refusal('sign-in:unmanaged', 'This Slate runs on a fixed token or the demo sandbox: there is no sign-in to change here.', 'Start Slate without SLATE_TOKEN to sign in with Adobe.');
  };
  return {
    'app:info': async () => info,
    'user:me': async () => {
      if (onLegacy(legacy)) {
        const me = await legacy.v2.me();
        return { id: me.id, name: me.name, email: me.email, avatarUrl: me.image_128 ?? null };
      }
      const me = await api.me();
      return { id: me.id, name: me.name, email: me.email, avatarUrl: me.avatar_url };
    },
    'accounts:list': async () => {
      // A legacy sign-in works in its one home account, named after the person as V2 names no account.
      if (onLegacy(legacy)) {
        const me = await legacy.v2.me();
        return me.account_id ? [{ id: me.account_id, name: me.name, roles: [], api: 'v2' as const }] : [];
      }
      const accounts = await api.accounts();
      return accounts.map((a) => ({ id: a.id, name: a.display_name, roles: a.roles ?? [], api: 'v4' as const }));
    },
    'session:status': async () => session?.status() ?? fixed(),
    'session:signIn': async () => (session ? session.signIn() : unmanaged()),
    'session:signOut': async ({ profileId }) => (session ? session.signOut(profileId) : unmanaged()),
    'session:switch': async ({ profileId }) => (session ? session.switchTo(profileId) : unmanaged()),
  };
}
