import { create } from 'zustand';
import type { Account, AppInfo, Profile } from '../../../preload/contract.ts';
import { call } from '../slate.ts';
import { toProblem, type Problem } from './problem.ts';

interface SessionState {
  status: 'loading' | 'ready' | 'failed';
  info?: AppInfo;
  me?: Profile;
  accounts: Account[];
  problem?: Problem;
  load(): Promise<void>;
}

export const useSession = create<SessionState>((set) => ({
  status: 'loading',
  accounts: [],
  async load() {
    set({ status: 'loading', problem: undefined });
    try {
      const [info, me, accounts] = await Promise.all([call('app:info', {}), call('user:me', {}), call('accounts:list', {})]);
      set({ status: 'ready', info, me, accounts });
    } catch (error) {
      set({ status: 'failed', problem: toProblem(error) });
    }
  },
}));
