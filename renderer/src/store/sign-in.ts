// The sign-ins this Slate keeps (profiles), which one is in use, and signing in and out.
import { create } from 'zustand';
import type { SessionStatus } from '../../../preload/contract.ts';
import { call } from '../slate.ts';
import { attempter, type Problem } from './problem.ts';

interface SignInState {
  status?: SessionStatus;
  busy: boolean;
  problem?: Problem;
  load(): Promise<void>;
  signIn(): Promise<boolean>;
  signOut(profileId?: string): Promise<boolean>;
  switchTo(profileId: string): Promise<boolean>;
}

export const useSignIn = create<SignInState>((set) => {
  const attempt = attempter(set);
  const busy = async (work: () => Promise<SessionStatus>) => {
    set({ busy: true });
    const ok = await attempt(async () => set({ status: await work() }));
    set({ busy: false });
    return ok;
  };
  return {
    busy: false,
    load: async () => void (await attempt(async () => set({ status: await call('session:status', {}) }))),
    signIn: () => busy(() => call('session:signIn', {})),
    signOut: (profileId) => busy(() => call('session:signOut', { profileId })),
    switchTo: (profileId) => busy(() => call('session:switch', { profileId })),
  };
});
