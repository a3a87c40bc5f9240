import type { DbOrTx } from '../../db/types.js';

/** Reads one installation fact, or undefined when it was never written. */
export async function getMeta(db: DbOrTx, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('app_meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** Writes one installation fact, replacing any previous value. */
export async function setMeta(db: DbOrTx, key: string, value: string, now = new Date()): Promise<void> {
  const updated_at = now.toISOString();
  await db
    .insertInto('app_meta')
    .values({ key, value, updated_at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at }))
    .execute();
}

/** All installation facts, ordered by key. */
export async function listMeta(db: DbOrTx): Promise<{ key: string; value: string; updated_at: string }[]> {
  return db.selectFrom('app_meta').selectAll().orderBy('key').execute();
}

/** Writes a fact only if it is not there yet, and returns the stored value: safe when instances start together. */
export async function getOrCreateMeta(db: DbOrTx, key: string, create: () => string, now = new Date()): Promise<string> {
  await db
    .insertInto('app_meta')
    .values({ key, value: create(), updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const stored = await getMeta(db, key);
  if (stored === undefined) throw new Error(`app_meta ${key} missing after insert`);
  return stored;
}
