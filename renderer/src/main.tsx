import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { dismissTooltipsWithEscape } from './components/tooltip-escape.ts';
import { createWebBridge } from './bridge/web-bridge.ts';
import { connectBridge } from './slate.ts';
import { agentReachable } from './store/agent.ts';
import './styles.css';

// Electron's preload provides window.slate; in a browser the web agent's bridge stands in for it.
connectBridge(window.slate ?? createWebBridge(agentReachable));
dismissTooltipsWithEscape();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
