// The desktop shell: one instance, one window, the service behind ipc, a tray while work runs.
// Logic lives in core; this file only connects it to the desktop.
import { app, BrowserWindow, dialog } from 'electron';
import { backendConfigFromEnv, openBackend, type Backend } from '../backend.ts';
import { defaultDataDir } from '../core/db.ts';
import { dragCacheDir } from '../core/drag-out/drag-cache.ts';
import { integrateDesktop } from './desktop-integration.ts';
import { wireIpc } from './ipc.ts';
import { installMenu } from './menu.ts';
import { startDragOut } from './drag-out.ts';
import { desktopSignIn, ProtocolRedirects } from './sign-in.ts';
import { SlateTray } from './tray.ts';
import { createMainWindow, installSessionPolicy, rendererUrl } from './window.ts';

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let backend: Backend | undefined;
  let mainWindow: BrowserWindow | undefined;
  let tray: SlateTray | undefined;
  // Hidden to the tray rather than closed while either of these still has work.
  let watching = false;
  let quitting = false;

  const showWindow = () => {
    if (!mainWindow || mainWindow.isDestroyed()) mainWindow = openWindow();
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };

  const openWindow = () => {
    const window = createMainWindow();
    // Uploads and watches keep going with the window closed; the tray brings it back.
    window.on('close', (event) => {
      if (!quitting && (watching || backend?.service.activity.summary().busy)) {
        event.preventDefault();
        window.hide();
      }
    });
    return window;
  };

  // The sign-in redirect comes back through the app's protocol when one is configured, else to a loopback server.
  const redirects = process.env.SLATE_AUTH_REDIRECT_URI ? new ProtocolRedirects(process.env.SLATE_AUTH_REDIRECT_URI) : undefined;
  redirects?.register();
  app.on('open-url', (event, url) => {
    if (redirects?.offer(url)) event.preventDefault();
  });
  app.on('second-instance', (_event, argv) => {
    for (const arg of argv) redirects?.offer(arg);
    showWindow();
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  void app.whenReady().then(async () => {
    installSessionPolicy();
    const pickFolder = async (purpose: 'watch' | 'download') => {
      const options = { title: purpose === 'download' ? 'Choose a folder to download into' : 'Choose a folder to watch', properties: ['openDirectory' as const, 'createDirectory' as const] };
      const answer = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
      return answer.canceled ? undefined : answer.filePaths[0];
    };
    const config = backendConfigFromEnv();
    const dataDir = config.dataDir ?? defaultDataDir();
    backend = await openBackend({ ...config, signIn: desktopSignIn(dataDir, redirects) }, 'desktop', { pickFolder, downloadsFolder: app.getPath('downloads') });
    const { service } = backend;
    wireIpc(service, rendererUrl, () => BrowserWindow.getAllWindows(), { 'drag:out': (sender, outcome) => startDragOut(sender, outcome, dragCacheDir(dataDir)) });
    tray = new SlateTray({
      show: showWindow,
      pauseAll: () => void service.handlers['transfers:pauseAll']({}),
      resumeAll: () => void service.handlers['transfers:resumeAll']({}),
      quit: () => app.quit(),
    });
    integrateDesktop(service);
    tray.update(service.activity.summary());
    service.activity.on('change', (summary) => tray?.update(summary));
    const refreshWatching = async () => {
      watching = (await service.handlers['watches:list']({})).some((watch) => !watch.paused);
    };
    void refreshWatching();
    service.on('watches:changed', () => void refreshWatching());
    installMenu();
    mainWindow = openWindow();
    app.on('activate', showWindow);
  }).catch((error: unknown) => {
    // Without the service there is nothing to show (another Slate holds the data folder, or it
    // cannot be written): say why in words, rather than run on with no window.
    dialog.showErrorBox('Slate cannot start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });

  app.on('before-quit', () => {
    quitting = true;
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('will-quit', (event) => {
    if (!backend) return;
    // Let the engine journal where every part stands before the process goes.
    event.preventDefault();
    const closing = backend;
    backend = undefined;
    tray?.destroy();
    void closing.close().finally(() => app.quit());
  });
}
