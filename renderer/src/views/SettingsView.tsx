import { useEffect, useState } from 'react';
import { ProblemBanner } from '../components/ProblemBanner.tsx';
import { useSettings } from '../store/settings.ts';

export function SettingsView() {
  const { settings, dataDir, problem, load, update } = useSettings();
  const [bandwidth, setBandwidth] = useState('');

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (settings) setBandwidth(settings.bandwidth);
  }, [settings]);

  if (!settings) return <p className="muted empty">Loading settings…</p>;
  return (
    <section className="settings-view" aria-labelledby="settings-heading">
      <h1 id="settings-heading">Settings</h1>
      {problem && <ProblemBanner problem={problem} onRetry={() => void load()} retryLabel="Reload" />}
      <fieldset>
        <legend>Transfers</legend>
        <label>
          Files at once
          <input type="number" min={1} max={16} value={settings.fileConcurrency} onChange={(e) => void update({ fileConcurrency: Number(e.target.value) })} />
        </label>
        <label>
          Parts per file at once
          <input type="number" min={1} max={16} value={settings.partConcurrency} onChange={(e) => void update({ partConcurrency: Number(e.target.value) })} />
        </label>
        <p className="muted">Concurrency changes apply the next time Slate starts.</p>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void update({ bandwidth });
          }}
        >
          <label>
            Bandwidth limit
            <input aria-describedby="bandwidth-help" value={bandwidth} onChange={(e) => setBandwidth(e.target.value)} />
          </label>
          <button type="submit" disabled={bandwidth === settings.bandwidth}>
            Apply
          </button>
        </form>
        <p id="bandwidth-help" className="muted">
          “off”, a rate such as “20M” (bytes per second), or a timetable such as “08:00,5M 19:00,off”. Applies at once.
        </p>
      </fieldset>
      <fieldset>
        <legend>App</legend>
        <label className="check">
          <input type="checkbox" checked={settings.notifications} onChange={(e) => void update({ notifications: e.target.checked })} />
          Notify me when uploads finish or fail
        </label>
        <label>
          Check followed files for new comments every (seconds)
          <input type="number" min={5} max={3600} value={settings.commentCheckSeconds} onChange={(e) => void update({ commentCheckSeconds: Number(e.target.value) })} />
        </label>
        <label className="check">
          <input type="checkbox" checked={settings.startAtLogin} onChange={(e) => void update({ startAtLogin: e.target.checked })} />
          Start Slate when I log in
        </label>
        <label>
          Theme
          <select value={settings.theme} onChange={(e) => void update({ theme: e.target.value as typeof settings.theme })}>
            <option value="system">Match the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        <UpdateFeed feed={settings.updateFeed} onApply={(updateFeed) => update({ updateFeed })} />
        <p className="muted">Data folder: {dataDir}</p>
      </fieldset>
    </section>
  );
}

function UpdateFeed({ feed, onApply }: { feed: string; onApply(feed: string): Promise<boolean> }) {
  const [value, setValue] = useState(feed);
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void onApply(value.trim());
      }}
    >
      <label>
        Update feed (desktop app; empty for no automatic updates)
        <input type="url" placeholder="https://updates.example.com/slate" value={value} onChange={(e) => setValue(e.target.value)} />
      </label>
      <button type="submit" disabled={value.trim() === feed}>
        Apply
      </button>
    </form>
  );
}
