import { REACTION_KINDS, type Post, type ReactionKindName } from '../../../shared/schemas/group-threads.js';
import type { DbOrTx } from '../../db/types.js';
import { reactionsFor, type PostRow } from './repository/threads.js';

/** Who is reading, as the presenter needs it. */
export interface Reader {
  accountId: number | undefined;
  /** Authors the reader blocked: their posts become placeholders. */
  blocked: Set<number>;
  /** Facilitators and moderators see hidden posts' text, to review them. */
  seesHidden: boolean;
}

const noReactions = () => ({ counts: { with_you: 0, strength: 0, heart: 0 }, mine: [] as ReactionKindName[] });

/**
 * Posts as `reader` sees them. A deleted post keeps its place with no text; a hidden one shows its text only to
 * facilitators and moderators; a post by someone the reader blocked is a placeholder with no author, text or
 * reactions (so replies keep their order and the thread's reply count stays true, and nothing of theirs shows).
 */
export async function presentPosts(db: DbOrTx, rows: PostRow[], reader: Reader): Promise<Post[]> {
  const { counts, mine } = await reactionsFor(
    db,
    rows.map((r) => r.id),
    reader.accountId,
  );
  const reactions = new Map<number, ReturnType<typeof noReactions>>();
  const of = (id: number) => reactions.get(id) ?? reactions.set(id, noReactions()).get(id)!;
  for (const c of counts) of(c.post_id).counts[c.kind] = Number(c.n);
  for (const m of mine) of(m.post_id).mine.push(m.kind);
  for (const r of reactions.values()) r.mine.sort((a, b) => REACTION_KINDS.indexOf(a) - REACTION_KINDS.indexOf(b));
  return rows.map((row) => {
    const blocked = row.author_id !== null && reader.blocked.has(row.author_id);
    const deleted = row.deleted_at !== null;
    const hidden = row.hidden_at !== null;
    const textShown = !blocked && !deleted && (!hidden || reader.seesHidden);
    return {
      id: row.id,
      thread_id: row.parent_id ?? row.id,
      author: blocked ? null : row.handle,
      mine: reader.accountId !== undefined && row.author_id === reader.accountId,
      title: textShown ? row.title : null,
      body: textShown ? row.body : null,
      created_at: row.created_at,
      edited: row.edited_at !== null,
      deleted,
      hidden,
      blocked,
      helpful: !blocked && row.helpful === 1,
      reactions: blocked ? noReactions() : (reactions.get(row.id) ?? noReactions()),
    };
  });
}
