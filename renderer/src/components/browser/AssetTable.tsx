import type { KeyboardEvent } from 'react';
import type { Asset } from '../../../../preload/contract.ts';
import { formatBytes, formatDate, kindLabel } from '../../lib/format.ts';
import { versionCountText, versionLabels, type VersionLabel } from '../../lib/versions.ts';
import { useBrowse, visibleItems, type SortKey } from '../../store/browse.ts';
import { openViewer } from '../../store/open-viewer.ts';
import { useSession } from '../../store/session.ts';
import { useStackInfo } from '../../store/stacks.ts';
import { VirtualList } from '../VirtualList.tsx';
import { dragOutProps } from '../downloads/drag-out.ts';
import { ScrubThumbnail } from './ScrubThumbnail.tsx';
import { StatusPill } from './StatusPill.tsx';

const ROW_HEIGHT = 44;
const VERSION_COLUMN: { key: SortKey; label: string } = { key: 'version', label: 'Version' };
const COLUMNS: Array<{ key: SortKey; label: string }> = [
  { key: 'name', label: 'Name' },
  { key: 'type', label: 'Type' },
  { key: 'size', label: 'Size' },
  { key: 'status', label: 'Status' },
  { key: 'updatedAt', label: 'Updated' },
];

export function AssetTable() {
  const { items, filter, sort, setSort, selectedId, select, open, loading, stale, problem, path } = useBrowse();
  const shown = visibleItems(items, filter, sort);
  // Inside a stack the rows are its versions, numbered by the order Frame.io lists them in.
  const versions = path.at(-1)?.kind === 'stack' ? versionLabels(items) : undefined;
  const columns = versions ? [VERSION_COLUMN, ...COLUMNS] : COLUMNS;

  const onKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = shown.findIndex((item) => item.id === selectedId);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = shown[Math.min(shown.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)))];
      if (next) void select(next.id);
    } else if (event.key === 'Enter' && shown[index]) {
      void (shown[index].type === 'file' ? openViewer(shown[index]) : open(shown[index]));
    }
  };

  return (
    // Keys reach this from the focused list of rows inside it.
    <div className={`asset-table${versions ? ' in-stack' : ''}`} role="grid" aria-label="Folder contents" aria-rowcount={shown.length} onKeyDown={onKey}>
      <div className="asset-row asset-head" role="row">
        <span role="columnheader" aria-hidden="true" />
        {columns.map((column) => (
          <span key={column.key} role="columnheader" aria-sort={sort.key === column.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
            <button type="button" className="link" onClick={() => setSort(column.key)}>
              {column.label}
              {sort.key === column.key ? (sort.descending ? ' ↓' : ' ↑') : ''}
            </button>
          </span>
        ))}
      </div>
      {shown.length === 0 ? (
        // Empty only when Frame.io said so: not while loading, nor when it could not be asked.
        <p className="muted empty">{filter && items.length > 0 ? 'Nothing here matches the filter.' : loading ? 'Loading…' : stale || problem ? '' : 'This folder is empty. Drop files here to upload them.'}</p>
      ) : (
        <VirtualList
          items={shown}
          rowHeight={ROW_HEIGHT}
          label="Items"
          activeIndex={shown.findIndex((item) => item.id === selectedId)}
          renderRow={(asset) => <AssetRow asset={asset} selected={asset.id === selectedId} version={versions?.get(asset.id)} />}
        />
      )}
    </div>
  );
}

function AssetRow({ asset, selected, version }: { asset: Asset; selected: boolean; version?: VersionLabel }) {
  const { accountId, select, open } = useBrowse();
  const stack = useStackInfo(accountId, asset.type === 'version_stack' ? asset : undefined);
  const desktop = useSession((s) => s.info?.shell) === 'desktop';
  return (
    <div
      className={`asset-row${selected ? ' selected' : ''}`}
      role="row"
      aria-selected={selected}
      data-testid="asset-row"
      onClick={() => void select(asset.id)}
      onDoubleClick={() => void (asset.type === 'file' ? openViewer(asset) : open(asset))}
      {...dragOutProps(desktop, accountId, asset)}
    >
      <span role="gridcell" className="thumb" aria-hidden="true">
        {asset.thumbnailUrl ? (
          <ScrubThumbnail sheetUrl={asset.scrubSheetUrl} fit="cover" className="row-scrub">
            <img src={asset.thumbnailUrl} alt="" loading="lazy" />
          </ScrubThumbnail>
        ) : (
          <span className={`glyph glyph-${asset.type}`} />
        )}
      </span>
      {version && (
        <span role="gridcell" className="version-label">
          v{version.number}
        </span>
      )}
      <span role="gridcell" className="name" title={asset.name}>
        <span className="name-text">{asset.name}</span>
        {version?.head && <span className="badge badge-head">Current</span>}
        {stack && <span className="badge badge-versions">{versionCountText(stack.count)}</span>}
      </span>
      <span role="gridcell">{kindLabel(asset.type, asset.mediaType)}</span>
      <span role="gridcell">{asset.type === 'folder' ? '—' : formatBytes(asset.size)}</span>
      <span role="gridcell">
        <StatusPill status={asset.status} />
      </span>
      <span role="gridcell">{formatDate(asset.updatedAt)}</span>
    </div>
  );
}
