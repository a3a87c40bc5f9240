import type { Insertable } from 'kysely';
import type { DatabaseHandle } from '../../../db/index.js';
import { withWriteTransaction } from '../../../db/index.js';
import { lockForTransaction, LOCKS } from '../../../db/locks.js';
import type { DbOrTx, MeetingsTable } from '../../../db/types.js';
import type { NormalizedEntity, NormalizedMeeting, NormalizeResult } from '../model.js';
import { diffRecords, hashRecord, locationKey, recordOf, type MeetingRecord } from '../record.js';
import {
  deleteOrphanLocations,
  insertChanges,
  insertGroup,
  insertGroups,
  insertLocations,
  insertMeetings,
  insertRegion,
  loadSourceState,
  setRawHashes,
  softDeleteMeetings,
  updateGroupNotes,
  updateMeeting,
  upsertCustomType,
  upsertEntity,
  type ChangeRow,
  type ExistingMeeting,
  type SourceState,
} from '../repository/directory-writes.js';
import { loadRecords, REGION_SEPARATOR } from '../repository/meeting-rows.js';
import type { SourceRow } from '../repository/sources.js';
import { FeedFormatError } from './json-array-stream.js';
import { emptyCounts, MAX_LISTED, type ImportReport, type RejectedMeeting, type WarnedMeeting } from './report.js';

/** One element of a feed as the streaming reader yields it. */
export type FeedElement =
  | { index: number; value: unknown; fingerprint?: string }
  | { index: number; error: { code: string; message: string; rawPreview?: string } };

export interface ImportRun {
  database: DatabaseHandle;
  source: SourceRow;
  importId: number | null;
  dryRun: boolean;
  /** The feed's meetings, streamed. */
  elements: AsyncIterable<FeedElement>;
  /** Turns one raw meeting into a normalised one, or a rejection. */
  normalize: (raw: unknown) => NormalizeResult;
  /** Every service entity the feed describes (BMLT service bodies), kept even when no meeting points to it. */
  entities?: NormalizedEntity[];
  /** Names of custom type codes (BMLT formats), recorded with the source. */
  customTypeNames?: Map<string, { name: string | null; description: string | null }>;
  now?: () => Date;
  onProgress?: (processed: number) => void;
}

export interface ImportOutcome {
  report: ImportReport;
  /** Ids of meetings added, changed or removed (for the search index). */
  affectedIds: number[];
}

class DryRunRollback extends Error {}

interface Pending {
  meeting: NormalizedMeeting;
  record: MeetingRecord;
  hash: string;
  /** locationKey of the meeting's location, computed once: it is a SHA-1. */
  locationKey: string | null;
  fingerprint: string | null;
  existing: ExistingMeeting | undefined;
}

/**
 * Applies one version of a feed to its source, in one transaction: meetings
 * new to the source are added, changed ones updated with a per-field diff in
 * the history, ones no longer in the feed soft-deleted, identical ones left
 * untouched (so re-importing the same feed writes nothing). Any error rolls
 * everything back; a dry run computes the same report and rolls back too.
 * Every meeting not imported appears in the report with its reasons.
 */
export async function runImport(run: ImportRun): Promise<ImportOutcome> {
  const now = run.now ?? (() => new Date());
  const started = now();
  const report: ImportReport = {
    import_id: run.importId,
    source: { id: run.source.id, name: run.source.name },
    format: run.source.format,
    dry_run: run.dryRun,
    status: 'succeeded',
    error: null,
    started_at: started.toISOString(),
    finished_at: started.toISOString(),
    duration_ms: 0,
    counts: emptyCounts(),
    rejected: [],
    warnings: [],
    unknown_types: {},
    truncated: false,
  };
  const affectedIds: number[] = [];

  try {
    await withWriteTransaction(run.database, async (tx) => {
      await lockForTransaction(tx, run.database.dialect, LOCKS.sourceImport, run.source.id);
      const writer = new SourceWriter(tx, run, report, affectedIds, started.toISOString());
      await writer.consume();
      if (run.dryRun) throw new DryRunRollback();
    });
  } catch (err) {
    if (!(err instanceof DryRunRollback)) {
      report.status = 'failed';
      report.error =
        err instanceof FeedFormatError ? `malformed feed: ${err.message}` : err instanceof Error ? err.message : String(err);
      affectedIds.length = 0;
      // Nothing was applied: only what was read (and rejected) before the failure stays in the report.
      Object.assign(report.counts, { added: 0, changed: 0, removed: 0, unchanged: 0 });
    }
  }
  const finished = now();
  report.finished_at = finished.toISOString();
  report.duration_ms = finished.getTime() - started.getTime();
  return { report, affectedIds: run.dryRun ? [] : affectedIds };
}

/** The work inside the import transaction. */
class SourceWriter {
  private state!: SourceState;
  private readonly seen = new Set<string>();
  private batch: Pending[] = [];
  private readonly entitiesDone = new Set<string>();
  private readonly fingerprintOnly: { id: number; fingerprint: string }[] = [];

  constructor(
    private readonly tx: DbOrTx,
    private readonly run: ImportRun,
    private readonly report: ImportReport,
    private readonly affected: number[],
    private readonly at: string,
  ) {}

  async consume(): Promise<void> {
    this.state = await loadSourceState(this.tx, this.run.source.id);
    // The whole hierarchy, so a region with no meetings of its own still parents its areas.
    for (const e of this.run.entities ?? []) await this.saveEntity(e);
    for await (const element of this.run.elements) {
      const counts = this.report.counts;
      counts.total++;
      if (counts.total % 1000 === 0) this.run.onProgress?.(counts.total);
      if ('error' in element) {
        this.reject({
          index: element.index,
          slug: guessSlug(element.error.rawPreview),
          reasons: [{ code: element.error.code === 'not_utf8' ? 'not_utf8' : 'invalid_record', message: element.error.message }],
        });
        continue;
      }
      const fingerprint = 'fingerprint' in element ? (element.fingerprint ?? null) : null;
      const result = this.run.normalize(element.value);
      if (!result.ok) {
        this.reject({ index: element.index, slug: result.slug, reasons: result.reasons });
        continue;
      }
      const m = result.meeting;
      if (this.seen.has(m.slug)) {
        this.reject({
          index: element.index,
          slug: m.slug,
          reasons: [
            {
              code: 'duplicate_slug',
              field: 'slug',
              message: `slug "${m.slug}" was already used by an earlier meeting in this feed`,
            },
          ],
        });
        continue;
      }
      this.seen.add(m.slug);
      this.noteWarnings(m, result.warnings);
      const before = this.state.meetings.get(m.slug);
      // Byte-identical to the element last imported (with the same normaliser and source defaults): unchanged,
      // without building and hashing its record. It was still normalised, so its warnings stay in the report.
      if (fingerprint !== null && before && !before.deleted && before.rawHash === fingerprint) {
        counts.unchanged++;
        continue;
      }
      const record = recordOf(m);
      const hash = hashRecord(record);
      const existing = this.state.meetings.get(m.slug);
      if (existing && !existing.deleted && existing.hash === hash) {
        // Same meeting from different bytes: remember the new fingerprint so next time it is skipped early.
        counts.unchanged++;
        if (fingerprint !== null && existing.rawHash !== fingerprint) this.fingerprintOnly.push({ id: existing.id, fingerprint });
        continue;
      }
      this.batch.push({
        meeting: m,
        record,
        hash,
        locationKey: m.location ? locationKey(m.location) : null,
        fingerprint,
        existing,
      });
      if (this.batch.length >= 500) await this.flush();
    }
    await this.flush();
    await setRawHashes(this.tx, this.fingerprintOnly);
    this.run.onProgress?.(this.report.counts.total);
    // A feed in which not one meeting could be read is broken, not a source that closed every meeting: applying it
    // would remove them all. The import fails and the source keeps what it had.
    const { total, rejected } = this.report.counts;
    if (total > 0 && rejected === total)
      throw new Error(`every one of the feed's ${total} meetings was rejected; nothing was changed`);
    await this.removeMissing();
    await this.saveCustomTypes();
    if (this.report.counts.changed + this.report.counts.removed > 0) await deleteOrphanLocations(this.tx, this.run.source.id);
  }

  private reject(r: RejectedMeeting): void {
    this.report.counts.rejected++;
    if (this.report.rejected.length < MAX_LISTED) this.report.rejected.push(r);
    else this.report.truncated = true;
  }

  private noteWarnings(m: NormalizedMeeting, warnings: { code: WarnedMeeting['code']; field?: string; message: string }[]): void {
    for (const code of m.custom_types) this.report.unknown_types[code] = (this.report.unknown_types[code] ?? 0) + 1;
    if (warnings.length === 0) return;
    this.report.counts.warnings += warnings.length;
    for (const w of warnings) {
      if (this.report.warnings.length < MAX_LISTED) this.report.warnings.push({ slug: m.slug, ...w });
      else this.report.truncated = true;
    }
  }

  private async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    await this.ensureLocations(batch);
    await this.ensureGroups(batch);
    const previous = await loadRecords(
      this.tx,
      batch.filter((p) => p.existing).map((p) => p.existing!.id),
    );
    const changes: ChangeRow[] = [];
    const inserts: Insertable<MeetingsTable>[] = [];
    const insertedPending: Pending[] = [];
    for (const p of batch) {
      const row = await this.rowFor(p);
      if (p.existing) {
        const before = previous.get(p.existing.id) ?? null;
        await updateMeeting(this.tx, p.existing.id, { ...row, deleted_at: null });
        const kind = p.existing.deleted ? 'restored' : 'changed';
        if (kind === 'restored') this.report.counts.added++;
        else this.report.counts.changed++;
        changes.push(this.change(p.existing.id, kind, diffRecords(before, p.record)));
        p.existing.hash = p.hash;
        p.existing.rawHash = p.fingerprint;
        p.existing.deleted = false;
        this.affected.push(p.existing.id);
      } else {
        inserts.push({ ...row, source_id: this.run.source.id, slug: p.meeting.slug, created_at: this.at });
        insertedPending.push(p);
      }
    }
    const ids = await insertMeetings(this.tx, inserts);
    const bySlug = new Map(ids.map((r) => [r.slug, r.id]));
    for (const p of insertedPending) {
      const id = bySlug.get(p.meeting.slug)!;
      this.state.meetings.set(p.meeting.slug, { id, hash: p.hash, rawHash: p.fingerprint, deleted: false });
      changes.push(this.change(id, 'added', diffRecords(null, p.record)));
      this.affected.push(id);
    }
    this.report.counts.added += insertedPending.length;
    await insertChanges(this.tx, changes);
  }

  private change(meetingId: number, kind: ChangeRow['kind'], diff: object): ChangeRow {
    return {
      meeting_id: meetingId,
      source_id: this.run.source.id,
      import_id: this.run.importId,
      kind,
      changed_at: this.at,
      diff: JSON.stringify(diff),
    };
  }

  /** Creates the location rows this batch needs, several meetings sharing one. */
  private async ensureLocations(batch: Pending[]): Promise<void> {
    const fresh = new Map<string, Pending['meeting']['location']>();
    for (const p of batch) {
      const l = p.meeting.location;
      const key = p.locationKey;
      if (!l || key === null) continue;
      if (!this.state.locations.has(key)) fresh.set(key, l);
    }
    if (fresh.size === 0) return;
    const rows = [...fresh].map(([key, l]) => ({
      source_id: this.run.source.id,
      key,
      name: l!.name,
      notes: l!.notes,
      formatted_address: l!.formatted_address,
      address: l!.address,
      city: l!.city,
      state: l!.state,
      postal_code: l!.postal_code,
      country: l!.country,
      latitude: l!.latitude,
      longitude: l!.longitude,
      approximate: l!.approximate ? 1 : 0,
    }));
    for (const r of await insertLocations(this.tx, rows)) this.state.locations.set(r.key, r.id);
  }

  /** Creates the group rows this batch needs in one statement, rather than one INSERT per group. */
  private async ensureGroups(batch: Pending[]): Promise<void> {
    const fresh = new Map<string, { name: string; notes: string | null }>();
    for (const p of batch) {
      const g = p.meeting.group;
      if (g && !this.state.groups.has(g.name) && !fresh.has(g.name)) fresh.set(g.name, g);
    }
    if (fresh.size === 0) return;
    for (const r of await insertGroups(this.tx, this.run.source.id, [...fresh.values()]))
      this.state.groups.set(r.name, { id: r.id, notes: fresh.get(r.name)!.notes });
  }

  private async rowFor(p: Pending): Promise<Omit<Insertable<MeetingsTable>, 'source_id' | 'slug' | 'created_at'>> {
    const m = p.meeting;
    return {
      name: m.name,
      fellowship: m.fellowship,
      days: m.days.join(','),
      time: m.time,
      end_time: m.end_time,
      timezone: m.timezone,
      types: JSON.stringify(m.types),
      custom_types: JSON.stringify(m.custom_types),
      notes: m.notes,
      location_id: p.locationKey === null ? null : this.state.locations.get(p.locationKey)!,
      group_id: await this.groupId(m),
      region_id: await this.regionId(m.regions),
      entity_id: await this.entityId(m),
      conference_url: m.conference_url,
      conference_url_notes: m.conference_url_notes,
      conference_provider: m.conference_provider,
      conference_phone: m.conference_phone,
      conference_phone_notes: m.conference_phone_notes,
      url: m.url,
      edit_url: m.edit_url,
      feedback_url: m.feedback_url,
      feedback_emails: m.feedback_emails.length ? JSON.stringify(m.feedback_emails) : null,
      venmo: m.venmo,
      square: m.square,
      paypal: m.paypal,
      homegroup_online: m.homegroup_online,
      contacts: m.contacts.length ? JSON.stringify(m.contacts) : null,
      attendance: m.attendance,
      source_updated: m.updated,
      content_hash: p.hash,
      raw_hash: p.fingerprint,
      updated_at: this.at,
    };
  }

  private async groupId(m: NormalizedMeeting): Promise<number | null> {
    if (!m.group) return null;
    const known = this.state.groups.get(m.group.name);
    if (known) {
      // Group notes are shared by the group's meetings; the latest wins.
      if (known.notes !== m.group.notes) {
        await updateGroupNotes(this.tx, known.id, m.group.notes);
        known.notes = m.group.notes;
      }
      return known.id;
    }
    const id = await insertGroup(this.tx, this.run.source.id, m.group.name, m.group.notes);
    this.state.groups.set(m.group.name, { id, notes: m.group.notes });
    return id;
  }

  /** Region rows for every level of the path, most general first. */
  private async regionId(path: string[]): Promise<number | null> {
    let parent: number | null = null;
    for (let depth = 0; depth < path.length; depth++) {
      const key = path.slice(0, depth + 1).join(REGION_SEPARATOR);
      let id = this.state.regions.get(key);
      if (id === undefined) {
        id = await insertRegion(this.tx, this.run.source.id, parent, path[depth]!, key, depth);
        this.state.regions.set(key, id);
      }
      parent = id;
    }
    return parent;
  }

  private async entityId(m: NormalizedMeeting): Promise<number | null> {
    return m.entity ? this.saveEntity(m.entity) : null;
  }

  /** Each entity is written once per import, refreshing what the feed says about it. */
  private async saveEntity(e: NormalizedEntity): Promise<number> {
    if (!this.entitiesDone.has(e.external_id)) {
      this.state.entities.set(e.external_id, await upsertEntity(this.tx, this.run.source.id, e));
      this.entitiesDone.add(e.external_id);
    }
    return this.state.entities.get(e.external_id)!;
  }

  /** Meetings the source held that this version of the feed no longer lists. */
  private async removeMissing(): Promise<void> {
    const gone: number[] = [];
    for (const [slug, ex] of this.state.meetings) {
      if (!ex.deleted && !this.seen.has(slug)) gone.push(ex.id);
    }
    if (gone.length === 0) return;
    const before = await loadRecords(this.tx, gone);
    await softDeleteMeetings(this.tx, gone, this.at);
    await insertChanges(
      this.tx,
      gone.map((id) => this.change(id, 'removed', diffRecords(before.get(id) ?? null, null))),
    );
    this.report.counts.removed += gone.length;
    this.affected.push(...gone);
  }

  private async saveCustomTypes(): Promise<void> {
    for (const code of Object.keys(this.report.unknown_types)) {
      const names = this.run.customTypeNames?.get(code) ?? { name: null, description: null };
      const known = this.state.customTypes.get(code);
      if (known && known.name === names.name && known.description === names.description) continue;
      await upsertCustomType(this.tx, this.run.source.id, code, names.name, names.description);
    }
  }
}

/** Best effort to name a meeting whose bytes could not be decoded. */
function guessSlug(preview: string | undefined): string | null {
  const m = preview ? (/"slug"\s*:\s*"([^"]{1,255})"/.exec(preview) ?? /"id_bigint"\s*:\s*"(\d{1,20})"/.exec(preview)) : null;
  return m?.[1] ?? null;
}
