// The desktop shell: one instance, one window, the service behind ipc. Logic lives in core.
import { app, BrowserWindow } from 'electron';
import { backendConfigFromEnv, openBackend, type Backend } from '../backend.ts';
import { wireIpc } from './ipc.ts';
import { createMainWindow, installSessionPolicy, isAppUrl } from './window.ts';

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let backend: Backend | undefined;
  let mainWindow: BrowserWindow | undefined;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  void app.whenReady().then(async () => {
    installSessionPolicy();
    backend = await openBackend(backendConfigFromEnv(), 'desktop');
    wireIpc(backend.service, isAppUrl, () => BrowserWindow.getAllWindows());
    mainWindow = createMainWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('will-quit', () => {
    void backend?.close();
  });
}
