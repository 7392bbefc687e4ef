// Small pieces every resource handler uses: the request's `data`, sorting by the spec's sort
// names, pagination and the current time.
import { invalid } from '../http.ts';
import { paginate } from '../pagination.ts';
import type { RequestContext, Reply } from './types.ts';

/** The request body's `data` object (the body was already checked against the spec). */
export function bodyData<T>(ctx: RequestContext): T {
  return ((ctx.body as { data?: T } | undefined)?.data ?? {}) as T;
}

export function requireField<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw invalid(`Missing field: ${name}`, `/data/${name}`);
  return value;
}

type Comparable = string | number | null | undefined;

/**
 * Sorts by a spec sort name such as `name_asc` or `created_at_desc`; `keys` maps the field part
 * of the name to a value. Ties keep creation order.
 */
export function sortBy<T>(items: T[], sort: string | null, fallback: string, keys: Record<string, (item: T) => Comparable>): T[] {
  const name = sort ?? fallback;
  const match = /^(.*)_(asc|desc)$/.exec(name);
  const key = match ? keys[match[1]!] : undefined;
  if (!match || !key) return items;
  const direction = match[2] === 'desc' ? -1 : 1;
  return [...items].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === y) return 0;
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    return (typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y) : x < y ? -1 : 1) * direction;
  });
}

export const listReply = <T, U = T>(ctx: RequestContext, items: readonly T[], present?: (item: T) => U): Reply => ({
  status: 200,
  body: paginate(items, ctx.path, ctx.query, present),
});

export const ok = (data: unknown, status = 200): Reply => ({ status, body: { data } });

export const noContent: Reply = { status: 204 };

export const stamp = (ctx: RequestContext) => ctx.world.now().toISOString();
