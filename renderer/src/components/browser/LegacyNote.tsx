import { useSession } from '../../store/session.ts';

/** On a legacy (V2) account: what works here, and what Slate offers only on Frame.io V4 (those controls are not shown). */
export function LegacyNote() {
  const legacy = useSession((s) => s.legacy);
  if (!legacy) return null;
  return (
    <p className="legacy-note" role="note" data-testid="legacy-note">
      Legacy (V2) account: browsing, uploads, new versions and comments work here. Shares, downloads, follows, uploads from a link, renaming, and
      editing or completing comments are offered only on Frame.io V4 accounts: do those in Frame.io.
    </p>
  );
}
