import { useEffect } from 'react';
import { subscribe } from './slate.ts';
import { useSession } from './store/session.ts';
import { BackendBadge } from './components/BackendBadge.tsx';
import { AccountList } from './components/AccountList.tsx';
import { ProblemBanner } from './components/ProblemBanner.tsx';

export function App() {
  const { status, info, me, accounts, problem, load } = useSession();

  useEffect(() => {
    void load();
    return subscribe('session:changed', () => void load());
  }, [load]);

  return (
    <div className="app">
      <header className="topbar" role="banner">
        <span className="brand">Slate</span>
        {info && <BackendBadge backend={info.backend} />}
        <span className="spacer" />
        {me && (
          <span className="user" aria-label="Signed in as">
            <span className="avatar" aria-hidden="true">{initials(me.name)}</span>
            <span data-testid="user-name">{me.name}</span>
          </span>
        )}
      </header>
      <main className="content" aria-busy={status === 'loading'}>
        {status === 'loading' && <p className="muted">Connecting…</p>}
        {status === 'failed' && problem && <ProblemBanner problem={problem} onRetry={() => void load()} />}
        {status === 'ready' && <AccountList accounts={accounts} />}
      </main>
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
