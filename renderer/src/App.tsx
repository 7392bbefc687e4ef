import { useEffect } from 'react';
import { BackendBadge } from './components/BackendBadge.tsx';
import { ProblemBanner } from './components/ProblemBanner.tsx';
import { subscribe } from './slate.ts';
import { useSession } from './store/session.ts';
import { ProjectsView } from './views/ProjectsView.tsx';

const VIEWS = [{ id: 'projects', label: 'Projects' }] as const;

export function App() {
  const { status, info, me, problem, load } = useSession();

  useEffect(() => {
    void load();
    return subscribe('session:changed', () => void load());
  }, [load]);

  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Slate</span>
        {info && <BackendBadge backend={info.backend} />}
        <span className="spacer" />
        {me && (
          <span className="user" aria-label="Signed in as">
            <span className="avatar" aria-hidden="true">
              {initials(me.name)}
            </span>
            <span data-testid="user-name">{me.name}</span>
          </span>
        )}
      </header>
      <div className="shell">
        <nav className="sidebar" aria-label="Main">
          {VIEWS.map((view) => (
            <button key={view.id} type="button" className="nav-item active" aria-current="page">
              {view.label}
            </button>
          ))}
        </nav>
        <main className="content" aria-busy={status === 'loading'}>
          {status === 'loading' && <p className="muted">Connecting…</p>}
          {status === 'failed' && problem && <ProblemBanner problem={problem} onRetry={() => void load()} />}
          {status === 'ready' && <ProjectsView />}
        </main>
      </div>
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
