import { invalid } from '../http.ts';
import { paginate } from '../pagination.ts';
import type { AccountRecord, AccountRole } from '../state.ts';
import type { HandlerTable } from './types.ts';

type AccountRow = AccountRecord & { roles: AccountRole[] };

const SORTS: Record<string, (a: AccountRow, b: AccountRow) => number> = {
  display_name_asc: (a, b) => a.display_name.localeCompare(b.display_name),
  display_name_desc: (a, b) => b.display_name.localeCompare(a.display_name),
  created_at_asc: (a, b) => a.created_at.localeCompare(b.created_at),
  created_at_desc: (a, b) => b.created_at.localeCompare(a.created_at),
};

export const accountHandlers: HandlerTable = {
  'accounts.index': ({ state, user, query, path }) => {
    const sortName = query.get('sort') ?? 'created_at_asc';
    const sort = SORTS[sortName];
    if (!sort) throw invalid(`Unknown sort: ${sortName}`, '/sort');
    const rows = state.accountsOf(user.id).map(({ account, roles }) => ({ ...account, roles }));
    return { status: 200, body: paginate(rows.sort(sort), path, query) };
  },
};
