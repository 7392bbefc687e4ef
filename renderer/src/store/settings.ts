import { create } from 'zustand';
import type { Settings } from '../../../preload/contract.ts';
import { call, SlateFailure, subscribe } from '../slate.ts';
import type { Problem } from './session.ts';

interface SettingsState {
  settings?: Settings;
  dataDir?: string;
  problem?: Problem;
  load(): Promise<void>;
  update(change: Partial<Settings>): Promise<boolean>;
  start(): () => void;
}

export const useSettings = create<SettingsState>((set) => ({
  async load() {
    const { settings, dataDir } = await call('settings:get', {});
    set({ settings, dataDir });
  },
  async update(change) {
    try {
      set({ settings: await call('settings:update', change), problem: undefined });
      return true;
    } catch (error) {
      set({ problem: error instanceof SlateFailure ? { message: error.message, action: error.action } : { message: String(error) } });
      return false;
    }
  },
  start() {
    return subscribe('settings:changed', (settings) => set({ settings }));
  },
}));
