import { useState, type FormEvent } from 'react';
import type { Share } from '../../../../preload/contract.ts';
import { formatDate } from '../../lib/format.ts';
import { useDownloads } from '../../store/downloads.ts';
import { useShares } from '../../store/shares.ts';
import { CopyButton } from '../CopyButton.tsx';

export function ShareCard({ share, accountId }: { share: Share; accountId: string }) {
  const { assets, reviewers, loadDetails, remove, removeAsset, addReviewers, removeReviewer } = useShares();
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [emails, setEmails] = useState('');

  const invite = async (event: FormEvent) => {
    event.preventDefault();
    const list = emails.split(/[\s,;]+/).filter(Boolean);
    if (list.length && (await addReviewers(accountId, share.id, list, `You are invited to review “${share.name}”.`))) setEmails('');
  };

  return (
    <li className="watch" data-testid="share">
      <div className="job-main">
        <span className="job-label">{share.name}</span>
        <span className="job-state">
          {share.access === 'secure' ? 'Invited reviewers only' : 'Anyone with the link'}
          {share.hasPassphrase && ' · passphrase'}
          {share.expiration && ` · expires ${formatDate(share.expiration)}`}
          {!share.downloading && ' · no downloads'}
        </span>
      </div>
      <div className="job-actions">
        <a href={share.shortUrl} target="_blank" rel="noreferrer" data-testid="share-link">
          {share.shortUrl}
        </a>
        <CopyButton what="share link" text={share.shortUrl} />
        <button
          type="button"
          aria-expanded={open}
          onClick={() => {
            if (!open) void loadDetails(accountId, share.id);
            setOpen(!open);
          }}
        >
          Details
        </button>
        <button type="button" onClick={() => void useDownloads.getState().open(accountId, [{ id: share.id, name: share.name, type: 'share' }])} title={`Download what “${share.name}” shares`}>
          Download…
        </button>
        <button type="button" className={confirming ? 'danger' : ''} onClick={() => (confirming ? void remove(accountId, share.id) : setConfirming(true))} onBlur={() => setConfirming(false)}>
          {confirming ? 'Really delete this share?' : 'Delete'}
        </button>
      </div>
      {open && (
        <div className="share-details">
          <h3>In this share</h3>
          <ul className="job-files">
            {(assets[share.id] ?? []).map((asset) => (
              <li key={asset.id}>
                <span className="name">{asset.name}</span>
                <span />
                <button type="button" className="link" onClick={() => void removeAsset(accountId, share.id, asset.id)} aria-label={`Remove ${asset.name} from the share`}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <h3>Reviewers</h3>
          <ul className="job-files">
            {(reviewers[share.id] ?? []).map((reviewer) => (
              <li key={reviewer.email}>
                <span className="name">{reviewer.name ?? reviewer.email}</span>
                <span>{reviewer.name ? reviewer.email : ''}</span>
                <button type="button" className="link" onClick={() => void removeReviewer(accountId, share.id, reviewer.email)} aria-label={`Remove reviewer ${reviewer.email}`}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <form className="inline-form" onSubmit={(e) => void invite(e)}>
            <input aria-label="Reviewer emails" placeholder="producer@studio.com, client@brand.com" value={emails} onChange={(e) => setEmails(e.target.value)} />
            <button type="submit">Invite</button>
          </form>
        </div>
      )}
    </li>
  );
}
