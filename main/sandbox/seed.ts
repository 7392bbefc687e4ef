// Seeds the sandbox. `demo` is what a new user explores before signing in; `minimal` is one user
// and one account, the starting point of most tests.
import { SandboxState } from './state.ts';

export type SeedName = 'demo' | 'minimal';

export interface Seeded {
  state: SandboxState;
  token: string;
  accountId: string;
  userId: string;
}

export function seed(name: SeedName, token?: string): Seeded {
  const state = new SandboxState();
  const user = state.addUser({ name: 'Rosa Alvarez', email: 'rosa@northlight.example' });
  const account = state.addAccount('Northlight Pictures', new Date('2024-03-04T09:30:00Z'));
  state.addMember(account.id, user.id, ['owner']);

  if (name === 'demo') {
    const post = state.addAccount('Harbor Post', new Date('2025-01-15T14:00:00Z'));
    state.addMember(post.id, user.id, ['member']);
    // A second person gives permission checks someone to refuse.
    const outsider = state.addUser({ name: 'Sam Okafor', email: 'sam@harbor.example' });
    state.addMember(post.id, outsider.id, ['admin']);
  }
  return { state, token: state.issueToken(user.id, token), accountId: account.id, userId: user.id };
}
