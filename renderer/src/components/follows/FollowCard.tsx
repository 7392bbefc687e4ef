import { useState, type FormEvent } from 'react';
import type { Follow } from '../../../../preload/contract.ts';
import { useFollows } from '../../store/follows.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';
import { Card } from '../watches/Card.tsx';
import { FollowSettingsFields } from './FollowSettingsFields.tsx';
import { removeWords } from './remove-words.ts';

function stateOf(follow: Follow): string {
  if (follow.paused) return 'Paused';
  if (follow.looking) return 'Looking…';
  return follow.running ? 'Following' : 'Stopped';
}

/** A followed Frame.io folder: where it comes down, when Slate last looked, what came down, and what went wrong. */
export function FollowCard({ follow }: { follow: Follow }) {
  const { update, act, remove } = useFollows();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [draft, setDraft] = useState({ versions: follow.versions, conflict: follow.conflict });
  const { done, skipped, failed, coming } = follow.counts;
  const words = removeWords(follow);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (await update(follow.id, draft)) setEditing(false);
  };

  return (
    <Card
      label={follow.label}
      state={stateOf(follow)}
      testId="follow"
      actions={
        <>
          <button type="button" onClick={() => void act(follow.paused ? 'resume' : 'pause', follow.id)}>
            {follow.paused ? 'Resume' : 'Pause'}
          </button>
          {!follow.paused && (
            <button type="button" disabled={follow.looking} title="Look through the Frame.io folder now rather than when the next look is due" onClick={() => void act('lookNow', follow.id)}>
              {follow.looking ? 'Looking…' : 'Look now'}
            </button>
          )}
          <button type="button" aria-expanded={editing} onClick={() => setEditing(!editing)}>
            Settings
          </button>
          <button type="button" onClick={() => setConfirming(true)}>
            Remove
          </button>
          <ConfirmDialog
            open={confirming}
            title={words.title}
            confirm="Stop following"
            keep="Keep following"
            onClose={() => setConfirming(false)}
            onConfirm={() => {
              setConfirming(false);
              void remove(follow.id);
            }}
          >
            <p>{words.stops}</p>
            {words.cancelled && (
              <p>
                <strong>Cancelled:</strong> {words.cancelled}
              </p>
            )}
            <p>
              <strong>Kept:</strong> {words.kept}
            </p>
          </ConfirmDialog>
        </>
      }
      opened={
        editing && (
          <form className="watch-settings" aria-label={`Settings of the follow of ${follow.label}`} onSubmit={(e) => void save(e)}>
            <FollowSettingsFields value={draft} onChange={setDraft} />
            <div className="job-actions">
              <button type="submit" className="primary">
                Save
              </button>
              <button type="button" onClick={() => setEditing(false)}>
                Cancel
              </button>
            </div>
          </form>
        )
      }
    >
      <p className="muted watch-looked" title={follow.dir}>
        Comes down into {follow.dir}, as the folder “{follow.label}”
      </p>
      <p className="muted watch-looked" data-testid="follow-looked">
        {follow.lookedAt === null ? 'Not looked through yet' : `Last looked at ${new Date(follow.lookedAt).toLocaleTimeString()}`}
        {follow.paused && ' · paused: it looks again when resumed'}
      </p>
      <ul className="watch-counts" aria-label={`What came down from ${follow.label}`}>
        <li className="file-done">Downloaded {done}</li>
        {skipped > 0 && <li className="file-skipped">Already there {skipped}</li>}
        {coming > 0 && <li className="file-queued">{follow.paused ? 'Waiting' : 'Coming'} {coming}</li>}
        {failed > 0 && <li className="file-failed">Failed {failed}</li>}
      </ul>
      {follow.lastDown && (
        <p className="muted watch-looked" data-testid="follow-last">
          Last down: {follow.lastDown.relPath} at {new Date(follow.lastDown.at).toLocaleTimeString()}
        </p>
      )}
      {follow.problem && (
        <div className="problem" role="status">
          <p className="job-error">{follow.problem.message}</p>
          {follow.problem.action && <p className="muted">{follow.problem.action}</p>}
        </div>
      )}
    </Card>
  );
}
