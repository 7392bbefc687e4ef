import { useEffect, useRef } from 'react';
import { AgentBanner } from './components/AgentBanner.tsx';
import { BackendBadge } from './components/BackendBadge.tsx';
import { UserMenu } from './components/UserMenu.tsx';
import { useSignIn } from './store/sign-in.ts';
import { ProblemBanner } from './components/ProblemBanner.tsx';
import { TransferIndicator } from './components/transfers/TransferIndicator.tsx';
import { subscribe } from './slate.ts';
import { startLocation } from './store/location.ts';
import { useNavigation, VIEWS } from './store/navigation.ts';
import { useSession } from './store/session.ts';
import { useTransfers } from './store/transfers.ts';
import { ProjectsView } from './views/ProjectsView.tsx';
import { SettingsView } from './views/SettingsView.tsx';
import { SharesView } from './views/SharesView.tsx';
import { TransfersView } from './views/TransfersView.tsx';
import { WatchFoldersView } from './views/WatchFoldersView.tsx';
import { useWatches } from './store/watches.ts';
import { UnreadBadge } from './components/review/UnreadBadge.tsx';
import { useFollowing } from './store/following.ts';
import { useSettings } from './store/settings.ts';
import { onReconnect } from './store/agent.ts';
import { useBrowserNotices } from './store/browser-notices.ts';

const SCREENS = { projects: ProjectsView, transfers: TransfersView, watches: WatchFoldersView, shares: SharesView, settings: SettingsView };

export function App() {
  const { status, info, me, problem, load, legacy } = useSession();
  const { view, go } = useNavigation();
  const startTransfers = useTransfers((s) => s.start);
  const { settings, load: loadSettings, start: startSettings } = useSettings();
  const startWatches = useWatches((s) => s.start);
  const startFollowing = useFollowing((s) => s.start);
  const startNotices = useBrowserNotices((s) => s.start);
  // Shares are V4's: a legacy (V2) account does not see the screen at all.
  const views = legacy ? VIEWS.filter((item) => item.id !== 'shares') : VIEWS;
  const Screen = SCREENS[view];
  const content = useRef<HTMLElement>(null);

  useEffect(() => {
    document.documentElement.dataset.theme = settings?.theme ?? 'system';
  }, [settings?.theme]);

  useEffect(() => {
    if (legacy && view === 'shares') go('projects');
  }, [legacy, view, go]);

  useEffect(() => {
    void load();
    void loadSettings().catch(() => undefined);
    const stops = [
      startTransfers(),
      startSettings(),
      startWatches(),
      startFollowing(),
      startNotices(),
      startLocation(),
      subscribe('session:changed', () => void Promise.all([load(), useSignIn.getState().load()])),
      // A session that loaded stays on screen; one that failed for want of the agent loads now.
      onReconnect(() => {
        if (useSession.getState().status === 'failed') void load();
        void useSignIn.getState().load();
      }),
    ];
    return () => stops.forEach((stop) => stop());
  }, [load, startTransfers, loadSettings, startSettings, startWatches, startFollowing, startNotices]);

  return (
    <div className="app">
      {/* The address's fragment is the place on screen, so the link moves focus rather than the hash. */}
      <a
        className="skip-link"
        href="#content"
        onClick={(event) => {
          event.preventDefault();
          content.current?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Slate</span>
        {info && <BackendBadge backend={info.backend} />}
        <span className="spacer" />
        <UnreadBadge />
        <TransferIndicator onOpen={() => go('transfers')} />
        <UserMenu me={me} sandbox={info?.backend.kind === 'sandbox'} />
      </header>
      <AgentBanner />
      <div className="shell">
        <nav className="sidebar" aria-label="Main">
          {views.map((item) => (
            <button key={item.id} type="button" className={`nav-item${item.id === view ? ' active' : ''}`} aria-current={item.id === view ? 'page' : undefined} onClick={() => go(item.id)}>
              {item.label}
            </button>
          ))}
        </nav>
        <main id="content" ref={content} tabIndex={-1} className="content" aria-busy={status === 'loading'}>
          {status === 'loading' && <p className="muted">Connecting…</p>}
          {status === 'failed' && problem && <ProblemBanner problem={problem} onRetry={() => void load()} />}
          {status === 'ready' && <Screen />}
        </main>
      </div>
    </div>
  );
}
