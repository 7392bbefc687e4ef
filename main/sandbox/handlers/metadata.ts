import { randomUUID } from 'node:crypto';
import { account, adminAccount, file, project, writableAccount, type AccountAccess } from '../access.ts';
import { conflict, invalid, notFound } from '../http.ts';
import { metadataFields } from '../metadata.ts';
import { parseIncludes, presentUser } from '../present.ts';
import type { FieldDefinitionRecord, FileRecord } from '../store/records.ts';
import { bodyData, listReply, noContent, ok, sortBy, stamp } from './common.ts';
import type { HandlerTable, RequestContext } from './types.ts';

type Configuration = Record<string, unknown>;

/** What each field type's configuration holds when the client leaves parts of it out. */
function configure(fieldType: string, given: Configuration | undefined, previous: Configuration | null = null): Configuration {
  const base = { ...previous, ...given };
  switch (fieldType) {
    case 'toggle':
      return { color: null, ...base };
    case 'number':
      return { number_format: null, scale: 0, ...base };
    case 'rating':
      return { max_value: 5, style: 'star', color: null, ...base };
    case 'date':
      return { display_format: 'local', display_timezone: false, include_time: false, time_format: 'twelve_hour', ...base };
    case 'select':
    case 'select_multi':
      return {
        enable_add_new: true,
        ...base,
        options: ((base.options ?? []) as Configuration[]).map((option) => ({ color: null, ...option, id: option.id ?? randomUUID() })),
      };
    case 'user_single':
    case 'user_multi':
      return { custom_members: [], ...base };
    default:
      return {};
  }
}

function presentDefinition(definition: FieldDefinitionRecord) {
  return {
    id: definition.id,
    name: definition.name,
    field_type: definition.field_type,
    field_configuration: definition.field_configuration ?? {},
    mutable: definition.mutable,
    creator_id: definition.creator_id,
    created_at: definition.created_at,
    updated_at: definition.updated_at,
  };
}

function findDefinition(ctx: RequestContext, access: AccountAccess): FieldDefinitionRecord {
  const id = ctx.params.field_definition_id!;
  const definition = ctx.world.store.get('field_definition', id);
  if (!definition || definition.account_id !== access.account.id) throw notFound(`Field definition ${id} not found`);
  return definition;
}

function assertUniqueName(ctx: RequestContext, accountId: string, name: string, exceptId?: string): void {
  if (ctx.world.store.list('field_definition', accountId).some((d) => d.name === name && d.id !== exceptId)) {
    throw conflict(`A metadata field named "${name}" already exists`, '/data/name');
  }
}

/** Field definitions belong to the account; their events go to every workspace's webhooks. */
function emitAccountEvent(ctx: RequestContext, accountId: string, resource: { id: string; type: string }, type: string): void {
  for (const ws of ctx.world.store.list('workspace', accountId)) {
    ctx.world.events.emit({ type, accountId, workspaceId: ws.id, resource, userId: ctx.user.id });
  }
}

/** Checks a value against its field and returns it the way the file will show it. */
function coerceValue(ctx: RequestContext, definition: FieldDefinitionRecord, value: unknown, pointer: string): unknown {
  if (value === null) return null;
  const fail = (expected: string): never => {
    throw invalid(`${definition.name} is a ${definition.field_type} field and takes ${expected}`, pointer);
  };
  const configuration = definition.field_configuration ?? {};
  switch (definition.field_type) {
    case 'text':
    case 'long_text':
      return typeof value === 'string' ? value : fail('a string');
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : fail('a number');
    case 'rating':
      return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= Number(configuration.max_value ?? 5) ? value : fail(`a whole number from 0 to ${String(configuration.max_value ?? 5)}`);
    case 'toggle':
      return typeof value === 'boolean' ? value : fail('true or false');
    case 'date':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : fail('an ISO 8601 date-time');
    case 'select':
    case 'select_multi': {
      const ids = Array.isArray(value) ? value : [value];
      if (definition.field_type === 'select' && ids.length > 1) fail('one option id');
      const known = (configuration.options ?? []) as Array<{ id: string; display_name: string }>;
      return ids.map((id) => {
        const option = known.find((o) => o.id === id);
        return option ? { id: option.id, display_name: option.display_name } : fail('option ids from its configuration');
      });
    }
    default: {
      const ids = (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'object' && v !== null ? (v as { id?: unknown }).id : v));
      if (definition.field_type === 'user_single' && ids.length > 1) fail('one user id');
      return ids.map((id) => (typeof id === 'string' && ctx.world.store.get('user', id) ? { id, type: 'user' } : fail('user ids')));
    }
  }
}

export const metadataHandlers: HandlerTable = {
  'metadata.field_definitions.index': (ctx) => {
    const access = account(ctx);
    const includes = parseIncludes(ctx.query);
    const excludeImmutable = ctx.query.get('filters[exclude_immutable]') === 'true';
    const definitions = ctx.world.store.list('field_definition', access.account.id).filter((d) => !excludeImmutable || d.mutable);
    const sorted = sortBy(definitions, ctx.query.get('sort'), 'created_at_asc', { name: (d) => d.name, created_at: (d) => d.created_at });
    return listReply(
      ctx,
      sorted.map((d) => {
        const creator = includes.has('creator') ? ctx.world.store.get('user', d.creator_id) : undefined;
        return { ...presentDefinition(d), ...(creator ? { creator: presentUser(creator) } : {}) };
      }),
    );
  },

  'metadata.field_definitions.create': (ctx) => {
    const access = adminAccount(ctx);
    const data = bodyData<{ name: string; field_type: string; field_configuration?: Configuration }>(ctx);
    assertUniqueName(ctx, access.account.id, data.name);
    const now = stamp(ctx);
    const definition = ctx.world.store.put('field_definition', {
      id: randomUUID(),
      account_id: access.account.id,
      name: data.name,
      field_type: data.field_type,
      field_configuration: configure(data.field_type, data.field_configuration),
      mutable: true,
      creator_id: ctx.user.id,
      created_at: now,
      updated_at: now,
    });
    emitAccountEvent(ctx, access.account.id, { id: definition.id, type: 'customfield' }, 'customfield.created');
    return ok(presentDefinition(definition), 201);
  },

  'metadata.field_definitions.update': (ctx) => {
    const access = adminAccount(ctx);
    const definition = findDefinition(ctx, access);
    const data = bodyData<{ name?: string; field_type: string; field_configuration?: Configuration }>(ctx);
    if (data.field_type !== definition.field_type) throw conflict(`A ${definition.field_type} field cannot become a ${data.field_type} field`, '/data/field_type');
    if (!definition.mutable) throw conflict(`${definition.name} is a built-in field and cannot be changed`);
    if (data.name !== undefined) assertUniqueName(ctx, access.account.id, data.name, definition.id);
    const updated = ctx.world.store.put('field_definition', {
      ...definition,
      name: data.name ?? definition.name,
      field_configuration: configure(definition.field_type, data.field_configuration, definition.field_configuration),
      updated_at: stamp(ctx),
    });
    emitAccountEvent(ctx, access.account.id, { id: updated.id, type: 'customfield' }, 'customfield.updated');
    return ok(presentDefinition(updated));
  },

  'metadata.field_definitions.delete': (ctx) => {
    const access = adminAccount(ctx);
    const definition = findDefinition(ctx, access);
    if (!definition.mutable) throw conflict(`${definition.name} is a built-in field and cannot be deleted`);
    ctx.world.store.delete(definition.id);
    emitAccountEvent(ctx, access.account.id, { id: definition.id, type: 'customfield' }, 'customfield.deleted');
    return noContent;
  },

  'metadata.show': (ctx) => {
    const target = file(ctx, ctx.params.file_id!);
    return ok({ file_id: target.id, metadata: metadataFields(ctx.world, target, ctx.query.get('show_null') === 'true') });
  },

  'metadata.bulk_update': (ctx) => {
    const access = writableAccount(ctx);
    const owner = project(ctx, ctx.params.project_id!, access);
    const data = bodyData<{ file_ids: string[]; values: Array<{ field_definition_id: string; value: unknown }> }>(ctx);
    const files = data.file_ids.map((id, index) => {
      const candidate = ctx.world.store.get('asset', id);
      if (candidate?.type !== 'file' || candidate.project_id !== owner.id) throw invalid(`File ${id} not found in this project`, `/data/file_ids/${index}`);
      return candidate;
    });
    const changes = data.values.map(({ field_definition_id: id, value }, index) => {
      const definition = ctx.world.store.get('field_definition', id);
      if (!definition || definition.account_id !== access.account.id) throw invalid(`Field definition ${id} not found`, `/data/values/${index}/field_definition_id`);
      if (!definition.mutable) throw invalid(`${definition.name} is read-only`, `/data/values/${index}/field_definition_id`);
      return [id, coerceValue(ctx, definition, value, `/data/values/${index}/value`)] as const;
    });
    const now = stamp(ctx);
    ctx.world.store.transaction(() => {
      for (const target of files) {
        const metadata: FileRecord['metadata'] = { ...target.metadata };
        for (const [id, value] of changes) {
          if (value === null) delete metadata[id];
          else metadata[id] = value;
        }
        ctx.world.store.put('asset', { ...target, metadata, updated_at: now });
      }
    });
    for (const target of files) ctx.world.events.emit({ type: 'metadata.value.updated', accountId: access.account.id, workspaceId: owner.workspace_id, projectId: owner.id, resource: { id: target.id, type: 'file' }, userId: ctx.user.id });
    return noContent;
  },
};
