import { badRequest, notFound } from '../../errors.js';
import type { DbOrTx } from '../../db/types.js';
import type { MemberActor } from '../../security/actor.js';
import { findAccountByHandleKey } from '../accounts/repository/accounts.js';
import { handleKey } from '../accounts/handle.js';
import { deleteBlock, insertBlock, listBlocks } from './repository/blocks.js';
import type { Bus } from '../../bus/index.js';
import { publishBlocksChanged } from './chat/hub.js';

async function other(db: DbOrTx, actor: MemberActor, handle: string): Promise<number> {
  const account = await findAccountByHandleKey(db, handleKey(handle));
  if (!account) throw notFound('member');
  if (account.id === actor.accountId) throw badRequest('You cannot block yourself.');
  return account.id;
}

/** The handles the member blocked. */
export async function blocks(db: DbOrTx, actor: MemberActor) {
  return { blocked: await listBlocks(db, actor.accountId) };
}

/**
 * Blocks someone: the member stops seeing their messages and posts; the blocked member is not told. The member's
 * open sockets (on any instance) hear of it, so a block made during a meeting applies at once.
 */
export async function block(db: DbOrTx, bus: Bus, actor: MemberActor, handle: string, now: string) {
  await insertBlock(db, actor.accountId, await other(db, actor, handle), now);
  await publishBlocksChanged(bus, actor.accountId);
  return blocks(db, actor);
}

export async function unblock(db: DbOrTx, bus: Bus, actor: MemberActor, handle: string) {
  await deleteBlock(db, actor.accountId, await other(db, actor, handle));
  await publishBlocksChanged(bus, actor.accountId);
  return blocks(db, actor);
}
