import type { FastifyBaseLogger } from 'fastify';
import type { Bus, Unsubscribe } from '../../bus/index.js';
import { EVENTS, meetingsChangedSchema } from '../../bus/events.js';
import type { DatabaseHandle } from '../../db/index.js';
import { MeetingStore } from './index/meeting-store.js';
import { SearchEngine } from './engine/engine.js';
import type { TimeOps } from './engine/time-ops.js';
import { loadIndex } from './loader.js';
import { liveIdsOfSource, meetingsByIds, summariesOf } from './meeting-rows.js';

/** Summaries cached: about 2 MB, a few thousand result pages' worth of meetings. */
const SUMMARY_CACHE_SIZE = 5000;

/**
 * The search index of this process: built from the database at boot, then
 * patched from `meetings.changed` events (which every instance receives
 * through the bus), never the source of truth. Patches are applied one at a
 * time, in order.
 */
export class SearchIndexService {
  readonly store = new MeetingStore();
  readonly engine: SearchEngine;
  private unsubscribe: Unsubscribe | null = null;
  private queue: Promise<void> = Promise.resolve();
  builtInMs = 0;
  /** Recently shown result summaries (JSON) by meeting id, oldest first; forgotten when the meeting changes. */
  private readonly summaryCache = new Map<number, string>();

  constructor(
    private readonly database: DatabaseHandle,
    private readonly bus: Bus,
    private readonly time: TimeOps,
    private readonly log: FastifyBaseLogger,
  ) {
    this.engine = new SearchEngine(this.store, time);
    this.store.onChange = (id) => this.summaryCache.delete(id);
  }

  /**
   * Subscribes first, then loads, so no change committed during the load is missed. Changes heard during the load
   * wait for it (the store is being bulk-loaded, and the load reads the tables in several passes and threads):
   * they are applied after it, from the database as it is then.
   */
  async start(): Promise<void> {
    let loaded!: () => void;
    this.queue = new Promise<void>((resolve) => (loaded = resolve));
    try {
      await this.subscribeAndLoad();
    } finally {
      loaded();
    }
  }

  private async subscribeAndLoad(): Promise<void> {
    this.unsubscribe = await this.bus.subscribe(EVENTS.meetingsChanged, (payload) => {
      const parsed = meetingsChangedSchema.safeParse(payload);
      if (!parsed.success) return this.log.warn('ignored a malformed meetings.changed event');
      this.queue = this.queue
        .then(() => this.apply(parsed.data.source_id, parsed.data.meeting_ids))
        .catch((err: unknown) => this.log.error({ err }, 'search index patch failed'));
    });
    const started = performance.now();
    try {
      const report = await loadIndex(this.database.db, this.store);
      if (report.textWorker === 'failed')
        this.log.warn({ err: report.workerError }, 'search index: the build worker failed; built on the main thread');
    } catch (err) {
      // An unmigrated or unreachable database: serve an empty index rather than not start; /readyz says why.
      this.log.error({ err }, 'search index could not be built');
      return;
    }
    // Build every zone's offset table now rather than during the first searches.
    for (const zone of this.store.zones.values) this.time.zoneId(zone);
    this.time.warm?.(Date.now());
    this.builtInMs = performance.now() - started;
    this.log.info({ meetings: this.store.count, ms: Math.round(this.builtInMs) }, 'search index built');
  }

  /**
   * The result summaries (JSON) of these meetings, for a page of search results: from the cache, the rest in one
   * query. The index does not hold them (450 bytes a meeting); a page costs one indexed read of at most 100 rows,
   * and the popular pages none.
   */
  async summaries(ids: readonly number[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    const missing: number[] = [];
    for (const id of ids) {
      const hit = this.summaryCache.get(id);
      if (hit === undefined) {
        missing.push(id);
        continue;
      }
      // Most recently used last.
      this.summaryCache.delete(id);
      this.summaryCache.set(id, hit);
      out.set(id, hit);
    }
    if (missing.length === 0) return out;
    const version = this.store.version;
    const read = await summariesOf(this.database.db, missing);
    // A patch applied during the read may have changed one of them: use what was read, but do not keep it.
    const keep = this.store.version === version;
    for (const [id, json] of read) {
      out.set(id, json);
      if (!keep) continue;
      this.summaryCache.set(id, json);
      if (this.summaryCache.size > SUMMARY_CACHE_SIZE) this.summaryCache.delete(this.summaryCache.keys().next().value!);
    }
    return out;
  }

  /** Resolves when every change received so far is in the index (tests use it). */
  settled(): Promise<void> {
    return this.queue;
  }

  private async apply(sourceId: number, ids: number[] | null): Promise<void> {
    let targets = ids;
    if (targets === null) {
      // Too many to list: reconcile the whole source.
      const live = new Set(await liveIdsOfSource(this.database.db, sourceId));
      const indexed: number[] = [];
      for (let slot = 0; slot < this.store.length; slot++)
        if (this.store.alive[slot] && this.store.source[slot] === sourceId) indexed.push(this.store.ids[slot]!);
      targets = [...new Set([...live, ...indexed])];
    }
    const current = await meetingsByIds(this.database.db, targets);
    for (const [id, meeting] of current) {
      if (meeting) this.store.upsert(meeting);
      else this.store.remove(id);
    }
  }

  async stop(): Promise<void> {
    await this.unsubscribe?.();
    await this.queue;
  }
}
