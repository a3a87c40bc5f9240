import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { Database, DbOrTx } from './types.js';

/** Stands for the i-th argument while the query is compiled (no real value looks like it). */
const MARKER = '\u0000kinship-arg-';
const marker = (i: number) => `${MARKER}${i}`;

/** A compiled query whose parameters are constants or arguments by position. */
interface Template {
  compiled: CompiledQuery;
  /** Per parameter: the argument's index, or -1 for a constant kept in `compiled.parameters`. */
  slots: number[];
}

/**
 * A query built and compiled by Kysely once per dialect, then run with new arguments: on the chat's hot paths
 * (issue 7's benchmark) building and compiling a query cost several times what SQLite takes to run it (~70 µs
 * against ~10 µs for a send's checks). `build` must give a query of the same shape whatever its arguments (no `in`
 * lists of varying length, no branches on them): it is called once, with markers in place of the arguments, and each
 * marker's place among the compiled parameters is where that argument goes. Works on a database or a transaction.
 */
export function compiledOnce<Args extends unknown[], Row>(
  build: (db: Kysely<Database>, ...args: Args) => Compilable<Row>,
): (db: DbOrTx, ...args: Args) => Promise<QueryResult<Row>> {
  // One template per dialect adapter: SQLite and PostgreSQL compile the same builder to different SQL.
  const templates = new WeakMap<object, Template>();
  return (db, ...args) => {
    const executor = db.getExecutor();
    let template = templates.get(executor.adapter);
    if (!template) {
      const markers = args.map((_, i) => marker(i)) as Args;
      const compiled = build(db, ...markers).compile();
      const slots = compiled.parameters.map((p) =>
        typeof p === 'string' && p.startsWith(MARKER) ? Number(p.slice(MARKER.length)) : -1,
      );
      template = { compiled, slots };
      templates.set(executor.adapter, template);
    }
    const { compiled, slots } = template;
    const parameters = slots.map((slot, i) => (slot >= 0 ? args[slot] : compiled.parameters[i]));
    return db.executeQuery<Row>({ ...compiled, parameters });
  };
}
