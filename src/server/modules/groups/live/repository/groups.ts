import type { DbOrTx } from '../../../../db/types.js';

/** What live meetings need of a group. */
export interface LiveGroup {
  id: number;
  slug: string;
  name: string;
  description: string;
  fellowship: string | null;
  language: string;
  time_zone: string;
  chat_retention_days: number | null;
  /** JSON array of Meeting Guide type codes. */
  types: string;
  archived_at: string | null;
}

const COLUMNS = [
  'id',
  'slug',
  'name',
  'description',
  'fellowship',
  'language',
  'time_zone',
  'chat_retention_days',
  'types',
  'archived_at',
] as const;

/** A group by its slug, archived or not. */
export function findGroupBySlug(db: DbOrTx, slug: string): Promise<LiveGroup | undefined> {
  return db.selectFrom('support_groups').select(COLUMNS).where('slug', '=', slug).executeTakeFirst();
}

export function findGroupById(db: DbOrTx, id: number): Promise<LiveGroup | undefined> {
  return db.selectFrom('support_groups').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}
