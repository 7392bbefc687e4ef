// The main window, locked down per Electron's security checklist: isolated, sandboxed, no Node,
// a strict CSP, no new windows, no navigation away from the app.
import { BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';

const RENDERER_FILE = join(import.meta.dirname, '../renderer/index.html');
const PRELOAD_FILE = join(import.meta.dirname, '../preload/index.cjs');
/** Links the app may hand to the system browser. */
const EXTERNAL_HOSTS = new Set(['app.frame.io', 'next.frame.io', 'f.io', 'developer.adobe.com', 'help.frame.io']);

// Media comes from Frame.io's CDN over https, or from the local sandbox on 127.0.0.1. connect-src
// admits the same origins because the PDF viewer (pdf.js) fetches a document's bytes rather than
// handing its URL to an element; its worker is a built file of the app, allowed by script-src 'self'.
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https: http://127.0.0.1:*; media-src 'self' blob: https: http://127.0.0.1:*; connect-src 'self' https: http://127.0.0.1:*; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export function rendererUrl(): string {
  return process.env.ELECTRON_RENDERER_URL ?? new URL(`file://${RENDERER_FILE}`).href;
}

export function isAppUrl(url: string): boolean {
  const app = new URL(rendererUrl());
  const target = new URL(url);
  return app.protocol === 'file:' ? target.protocol === 'file:' && target.pathname === app.pathname : target.origin === app.origin;
}

export function installSessionPolicy(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, permission, grant) => grant(permission === 'notifications'));
}

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Slate',
    show: false,
    webPreferences: {
      preload: PRELOAD_FILE,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });

  window.webContents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl());
  return window;
}

export function openExternal(url: string): void {
  try {
    const target = new URL(url);
    if (target.protocol === 'https:' && EXTERNAL_HOSTS.has(target.hostname)) void shell.openExternal(target.href);
  } catch {
    // not a URL: nothing to open
  }
}
