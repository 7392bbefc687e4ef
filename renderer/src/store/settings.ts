import { create } from 'zustand';
import type { Settings } from '../../../preload/contract.ts';
import { call, subscribe } from '../slate.ts';
import { onReconnect } from './agent.ts';

interface SettingsState {
  settings?: Settings;
  dataDir?: string;
  load(): Promise<void>;
  /** Throws the refusal, for the field that asked to show beside it. */
  update(change: Partial<Settings>): Promise<void>;
  start(): () => void;
}

export const useSettings = create<SettingsState>((set, get) => ({
  async load() {
    const { settings, dataDir } = await call('settings:get', {});
    set({ settings, dataDir });
  },
  async update(change) {
    set({ settings: await call('settings:update', change) });
  },
  start() {
    const stops = [subscribe('settings:changed', (settings) => set({ settings })), onReconnect(() => void get().load().catch(() => undefined))];
    return () => stops.forEach((stop) => stop());
  },
}));
