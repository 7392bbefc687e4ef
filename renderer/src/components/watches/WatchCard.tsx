import { useId, useRef, useState } from 'react';
import type { Watch, WatchFile } from '../../../../preload/contract.ts';
import { formatBytes } from '../../lib/format.ts';
import { useWatches } from '../../store/watches.ts';
import { Card } from './Card.tsx';
import { WatchDestination } from './WatchDestination.tsx';
import { WatchSettingsForm } from './WatchSettingsForm.tsx';

const STATES: Array<{ state: WatchFile['state']; label: string }> = [
  { state: 'pending', label: 'Pending' },
  { state: 'ready', label: 'Ready' },
  { state: 'queued', label: 'Queued' },
  { state: 'uploading', label: 'Uploading' },
  { state: 'done', label: 'Done' },
  { state: 'failed', label: 'Failed' },
  { state: 'skipped', label: 'Skipped' },
];

export function WatchCard({ watch }: { watch: Watch }) {
  const { files, act, remove, loadFiles } = useWatches();
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [editing, setEditing] = useState(false);
  const settingsButton = useRef<HTMLButtonElement>(null);
  const settingsId = useId();
  const list = files[watch.id];
  const status = watch.paused ? 'Paused' : watch.running ? 'Watching' : 'Waiting for the folder';
  const [looking, setLooking] = useState(false);

  return (
    <Card
      label={watch.dir}
      state={status}
      testId="watch"
      actions={
        <>
          <button type="button" onClick={() => void act(watch.paused ? 'resume' : 'pause', watch.id)}>
            {watch.paused ? 'Resume' : 'Pause'}
          </button>
          {watch.running && (
            <button
              type="button"
              disabled={looking}
              title="Look through the whole folder now: a network share sends no word of what other machines write"
              onClick={() => {
                setLooking(true);
                void act('lookNow', watch.id).finally(() => setLooking(false));
              }}
            >
              {looking ? 'Looking…' : 'Look now'}
            </button>
          )}
          <button
            type="button"
            onClick={() => {
              if (!open) void loadFiles(watch.id);
              setOpen(!open);
            }}
            aria-expanded={open}
          >
            Files
          </button>
          <button ref={settingsButton} type="button" onClick={() => setEditing(!editing)} aria-expanded={editing} aria-controls={editing ? settingsId : undefined}>
            Settings
          </button>
          <button type="button" className={confirming ? 'danger' : ''} onClick={() => (confirming ? void remove(watch.id) : setConfirming(true))} onBlur={() => setConfirming(false)}>
            {confirming ? 'Stop watching? Nothing is deleted' : 'Remove'}
          </button>
        </>
      }
      opened={
        <>
          {editing && (
            <WatchSettingsForm
              id={settingsId}
              watch={watch}
              onClose={() => {
                setEditing(false);
                settingsButton.current?.focus();
              }}
            />
          )}
          {open && list && (
            <ul className="job-files" aria-label={`Files in ${watch.dir}`}>
              {list.length === 0 && <li className="muted">No files seen yet.</li>}
              {list.map((file) => (
                <li key={file.path}>
                  <span className="name">{file.path}</span>
                  <span>{formatBytes(file.size)}</span>
                  <span className={`file-state file-${file.state}`} title={file.reason}>
                    {file.state}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      }
    >
      <WatchDestination watch={watch} />
      {watch.notice && (
        <p className="watch-notice" data-testid="watch-notice">
          {watch.notice}
        </p>
      )}
      {watch.lookedAt !== null && (
        <p className="muted watch-looked" data-testid="watch-looked">
          Last looked through the whole folder at {new Date(watch.lookedAt).toLocaleTimeString()}
        </p>
      )}
      {watch.counts && (
        <ul className="watch-counts" aria-label={`File states of ${watch.dir}`}>
          {STATES.filter(({ state }) => (watch.counts?.[state] ?? 0) > 0).map(({ state, label }) => (
            <li key={state} className={`file-${state}`}>
              {label} {watch.counts?.[state]}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
