// The demo world: Rosa's own account plus a second account, Harbor Post, where she is a plain
// member and Sam Okafor is an admin.
import { addAccount, addAccountMember, addUser, seedMinimal, type Seeded } from './seed.ts';
import type { World } from './world.ts';

export async function seedDemo(world: World, token?: string): Promise<Seeded> {
  const seeded = seedMinimal(world, token);
  const post = addAccount(world, 'Harbor Post', '2025-01-15T14:00:00.000Z');
  addAccountMember(world, post, seeded.userId, 'member');
  const sam = addUser(world, 'Sam Okafor', 'sam@harbor.example');
  addAccountMember(world, post, sam.id, 'admin');
  return seeded;
}
