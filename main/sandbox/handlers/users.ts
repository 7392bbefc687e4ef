import type { HandlerTable } from './types.ts';

export const userHandlers: HandlerTable = {
  'users.show': ({ user }) => ({
    status: 200,
    body: { data: { id: user.id, name: user.name, email: user.email, avatar_url: user.avatar_url } },
  }),
};
