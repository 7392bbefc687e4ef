import { create } from 'zustand';
import type { Account, AppInfo, Profile } from '../../../preload/contract.ts';
import { call } from '../slate.ts';
import { toProblem, type Problem } from './problem.ts';

interface SessionState {
  status: 'loading' | 'ready' | 'failed';
  info?: AppInfo;
  me?: Profile;
  accounts: Account[];
  /** signed in to a legacy (V2) account: V4-only screens and actions are hidden, and a note says so */
  legacy: boolean;
  problem?: Problem;
  load(): Promise<void>;
}

export const useSession = create<SessionState>((set) => ({
  status: 'loading',
  accounts: [],
  legacy: false,
  async load() {
    set({ status: 'loading', problem: undefined });
    try {
      const [info, me, accounts] = await Promise.all([call('app:info', {}), call('user:me', {}), call('accounts:list', {})]);
      set({ status: 'ready', info, me, accounts, legacy: accounts.some((a) => a.api === 'v2') });
    } catch (error) {
      set({ status: 'failed', problem: toProblem(error) });
    }
  },
}));
