import type { AppInfo } from '../../../preload/contract.ts';

export function BackendBadge({ backend }: { backend: AppInfo['backend'] }) {
  if (backend.kind === 'frameio') return <span className="badge">Frame.io</span>;
  return (
    <span className="badge badge-sandbox" title={backend.url}>
      Local sandbox — not Frame.io
    </span>
  );
}
