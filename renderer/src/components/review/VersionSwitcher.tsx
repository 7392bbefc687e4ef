import { useReview } from '../../store/review.ts';

/** Shown for a file in a version stack: each version with its own media and comments. */
export function VersionSwitcher() {
  const { accountId, fileId, stackId, versions, open } = useReview();
  if (!accountId || !stackId || versions.length < 2) return null;
  return (
    <select aria-label="Version" value={fileId} onChange={(e) => void open(accountId, e.currentTarget.value, stackId)}>
      {versions.map((version, i) => (
        <option key={version.id} value={version.id}>
          {`v${versions.length - i}${i === 0 ? ' (latest)' : ''} · ${version.name}`}
        </option>
      ))}
    </select>
  );
}
