// The main window, locked down per Electron's security checklist: isolated, sandboxed, no Node,
// a strict CSP, no new windows, no navigation away from the app.
import { BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { allowsNavigation, CONTENT_SECURITY_POLICY, externalLink, grantsPermission } from './policy.ts';

const RENDERER_FILE = join(import.meta.dirname, '../renderer/index.html');
const PRELOAD_FILE = join(import.meta.dirname, '../preload/index.cjs');

export function rendererUrl(): string {
  return process.env.ELECTRON_RENDERER_URL ?? new URL(`file://${RENDERER_FILE}`).href;
}

export function installSessionPolicy(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, permission, grant) => grant(grantsPermission(permission)));
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
    if (!allowsNavigation(url, rendererUrl())) event.preventDefault();
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl());
  return window;
}

export function openExternal(url: string): void {
  const link = externalLink(url);
  if (link) void shell.openExternal(link);
}
