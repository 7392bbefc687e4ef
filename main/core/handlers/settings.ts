import type { Settings } from '../../../preload/contract.ts';
import type { SettingsStore } from '../settings.ts';
import type { TransferEngine } from '../transfers/engine.ts';
import type { HandlerGroup } from './types.ts';

export function settingsHandlers(store: SettingsStore, dataDir: string, engine: TransferEngine, changed: (settings: Settings) => void): HandlerGroup<'settings'> {
  return {
    'settings:get': async () => ({ settings: store.get(), dataDir }),
    'settings:update': async (change) => {
      const settings = store.update(change);
      if (change.bandwidth !== undefined) engine.setBandwidth(settings.bandwidth);
      changed(settings);
      return settings;
    },
  };
}
