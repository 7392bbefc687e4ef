import { create } from 'zustand';
import type { Account, AppInfo, Profile } from '../../../preload/contract.ts';
import { call, SlateFailure } from '../slate.ts';

export interface Problem {
  message: string;
  action?: string;
}

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
      const problem = error instanceof SlateFailure ? { message: error.message, action: error.action } : { message: String(error) };
      set({ status: 'failed', problem });
    }
  },
}));
