import { create } from 'zustand';
import type { Settings } from '../../../preload/contract.ts';
import { call, subscribe } from '../slate.ts';
import { onReconnect } from './agent.ts';
import { toProblem, type Problem } from './problem.ts';

interface SettingsState {
  settings?: Settings;
  dataDir?: string;
  problem?: Problem;
  load(): Promise<void>;
  update(change: Partial<Settings>): Promise<boolean>;
  start(): () => void;
}

export const useSettings = create<SettingsState>((set, get) => ({
  async load() {
    const { settings, dataDir } = await call('settings:get', {});
    set({ settings, dataDir });
  },
  async update(change) {
    try {
      set({ settings: await call('settings:update', change), problem: undefined });
      return true;
    } catch (error) {
      set({ problem: toProblem(error) });
      return false;
    }
  },
  start() {
    const stops = [subscribe('settings:changed', (settings) => set({ settings })), onReconnect(() => void get().load().catch(() => undefined))];
    return () => stops.forEach((stop) => stop());
  },
}));
