// In a browser there is no preload: this gives the page the same `window.slate` over the web
// agent's WebSocket. The per-run key arrives in the URL once and is kept for this tab only.
// When the agent goes away (stopped, restarted, the machine asleep) the bridge keeps trying to
// reach it again, and says so, rather than leaving requests hanging.
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

const FIRST_RETRY_MS = 500;
const LONGEST_RETRY_MS = 10_000;

/** The wait before reconnect attempt `attempt` (0-based): doubling from half a second, capped at ten. */
export function reconnectDelay(attempt: number): number {
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);
}

const UNREACHABLE = 'Slate agent not reachable.';

export const AGENT_UNREACHABLE: Reply = {
  ok: false,
  error: {
    code: 'agent-unreachable',
    message: UNREACHABLE,
    action: 'Check that `slate serve` is still running; this page reconnects by itself when it is back. If the agent was restarted, open the new address it printed.',
  },
};

/** `onReachable` hears each change: false when the connection is lost, true when it is back. */
export function createWebBridge(onReachable: (reachable: boolean) => void = () => undefined): SlateApi {
  const key = takeKey();
  const pending = new Map<number, (reply: Reply) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let open: WebSocket | undefined;
  let opening: Promise<WebSocket | undefined> | undefined;
  let failures = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const dispatchFrame = (data: unknown) => {
    let json: unknown;
    try {
      json = JSON.parse(String(data));
    } catch {
      return;
    }
    const parsed = ServerFrameSchema.safeParse(json);
    if (!parsed.success) return;
    const frame = parsed.data;
    if (frame.type === 'reply') {
      pending.get(frame.id)?.(frame.reply);
      pending.delete(frame.id);
    } else if (isEventName(frame.event)) {
      for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload);
    }
  };

  const lost = () => {
    for (const [id, settle] of pending) {
      pending.delete(id);
      settle(AGENT_UNREACHABLE);
    }
    onReachable(false);
    retry ??= setTimeout(() => {
      retry = undefined;
      void connect();
    }, reconnectDelay(failures++));
  };

  /** One attempt at a time; resolves with the open socket, or undefined when the agent did not answer. */
  const connect = (): Promise<WebSocket | undefined> =>
    (opening ??= new Promise<WebSocket | undefined>((resolve) => {
      if (retry) clearTimeout(retry);
      retry = undefined;
      const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
      const ws = new WebSocket(`${scheme}://${window.location.host}/bridge?key=${encodeURIComponent(key ?? '')}`);
      ws.onopen = () => {
        open = ws;
        opening = undefined;
        failures = 0;
        onReachable(true);
        resolve(ws);
      };
      // A refused or failed attempt ends in close too; that is where it is handled.
      ws.onclose = () => {
        if (open === ws) open = undefined;
        else {
          opening = undefined;
          resolve(undefined);
        }
        lost();
      };
      ws.onmessage = (message) => dispatchFrame(message.data);
    }));

  if (key) void connect();

  return {
    async invoke(channel, input) {
      if (!key) return { ok: false, error: { code: 'agent-unreachable', message: 'This page was opened without its access key.', action: 'Open the full URL that `slate serve` printed.' } };
      // Between attempts a request tries at once rather than waiting out the back-off.
      const ws = open ?? (await connect());
      if (!ws) return AGENT_UNREACHABLE;
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
          }).catch(() => {
            throw new Error(`${UNREACHABLE} "${path}" was not handed over; drop it again once the agent is back.`);
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
