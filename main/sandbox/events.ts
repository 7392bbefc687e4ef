// Webhook deliveries. Frame.io posts an ids-only payload to every active webhook of the workspace
// that subscribed to the event, signed with the webhook's secret:
//   X-Frameio-Request-Timestamp: <epoch seconds>
//   X-Frameio-Signature: v0=<hex HMAC-SHA256(secret, "v0:" + timestamp + ":" + body)>
// and retries a failed delivery up to 5 attempts with exponential back-off.
import { createHmac } from 'node:crypto';
import type { Store } from './store/store.ts';

export interface EventInput {
  type: string;
  accountId: string;
  workspaceId: string;
  projectId?: string;
  resource: { id: string; type: string };
  userId: string;
}

export interface Delivery {
  webhookId: string;
  type: string;
  attempt: number;
  status: number | 'network-error';
}

export interface EventsOptions {
  /** first retry delay; each further retry doubles it */
  retryBaseMs: number;
  attempts: number;
  onDelivery?: (delivery: Delivery) => void;
}

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export class Events {
  private readonly store: Store;
  private readonly options: EventsOptions;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<AbortController>();
  private closed = false;

  constructor(store: Store, options: EventsOptions) {
    this.store = store;
    this.options = options;
  }

  emit(event: EventInput): void {
    if (this.closed) return;
    const body = JSON.stringify({
      account: { id: event.accountId },
      project: { id: event.projectId ?? null },
      resource: event.resource,
      type: event.type,
      user: { id: event.userId },
      workspace: { id: event.workspaceId },
    });
    for (const webhook of this.store.list('webhook', event.workspaceId)) {
      if (webhook.active && webhook.events.includes(event.type)) this.deliver(webhook.id, webhook.url, webhook.secret, event.type, body, 1);
    }
  }

  private deliver(webhookId: string, url: string, secret: string, type: string, body: string, attempt: number): void {
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timeout = setTimeout(() => controller.abort(), 10_000);
    const timestamp = Math.floor(Date.now() / 1000);
    void fetch(url, {
      method: 'POST',
      body,
      signal: controller.signal,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Frame.io-Webhooks',
        'x-frameio-request-timestamp': String(timestamp),
        'x-frameio-signature': signWebhook(secret, timestamp, body),
      },
    })
      .then(
        async (response) => {
          await response.body?.cancel();
          return response.status;
        },
        () => 'network-error' as const,
      )
      .then((status) => {
        clearTimeout(timeout);
        this.inFlight.delete(controller);
        this.options.onDelivery?.({ webhookId, type, attempt, status });
        const delivered = typeof status === 'number' && status >= 200 && status < 300;
        if (delivered || attempt >= this.options.attempts || this.closed) return;
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.deliver(webhookId, url, secret, type, body, attempt + 1);
        }, this.options.retryBaseMs * 2 ** (attempt - 1));
        this.timers.add(timer);
      });
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    for (const controller of this.inFlight) controller.abort();
  }
}
