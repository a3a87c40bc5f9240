import type { Kysely, Transaction } from 'kysely';

/** Key/value facts about this installation, e.g. the schema version. */
export interface AppMetaTable {
  key: string;
  value: string;
  updated_at: string;
}

/** Every table, by name. Later migrations add theirs here. */
export interface Database {
  app_meta: AppMetaTable;
}

export type Db = Kysely<Database>;
/** Repositories accept either the database or an open transaction. */
export type DbOrTx = Kysely<Database> | Transaction<Database>;

export type Dialect = 'sqlite' | 'postgres';
