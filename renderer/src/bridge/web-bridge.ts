// In a browser there is no preload: this gives the page the same `window.slate` over the web
// agent's WebSocket. The per-run key arrives in the URL once and is kept for this tab only.
import { isEventName, ServerFrameSchema, type Reply, type SlateApi } from '../../../preload/contract.ts';

const KEY_STORAGE = 'slate.agent-key';

function takeKey(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('key');
  if (fromUrl) {
    sessionStorage.setItem(KEY_STORAGE, fromUrl);
    url.searchParams.delete('key');
    // Keep the secret out of history, bookmarks and screenshots.
    window.history.replaceState(null, '', url);
    return fromUrl;
  }
  return sessionStorage.getItem(KEY_STORAGE);
}

export function createWebBridge(): SlateApi {
  const key = takeKey();
  const pending = new Map<number, (reply: Reply) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: Promise<WebSocket> | undefined;

  const fail = (message: string, action: string): Reply => ({ ok: false, error: { code: 'agent-unreachable', message, action } });

  const connect = (): Promise<WebSocket> =>
    new Promise((resolve, reject) => {
      const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
      const ws = new WebSocket(`${scheme}://${window.location.host}/bridge?key=${encodeURIComponent(key ?? '')}`);
      ws.onopen = () => resolve(ws);
      ws.onerror = () => reject(new Error('connect failed'));
      ws.onclose = () => {
        socket = undefined;
        for (const [id, settle] of pending) {
          pending.delete(id);
          settle(fail('Lost the connection to the Slate agent.', 'Check that `slate serve` is still running, then reload.'));
        }
      };
      ws.onmessage = (message) => {
        const parsed = ServerFrameSchema.safeParse(JSON.parse(String(message.data)));
        if (!parsed.success) return;
        const frame = parsed.data;
        if (frame.type === 'reply') {
          pending.get(frame.id)?.(frame.reply);
          pending.delete(frame.id);
        } else if (isEventName(frame.event)) {
          for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload);
        }
      };
    });

  return {
    async invoke(channel, input) {
      if (!key) return fail('This page was opened without its access key.', 'Open the full URL that `slate serve` printed.');
      let ws: WebSocket;
      try {
        ws = await (socket ??= connect());
      } catch {
        socket = undefined;
        return fail('Could not connect to the Slate agent.', 'Open the URL that `slate serve` printed, and check the agent is running.');
      }
      const id = nextId++;
      return new Promise<Reply>((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ type: 'invoke', id, channel, input }));
      });
    },
    async pathsForFiles(files, relativePaths) {
      if (!key) throw new Error('This page was opened without its access key. Open the full URL that `slate serve` printed.');
      const batch = crypto.randomUUID();
      const roots = new Set<string>();
      let next = 0;
      // A few files at a time: enough to keep the link busy, few enough to keep memory flat.
      const worker = async () => {
        while (next < files.length) {
          const index = next++;
          const path = relativePaths[index] || files[index]!.name;
          const response = await fetch(`/stage?batch=${batch}&path=${encodeURIComponent(path)}`, {
            method: 'POST',
            headers: { 'x-slate-key': key, 'content-type': 'application/octet-stream' },
            body: files[index],
          });
          const body = (await response.json().catch(() => ({}))) as { root?: string; error?: string };
          if (!response.ok || !body.root) throw new Error(body.error ?? `The agent refused "${path}" (HTTP ${response.status}).`);
          roots.add(body.root);
        }
      };
      await Promise.all(Array.from({ length: Math.min(3, files.length) }, worker));
      return [...roots];
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}
