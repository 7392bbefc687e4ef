import { useEffect, useState } from 'react';
import { ProblemBanner } from '../components/ProblemBanner.tsx';
import { BrowserNotifications } from '../components/settings/BrowserNotifications.tsx';
import { useApply, type ApplyNote } from '../components/settings/use-apply.ts';
import { Field } from '../components/watches/Field.tsx';
import { fieldToSpec, specToField, unitOfSpec, type BandwidthUnit } from '../lib/bandwidth-units.ts';
import { toProblem, type Problem } from '../store/problem.ts';
import { useSession } from '../store/session.ts';
import { useSettings } from '../store/settings.ts';

export function SettingsView() {
  const { settings, dataDir, load } = useSettings();
  const desktop = useSession((s) => s.info?.shell === 'desktop');
  const [problem, setProblem] = useState<Problem>();
  const reload = () => {
    setProblem(undefined);
    load().catch((error: unknown) => setProblem(toProblem(error)));
  };
  useEffect(reload, [load]);

  if (problem) return <ProblemBanner problem={problem} onRetry={reload} retryLabel="Reload" />;
  if (!settings) return <p className="muted empty">Loading settings…</p>;
  return (
    <section className="settings-view" aria-labelledby="settings-heading">
      <h1 id="settings-heading">Settings</h1>
      <fieldset>
        <legend>Transfers</legend>
        <NumberSetting label="Files at once" value={settings.fileConcurrency} min={1} max={16} apply={(fileConcurrency, a) => a.apply({ fileConcurrency }, 'Saved: applies the next time Slate starts.')} />
        <NumberSetting label="Parts per file at once" value={settings.partConcurrency} min={1} max={16} apply={(partConcurrency, a) => a.apply({ partConcurrency }, 'Saved: applies the next time Slate starts.')} />
        <Bandwidth current={settings.bandwidth} />
      </fieldset>
      <fieldset>
        <legend>App</legend>
        <label className="check">
          <input type="checkbox" checked={settings.notifications} onChange={(e) => void useSettings.getState().update({ notifications: e.target.checked }).catch(() => undefined)} />
          Notify me when uploads finish or fail
        </label>
        {!desktop && <BrowserNotifications wanted={settings.notifications} />}
        <NumberSetting label="Check followed files for new comments every (seconds)" value={settings.commentCheckSeconds} min={5} max={3600} apply={(commentCheckSeconds, a) => a.apply({ commentCheckSeconds })} />
        {/* Starting at login and updating the app are the desktop app's; a browser cannot do either. */}
        {desktop && (
          <label className="check">
            <input type="checkbox" checked={settings.startAtLogin} onChange={(e) => void useSettings.getState().update({ startAtLogin: e.target.checked }).catch(() => undefined)} />
            Start Slate when I log in
          </label>
        )}
        <label>
          Theme
          <select value={settings.theme} onChange={(e) => void useSettings.getState().update({ theme: e.target.value as typeof settings.theme }).catch(() => undefined)}>
            <option value="system">Match the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        {desktop && <UpdateFeed feed={settings.updateFeed} />}
        <p className="muted">Data folder: {dataDir}</p>
      </fieldset>
    </section>
  );
}

function Note({ note }: { note: ApplyNote }) {
  return (
    <p className="muted" role="status">
      {note.applied && !note.error ? note.applied : ''}
    </p>
  );
}

/** A whole number within bounds, checked here before it is sent, with the reason beside the field. */
function NumberSetting({ label, value, min, max, apply }: { label: string; value: number; min: number; max: number; apply(value: number, a: ReturnType<typeof useApply>): Promise<void> }) {
  const applying = useApply();
  const [typed, setTyped] = useState(String(value));
  const change = (text: string) => {
    setTyped(text);
    const n = Number(text);
    if (text.trim() === '' || !Number.isInteger(n) || n < min || n > max) applying.refuse(`Enter a whole number from ${min} to ${max}.`);
    else void apply(n, applying);
  };
  return (
    <>
      <Field label={label} error={applying.note.error}>
        {(described) => <input type="number" min={min} max={max} value={typed} onChange={(e) => change(e.target.value)} {...described} />}
      </Field>
      <Note note={applying.note} />
    </>
  );
}

const UNIT_KEY = 'slate.bandwidthUnit';

/** The unit the stored limit was written in, else the one chosen last, else Mbps. */
function initialUnit(spec: string): BandwidthUnit {
  return unitOfSpec(spec) ?? (localStorage.getItem(UNIT_KEY) === 'MB/s' ? 'MB/s' : 'Mbps');
}

/** The limit in Mbps or MB/s (the person's choice), checked beside the field and sent with its unit. */
function Bandwidth({ current }: { current: string }) {
  const applying = useApply();
  const [unit, setUnit] = useState<BandwidthUnit>(() => initialUnit(current));
  const [typed, setTyped] = useState(() => specToField(current, unit));
  const changeUnit = (next: BandwidthUnit) => {
    localStorage.setItem(UNIT_KEY, next);
    const reading = fieldToSpec(typed, unit);
    setTyped('spec' in reading ? specToField(reading.spec, next) : typed);
    setUnit(next);
  };
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        const reading = fieldToSpec(typed, unit);
        if ('error' in reading) return applying.refuse(reading.error);
        void applying.apply({ bandwidth: reading.spec }, reading.spec === 'off' ? 'Applied: no limit.' : `Applied: ${typed.trim()} (${unit}).`);
      }}
    >
      <Field label={`Bandwidth limit (${unit})`} hint={`A number in ${unit}, “off”, or a timetable such as “08:00,40 19:00,off”. Applies at once.`} error={applying.note.error}>
        {(described) => <input value={typed} onChange={(e) => setTyped(e.target.value)} {...described} />}
      </Field>
      <label>
        Unit
        <select value={unit} onChange={(e) => changeUnit(e.target.value as BandwidthUnit)}>
          <option value="Mbps">Mbps (megabits a second)</option>
          <option value="MB/s">MB/s (megabytes a second)</option>
        </select>
      </label>
      <button type="submit" disabled={typed.trim() === specToField(current, unit)}>
        Apply
      </button>
      <Note note={applying.note} />
    </form>
  );
}

function UpdateFeed({ feed }: { feed: string }) {
  const applying = useApply();
  const [value, setValue] = useState(feed);
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void applying.apply({ updateFeed: value.trim() }, value.trim() ? 'Applied.' : 'Applied: no automatic updates.');
      }}
    >
      <Field label="Update feed (empty for no automatic updates)" error={applying.note.error}>
        {(described) => <input type="url" placeholder="https://updates.example.com/slate" value={value} onChange={(e) => setValue(e.target.value)} {...described} />}
      </Field>
      <button type="submit" disabled={value.trim() === feed}>
        Apply
      </button>
      <Note note={applying.note} />
    </form>
  );
}
