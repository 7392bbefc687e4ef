// The person's preferences, kept as JSON in the data folder by conf (atomic writes), checked
// against the contract's schema on the way in and on the way out: a hand-edited or older file
// falls back to defaults field by field instead of breaking start-up.
import Conf from 'conf';
import { SettingsSchema, type Settings } from '../../preload/contract.ts';
import { parseBandwidth } from './transfers/bandwidth.ts';

export const DEFAULT_SETTINGS: Settings = {
  fileConcurrency: 4,
  partConcurrency: 5,
  bandwidth: 'off',
  notifications: true,
  commentCheckSeconds: 30,
  startAtLogin: false,
  theme: 'system',
  updateFeed: '',
};

export class SettingsStore {
  private readonly conf: Conf<Settings>;

  constructor(dataDir: string) {
    this.conf = new Conf<Settings>({ cwd: dataDir, configName: 'settings', defaults: DEFAULT_SETTINGS, projectName: 'slate', configFileMode: 0o600 });
  }

  get(): Settings {
    const stored = this.conf.store as Record<string, unknown>;
    const settings = { ...DEFAULT_SETTINGS };
    for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>) {
      const field = SettingsSchema.shape[key].safeParse(stored[key]);
      if (field.success && (key !== 'bandwidth' || bandwidthParses(field.data as string))) Object.assign(settings, { [key]: field.data });
    }
    return settings;
  }

  /** Applies a change; a bandwidth that does not parse is refused with the parser's reason. */
  update(change: Partial<Settings>): Settings {
    if (change.bandwidth !== undefined) parseBandwidth(change.bandwidth);
    const next = SettingsSchema.parse({ ...this.get(), ...change });
    this.conf.set(next);
    return next;
  }
}

/** A bandwidth saved before a rule was tightened (a "0" once meant no limit) must not stop start-up. */
function bandwidthParses(spec: string): boolean {
  try {
    parseBandwidth(spec);
    return true;
  } catch {
    return false;
  }
}
