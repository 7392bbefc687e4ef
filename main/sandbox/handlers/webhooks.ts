import { randomBytes, randomUUID } from 'node:crypto';
import { account, workspace, writableAccount, type AccountAccess } from '../access.ts';
import { invalid, notFound } from '../http.ts';
import { parseIncludes, presentUser, type Includes } from '../present.ts';
import type { WebhookRecord } from '../store/records.ts';
import type { World } from '../world.ts';
import { bodyData, listReply, noContent, ok, sortBy, stamp } from './common.ts';
import type { HandlerTable, RequestContext } from './types.ts';

/** The events the spec lists as valid for a webhook. */
export const WEBHOOK_EVENTS = new Set([
  'file.created', 'file.deleted', 'file.ready', 'file.updated', 'file.upload.completed', 'file.versioned', 'file.copied',
  'folder.created', 'folder.deleted', 'folder.updated', 'folder.copied',
  'comment.completed', 'comment.created', 'comment.deleted', 'comment.uncompleted', 'comment.updated',
  'customfield.created', 'customfield.updated', 'customfield.deleted', 'metadata.value.updated',
  'project.created', 'project.deleted', 'project.updated',
  'collection.created', 'collection.updated', 'collection.deleted',
  'share.created', 'share.updated', 'share.deleted', 'share.viewed',
]);

function presentWebhook(world: World, webhook: WebhookRecord, includes: Includes = new Set()) {
  const creator = includes.has('creator') ? world.store.get('user', webhook.creator_id) : undefined;
  return {
    id: webhook.id,
    name: webhook.name,
    url: webhook.url,
    events: webhook.events,
    active: webhook.active,
    workspace_id: webhook.workspace_id,
    created_at: webhook.created_at,
    updated_at: webhook.updated_at,
    ...(creator ? { creator: presentUser(creator) } : {}),
  };
}

function checkEvents(events: string[] | undefined): void {
  events?.forEach((event, index) => {
    if (!WEBHOOK_EVENTS.has(event)) throw invalid(`Unknown event "${event}"`, `/data/events/${index}`);
  });
}

function checkUrl(url: string | undefined): void {
  if (url === undefined) return;
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    // reported below
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw invalid('url must be an absolute http or https URL', '/data/url');
}

function findWebhook(ctx: RequestContext, access: AccountAccess): WebhookRecord {
  const id = ctx.params.webhook_id!;
  const webhook = ctx.world.store.get('webhook', id);
  if (!webhook || webhook.account_id !== access.account.id) throw notFound(`Webhook ${id} not found`);
  return webhook;
}

export const webhookHandlers: HandlerTable = {
  'webhooks.index': (ctx) => {
    const ws = workspace(ctx, ctx.params.workspace_id!);
    const includes = parseIncludes(ctx.query);
    const hooks = sortBy(ctx.world.store.list('webhook', ws.id), ctx.query.get('sort'), 'created_at_asc', { name: (w) => w.name, created_at: (w) => w.created_at });
    return listReply(ctx, hooks.map((w) => presentWebhook(ctx.world, w, includes)));
  },

  'webhooks.show': (ctx) => ok(presentWebhook(ctx.world, findWebhook(ctx, account(ctx)), parseIncludes(ctx.query))),

  'webhooks.create': (ctx) => {
    const access = writableAccount(ctx);
    const ws = workspace(ctx, ctx.params.workspace_id!, access.account.id);
    const data = bodyData<{ name: string; url: string; events: string[] }>(ctx);
    checkEvents(data.events);
    checkUrl(data.url);
    const now = stamp(ctx);
    const webhook = ctx.world.store.put('webhook', {
      id: randomUUID(),
      account_id: access.account.id,
      workspace_id: ws.id,
      name: data.name,
      url: data.url,
      events: data.events,
      active: true,
      secret: randomBytes(24).toString('base64url'),
      creator_id: ctx.user.id,
      created_at: now,
      updated_at: now,
    });
    // The signing secret is shown once, here.
    return ok({ ...presentWebhook(ctx.world, webhook), secret: webhook.secret }, 201);
  },

  'webhooks.update': (ctx) => {
    const webhook = findWebhook(ctx, writableAccount(ctx));
    const data = bodyData<Partial<Pick<WebhookRecord, 'name' | 'url' | 'events' | 'active'>>>(ctx);
    checkEvents(data.events);
    checkUrl(data.url);
    const updated = ctx.world.store.put('webhook', { ...webhook, ...data, updated_at: stamp(ctx) });
    return ok(presentWebhook(ctx.world, updated));
  },

  'webhooks.delete': (ctx) => {
    ctx.world.store.delete(findWebhook(ctx, writableAccount(ctx)).id);
    return noContent;
  },
};
