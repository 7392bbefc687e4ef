import { useState } from 'react';
import { formatBytes, formatDate, kindLabel } from '../../lib/format.ts';
import { useBrowse } from '../../store/browse.ts';
import { useSession } from '../../store/session.ts';
import { useShares } from '../../store/shares.ts';
import { ShareForm } from '../shares/ShareForm.tsx';
import { openViewer } from '../../store/open-viewer.ts';
import { useStackInfo } from '../../store/stacks.ts';
import { versionCountText } from '../../lib/versions.ts';
import { NewVersionButton } from './NewVersionButton.tsx';
import { ScrubThumbnail } from './ScrubThumbnail.tsx';
import { StatusPill } from './StatusPill.tsx';
import { CopyButton } from '../CopyButton.tsx';
import { NameForm } from './NameForm.tsx';

export function DetailsPanel() {
  const { accountId, project, items, selectedId, details, renameFolder, remove } = useBrowse();
  const created = useShares((s) => (selectedId === undefined ? undefined : s.created[selectedId]));
  const [sharing, setSharing] = useState(false);
  const asset = items.find((item) => item.id === selectedId);
  const stack = useStackInfo(accountId, asset?.type === 'version_stack' ? asset : undefined);
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // Sharing and renaming are V4's: a legacy (V2) account does not see them (LegacyNote says so).
  const legacy = useSession((s) => s.legacy);
  if (!asset) return null;

  const links = details?.id === asset.id ? details.mediaLinks : [];
  return (
    <aside className="details" aria-label="Details">
      <h2 title={asset.name}>{asset.name}</h2>
      {asset.thumbnailUrl && (
        <ScrubThumbnail key={asset.id} sheetUrl={asset.scrubSheetUrl} fit="contain" className="details-scrub" label={`Frames of ${asset.name}`}>
          <img className="details-thumbnail" src={asset.thumbnailUrl} alt={`Thumbnail of ${asset.name}`} />
        </ScrubThumbnail>
      )}
      <dl>
        <dt>Type</dt>
        <dd>{kindLabel(asset.type, asset.mediaType)}</dd>
        {asset.type !== 'folder' && (
          <>
            {stack && (
              <>
                <dt>Versions</dt>
                <dd>{versionCountText(stack.count)}</dd>
              </>
            )}
            <dt>Size</dt>
            <dd>{formatBytes(asset.size)}</dd>
            <dt>Status</dt>
            <dd>
              <StatusPill status={asset.status} />
            </dd>
          </>
        )}
        <dt>Created</dt>
        <dd>{formatDate(asset.createdAt)}</dd>
        <dt>Updated</dt>
        <dd>{formatDate(asset.updatedAt)}</dd>
      </dl>
      {details?.id === asset.id && details.metadata.length > 0 && (
        <>
          <h3>Metadata</h3>
          <dl className="metadata">
            {details.metadata.map((field) => (
              <div key={field.name}>
                <dt>{field.name}</dt>
                <dd>{field.value || '—'}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {links.length > 0 && (
        <>
          <h3>Media</h3>
          <ul className="links">
            {links.map((link) => (
              <li key={link.kind}>
                <a href={link.url} target="_blank" rel="noreferrer">
                  {link.kind === 'original' ? 'Download original' : link.kind}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {asset.type !== 'folder' && (
        <button type="button" className="primary" onClick={() => void openViewer(asset)}>
          Open viewer
        </button>
      )}
      {legacy ? null : sharing && accountId && project ? (
        <ShareForm accountId={accountId} projectId={project.id} assets={[asset]} onDone={() => setSharing(false)} />
      ) : (
        <button type="button" onClick={() => setSharing(true)} disabled={!project}>
          Share…
        </button>
      )}
      {created && (
        <p className="share-created" role="status">
          Share link ready: <a href={created.shortUrl} target="_blank" rel="noreferrer">{created.shortUrl}</a>{' '}
          <CopyButton className="link" what="share link" text={created.shortUrl} />
        </p>
      )}
      {/* Legacy (V2) assets come with no web address Slate could vouch for. */}
      {asset.viewUrl && (
        <div className="actions">
          <a className="button" href={asset.viewUrl} target="_blank" rel="noreferrer">
            Open in Frame.io
          </a>
          <CopyButton what="Frame.io link" text={asset.viewUrl} />
        </div>
      )}
      {asset.type !== 'folder' && accountId && <NewVersionButton accountId={accountId} fileId={asset.type === 'file' ? asset.id : stack?.headId ?? undefined} label="New version file" />}
      {asset.type === 'folder' &&
        !legacy &&
        (!renaming ? (
          <button type="button" onClick={() => setRenaming(true)}>
            Rename folder
          </button>
        ) : (
          <NameForm label="Folder name" what="folder" initial={asset.name} submitLabel="Save" cancelButton onSubmit={(name) => renameFolder(asset.id, name)} onCancel={() => setRenaming(false)} />
        ))}
      {asset.type !== 'version_stack' && (
        <button type="button" className={confirming ? 'danger' : ''} onClick={() => (confirming ? void remove(asset) : setConfirming(true))} onBlur={() => setConfirming(false)}>
          {confirming ? `Really delete ${asset.type === 'folder' ? 'this folder and everything in it' : 'this file'}?` : 'Delete'}
        </button>
      )}
    </aside>
  );
}
