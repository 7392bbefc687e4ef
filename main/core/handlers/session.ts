import type { AppInfo } from '../../../preload/contract.ts';
import type { FrameioClient } from '../api/client.ts';
import type { HandlerGroup } from './types.ts';

export function sessionHandlers(api: FrameioClient, info: AppInfo): HandlerGroup<'app' | 'user' | 'accounts'> {
  return {
    'app:info': async () => info,
    'user:me': async () => {
      const me = await api.me();
      return { id: me.id, name: me.name, email: me.email, avatarUrl: me.avatar_url };
    },
    'accounts:list': async () => {
      const accounts = await api.accounts();
      return accounts.map((a) => ({ id: a.id, name: a.display_name, roles: a.roles ?? [] }));
    },
  };
}
