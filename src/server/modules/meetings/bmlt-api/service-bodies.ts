import type { EntityRow } from './repository.js';

/** A service body as GetServiceBodies shows it. */
export interface BmltServiceBody {
  id: string;
  parent_id: string;
  name: string;
  description: string;
  type: string;
  url: string;
  helpline: string;
  world_id: string;
}

/**
 * Kinship's service entities as BMLT service bodies. A feed names a parent by
 * its own id (`parent_external_id`), which means something only within that
 * feed, so parents are resolved within the same source; an unknown parent is
 * "0", a top-level body.
 */
export class ServiceBodyTree {
  private readonly parentOf = new Map<number, number>();
  private readonly childrenOf = new Map<number, number[]>();

  constructor(private readonly entities: EntityRow[]) {
    const byExternal = new Map(entities.map((e) => [`${e.source_id}\u0000${e.external_id}`, e.id]));
    for (const e of entities) {
      const parent = e.parent_external_id === null ? undefined : byExternal.get(`${e.source_id}\u0000${e.parent_external_id}`);
      if (parent === undefined || parent === e.id) continue;
      this.parentOf.set(e.id, parent);
      this.childrenOf.set(parent, [...(this.childrenOf.get(parent) ?? []), e.id]);
    }
  }

  /** The ids given, and with `recursive` every body below them. Cycles in a feed cannot loop this. */
  expand(ids: number[], recursive: boolean): Set<number> {
    const out = new Set(ids);
    if (!recursive) return out;
    const queue = [...ids];
    while (queue.length > 0) {
      for (const child of this.childrenOf.get(queue.pop()!) ?? []) {
        if (!out.has(child)) {
          out.add(child);
          queue.push(child);
        }
      }
    }
    return out;
  }

  /** The ids given and every body above them. */
  private withParents(ids: Set<number>): Set<number> {
    const out = new Set(ids);
    for (const id of ids) {
      for (let p = this.parentOf.get(id); p !== undefined && !out.has(p); p = this.parentOf.get(p)) out.add(p);
    }
    return out;
  }

  /**
   * GetServiceBodies: every body, or those asked for (with the bodies below
   * them when `recursive`, above them when `parents`), less those left out.
   */
  present(include: number[], exclude: number[], recursive: boolean, parents: boolean): BmltServiceBody[] {
    let wanted: Set<number> | null = null;
    if (include.length > 0) {
      wanted = this.expand(include, recursive);
      if (parents) wanted = this.withParents(wanted);
    }
    const unwanted = this.expand(exclude, recursive);
    return this.entities
      .filter((e) => (wanted === null || wanted.has(e.id)) && !unwanted.has(e.id))
      .map((e) => ({
        id: String(e.id),
        parent_id: String(this.parentOf.get(e.id) ?? 0),
        name: e.name,
        description: e.description ?? '',
        type: e.type ?? '',
        url: e.url ?? '',
        helpline: e.phone ?? '',
        world_id: e.world_id ?? '',
      }));
  }
}
