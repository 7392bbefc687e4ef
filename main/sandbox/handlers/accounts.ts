import { memberId } from '../access.ts';
import type { AccountRole } from '../store/records.ts';
import { listReply, sortBy } from './common.ts';
import type { HandlerTable } from './types.ts';

export const accountHandlers: HandlerTable = {
  'accounts.index': (ctx) => {
    const { store } = ctx.world;
    const rows = store.list('account').flatMap((account) => {
      const member = store.get('account_member', memberId(account.id, ctx.user.id));
      // The spec's account roles are owner, admin and member; a reviewer shows no role.
      return member ? [{ ...account, roles: member.role === 'reviewer' ? [] : [member.role as AccountRole] }] : [];
    });
    const sorted = sortBy(rows, ctx.query.get('sort'), 'created_at_asc', { display_name: (a) => a.display_name, created_at: (a) => a.created_at });
    return listReply(ctx, sorted);
  },
};
