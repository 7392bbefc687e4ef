import { useCallback, useEffect, useRef, useState } from 'react';
import type { Profile } from '../../../preload/contract.ts';
import { useSignIn } from '../store/sign-in.ts';
import { useDismiss } from './use-dismiss.ts';

/**
 * Who Slate works as, and the way to sign in (from the demo sandbox too), switch between
 * sign-ins, or sign out. In a browser, sign-in happens on the agent's machine with `slate login`.
 */
export function UserMenu({ me, sandbox }: { me: Profile | undefined; sandbox: boolean }) {
  const { status, busy, problem, load, signIn, signOut, switchTo } = useSignIn();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const close = useCallback(() => {
    // Focus inside the menu goes back to the button that opened it, not to the page's start.
    if (root.current?.querySelector('.menu')?.contains(document.activeElement)) root.current.querySelector<HTMLButtonElement>('button.user')?.focus();
    setOpen(false);
  }, []);
  useDismiss(open, close, root);

  useEffect(() => {
    void load();
  }, [load]);

  const others = status?.profiles.filter((p) => !p.current) ?? [];
  const current = status?.profiles.find((p) => p.current);
  const canSignIn = status?.canSignIn ?? false;

  return (
    <div className="user-menu" ref={root}>
      {sandbox && canSignIn && (
        <button type="button" className="primary" onClick={() => void signIn()} disabled={busy}>
          {busy ? 'Waiting for Adobe sign-in…' : 'Sign in to Frame.io'}
        </button>
      )}
      {me && (
        // The name read out is the words on the button, so speech input ("click Rosa Alvarez") finds it.
        <button type="button" className="user" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
          <span className="avatar" aria-hidden="true">
            {initials(me.name)}
          </span>
          <span className="visually-hidden">Signed in as </span>
          <span data-testid="user-name">{me.name}</span>
        </button>
      )}
      {open && (
        <div className="menu" role="menu" aria-label="Sign-in">
          <p className="muted">{me?.email}</p>
          {others.map((profile) => (
            <button key={profile.id} type="button" role="menuitem" onClick={() => void switchTo(profile.id).then(() => setOpen(false))} disabled={busy}>
              Switch to {profile.name}
              {profile.api === 'v2' ? ' — Legacy (V2)' : ''} {profile.kind === 'signed-out' ? '(sign in again)' : ''}
            </button>
          ))}
          {canSignIn && (
            <button type="button" role="menuitem" onClick={() => void signIn().then(() => setOpen(false))} disabled={busy}>
              {current ? 'Add another sign-in…' : 'Sign in with Adobe…'}
            </button>
          )}
          {current && (
            <button type="button" role="menuitem" className="danger" onClick={() => void signOut(current.id).then(() => setOpen(false))} disabled={busy}>
              Sign out {current.email}
            </button>
          )}
          {/* An item that cannot be chosen: a menu's other content is not read out, and a menu needs an item. */}
          {!canSignIn && !current && (
            <p className="muted" role="menuitem" aria-disabled="true">
              To sign in here, run `npx slate login` on this machine.
            </p>
          )}
          {problem && (
            <p className="job-error" role="alert">
              {problem.message} {problem.action}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');
}
