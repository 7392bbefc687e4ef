// Cursor pagination as Frame.io does it: an opaque `after` cursor, a relative `links.next` that
// carries only the path and the cursor, `page_size` default 50, `total_count` on request. The
// range of `page_size` is checked against each operation's own schema before a handler runs.
import { invalid } from './http.ts';

export interface Page<T> {
  data: T[];
  links: { next: string | null };
  total_count: number | null;
}

const DEFAULT_PAGE_SIZE = 50;

const encodeCursor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');

function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const offset = /^o:(\d+)$/.exec(text)?.[1];
  if (offset === undefined) throw invalid('Invalid cursor', '/after');
  return Number(offset);
}

/** `present` turns only the page's items into answers, so a big folder costs one page of work. */
export function paginate<T, U = T>(items: readonly T[], path: string, query: URLSearchParams, present: (item: T) => U = (item) => item as unknown as U): Page<U> {
  const rawSize = query.get('page_size');
  const pageSize = rawSize === null ? DEFAULT_PAGE_SIZE : Number(rawSize);
  const after = query.get('after');
  const offset = after ? decodeCursor(after) : 0;
  const end = offset + pageSize;
  return {
    data: items.slice(offset, end).map(present),
    links: { next: end < items.length ? `${path}?after=${encodeCursor(end)}` : null },
    total_count: query.get('include_total_count') === 'true' ? items.length : null,
  };
}
