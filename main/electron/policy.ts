// The desktop window's trust decisions, as plain functions of what Electron reports, so each is
// tested in plain Node: which page is Slate's own, which IPC sender may be answered, where the
// window may navigate, which permission a page gets, which links go to the system browser, and
// the Content-Security-Policy every response carries.

/** Links the app may hand to the system browser. */
const EXTERNAL_HOSTS = new Set(['app.frame.io', 'next.frame.io', 'f.io', 'developer.adobe.com', 'help.frame.io']);

// Media comes from Frame.io's CDN over https, or from the local sandbox on 127.0.0.1. connect-src
// admits the same origins because the PDF viewer (pdf.js) fetches a document's bytes rather than
// handing its URL to an element; its worker is a built file of the app, allowed by script-src 'self'.
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https: http://127.0.0.1:*; media-src 'self' blob: https: http://127.0.0.1:*; connect-src 'self' https: http://127.0.0.1:*; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** Whether `url` is Slate's own page: the app's one file, or the dev server's origin. */
export function isAppUrl(url: string, appUrl: string): boolean {
  const app = parse(appUrl);
  const target = parse(url);
  if (!app || !target) return false;
  return app.protocol === 'file:' ? target.protocol === 'file:' && target.pathname === app.pathname : target.origin === app.origin;
}

export interface IpcSender {
  /** the webContents the call came from */
  senderId: number;
  /** the URL of the frame that called; null once that frame is gone */
  frameUrl: string | null;
}

/** A call is answered only from one of Slate's windows, from a frame still showing Slate's page. */
export function isTrustedSender(sender: IpcSender, windowContentsIds: readonly number[], appUrl: string): boolean {
  return windowContentsIds.includes(sender.senderId) && sender.frameUrl !== null && isAppUrl(sender.frameUrl, appUrl);
}

/** The window never navigates away from the app (a link is opened outside instead). */
export function allowsNavigation(url: string, appUrl: string): boolean {
  return isAppUrl(url, appUrl);
}

/** Notifications only: no camera, microphone, location or anything else a page may ask for. */
export function grantsPermission(permission: string): boolean {
  return permission === 'notifications';
}

/** The https link to hand to the system browser, or undefined when it is not one of the allowed hosts. */
export function externalLink(url: string): string | undefined {
  const target = parse(url);
  return target?.protocol === 'https:' && EXTERNAL_HOSTS.has(target.hostname) ? target.href : undefined;
}
