import type { Bus } from '../../bus/index.js';
import { EVENTS, type MeetingsChanged } from '../../bus/events.js';
import { withWriteTransaction, type DatabaseHandle } from '../../db/index.js';
import type { FeedFormat } from '../../db/types.js';
import { badRequest, conflict } from '../../errors.js';
import { IssueList } from './normalize/issues.js';
import { normalizeMeetingGuide, type SourceDefaults } from './normalize/meeting-guide.js';
import { normalizeBmlt, readServiceBodies } from './normalize/bmlt.js';
import { readFormats } from './normalize/bmlt-formats.js';
import { isValidZone } from './normalize/shared-fields.js';
import { locate, openBmlt, openMeetingGuide, type FeedLocation, type OpenedFeed } from './import/feed-input.js';
import { runImport } from './import/importer.js';
import { emptyCounts, type ImportReport } from './import/report.js';
import { finishImport, insertImport } from './repository/imports.js';
import {
  findSourceByName,
  insertSource,
  recordSourceOutcome,
  updateSourceSettings,
  type NewSource,
  type SourceRow,
} from './repository/sources.js';
import type { NormalizedEntity, NormalizeResult } from './model.js';
import { isBuiltInSource } from './builtin-source.js';

export interface ImportDeps {
  database: DatabaseHandle;
  bus: Bus;
}

export interface SourceSettings {
  format?: FeedFormat;
  url?: string | null;
  timezone?: string | null;
  fellowship?: string | null;
  refreshMinutes?: number | null;
}

export interface ImportRequest extends SourceSettings {
  sourceName: string;
  /** A path, URL or uploaded bytes; defaults to the source's URL. */
  input?: string | FeedLocation;
  dryRun?: boolean;
  trigger: 'cli' | 'api' | 'schedule';
  /** Use the source's ETag / Last-Modified (scheduled refreshes). */
  conditional?: boolean;
  timeoutMs?: number;
  maxBytes?: number;
  onProgress?: (meetings: number, bytes: number) => void;
}

/** Feeds that name no fellowship come from the format's home fellowship. */
const DEFAULT_FELLOWSHIP: Record<FeedFormat, string> = { 'meeting-guide': 'AA', bmlt: 'NA' };

/** Checks settings a person typed, before anything is written. */
export function validateSettings(s: SourceSettings): void {
  if (s.timezone && !isValidZone(s.timezone))
    throw badRequest(`"${s.timezone}" is not an IANA time zone such as America/New_York`, [
      { field: 'timezone', message: 'unknown time zone' },
    ]);
  if (s.url && !/^https?:\/\/[^\s]+$/i.test(s.url))
    throw badRequest('the source URL must be an http(s) URL', [{ field: 'url', message: 'not an http(s) URL' }]);
  if (s.refreshMinutes !== undefined && s.refreshMinutes !== null && (s.refreshMinutes < 5 || s.refreshMinutes > 10_080)) {
    throw badRequest('the refresh interval must be between 5 minutes and 7 days', [
      { field: 'refresh_minutes', message: 'out of range' },
    ]);
  }
}

/** Kinship's own meetings (online groups) are written by Kinship alone: no feed may be imported into them. */
export function refuseBuiltIn(name: string): void {
  if (isBuiltInSource(name))
    throw conflict(`"${name}" holds Kinship's own meetings; no feed can be imported into it, and it cannot be changed here`);
}

/** Finds a source by name, creating it (format required) or updating the settings given. */
export async function ensureSource(
  database: DatabaseHandle,
  name: string,
  s: SourceSettings,
  now = new Date(),
): Promise<SourceRow> {
  validateSettings(s);
  refuseBuiltIn(name);
  return withWriteTransaction(database, async (tx) => {
    const existing = await findSourceByName(tx, name);
    const at = now.toISOString();
    if (!existing) {
      if (!s.format)
        throw badRequest(`there is no source named "${name}"; give its format to create it`, [
          { field: 'format', message: 'required for a new source' },
        ]);
      const fresh: NewSource = {
        name,
        format: s.format,
        url: s.url ?? null,
        timezone: s.timezone ?? null,
        fellowship: s.fellowship ?? DEFAULT_FELLOWSHIP[s.format],
        refresh_minutes: s.refreshMinutes ?? null,
      };
      return insertSource(tx, fresh, at);
    }
    if (s.format && s.format !== existing.format)
      throw conflict(`source "${name}" is a ${existing.format} source, not ${s.format}`);
    const changes: Partial<NewSource> = {};
    if (s.url !== undefined && s.url !== existing.url) changes.url = s.url;
    if (s.timezone !== undefined && s.timezone !== existing.timezone) changes.timezone = s.timezone;
    if (s.fellowship !== undefined && s.fellowship !== existing.fellowship) changes.fellowship = s.fellowship;
    if (s.refreshMinutes !== undefined && s.refreshMinutes !== existing.refresh_minutes)
      changes.refresh_minutes = s.refreshMinutes;
    if (Object.keys(changes).length === 0) return existing;
    await updateSourceSettings(tx, existing.id, changes, at);
    return { ...existing, ...changes };
  });
}

/**
 * Imports one feed into a source: the whole pipeline behind `kinship import`,
 * the admin API and the scheduler. It never throws for a bad feed: the report
 * says what happened, and a failed import changes nothing.
 * @throws AppError for a bad request (unknown source without format, bad settings).
 */
export async function importFeed(deps: ImportDeps, req: ImportRequest): Promise<ImportReport> {
  const source = await ensureSource(deps.database, req.sourceName, req);
  const inputGiven = req.input ?? source.url;
  if (!inputGiven)
    throw badRequest(`source "${source.name}" has no URL; give a file or URL to import`, [
      { field: 'input', message: 'required' },
    ]);
  const location = typeof inputGiven === 'string' ? locate(inputGiven) : inputGiven;
  const startedAt = new Date();
  const importId = await withWriteTransaction(deps.database, (tx) =>
    insertImport(tx, {
      source_id: source.id,
      trigger: req.trigger,
      dry_run: req.dryRun ?? false,
      started_at: startedAt.toISOString(),
    }),
  );

  let bytes = 0;
  let opened: OpenedFeed | undefined;
  let openError: string | null = null;
  const limits = {
    timeoutMs: req.timeoutMs,
    maxBytes: req.maxBytes,
    ...(req.conditional ? { etag: source.etag, lastModified: source.last_modified } : {}),
  };
  try {
    opened =
      source.format === 'bmlt'
        ? await openBmlt(location, limits, (n) => (bytes = n))
        : await openMeetingGuide(location, limits, (n) => (bytes = n), fingerprintSalt(source));
  } catch (err) {
    openError = err instanceof Error ? err.message : String(err);
  }

  let report: ImportReport;
  let affected: number[] = [];
  if (!opened || opened.status === 'not_modified') {
    report = bareReport(source, importId, req.dryRun ?? false, startedAt, opened ? 'not_modified' : 'failed', openError);
  } else {
    const outcome = await runImport({
      database: deps.database,
      source,
      importId,
      dryRun: req.dryRun ?? false,
      elements: opened.elements,
      ...normalizerFor(source, opened),
      onProgress: (n) => req.onProgress?.(n, bytes),
    });
    report = outcome.report;
    affected = outcome.affectedIds;
  }
  await recordOutcome(deps, source, report, opened);
  if (report.status === 'succeeded' && !report.dry_run && affected.length > 0) {
    const event: MeetingsChanged = {
      source_id: source.id,
      import_id: importId,
      added: report.counts.added,
      changed: report.counts.changed,
      removed: report.counts.removed,
      meeting_ids: affected.length <= 10_000 ? affected : null,
    };
    await deps.bus.publish(EVENTS.meetingsChanged, event);
  }
  return report;
}

/** Bump when normalisation changes, so stored fingerprints stop matching and every meeting is normalised again. */
const NORMALIZER_VERSION = 1;

/** What besides its bytes decides how an element normalises: the normaliser and the source's defaults. */
function fingerprintSalt(source: SourceRow): string {
  return `${NORMALIZER_VERSION}|${source.timezone ?? ''}|${source.fellowship ?? ''}|`;
}

function normalizerFor(
  source: SourceRow,
  opened: Extract<OpenedFeed, { status: 'ok' }>,
): {
  normalize: (raw: unknown) => NormalizeResult;
  entities?: NormalizedEntity[];
  customTypeNames?: Map<string, { name: string | null; description: string | null }>;
} {
  const defaults: SourceDefaults = { timezone: source.timezone, fellowship: source.fellowship };
  if (source.format === 'meeting-guide') return { normalize: (raw) => normalizeMeetingGuide(raw, defaults) };
  const issues = new IssueList();
  const formats = readFormats(opened.formats, issues);
  const serviceBodies = readServiceBodies(opened.serviceBodies, issues);
  const ctx = { formats, serviceBodies, defaults };
  const customTypeNames = new Map([...formats.values()].map((f) => [f.key, { name: f.name, description: f.description }]));
  return { normalize: (raw) => normalizeBmlt(raw, ctx), entities: [...serviceBodies.values()], customTypeNames };
}

function bareReport(
  source: SourceRow,
  importId: number,
  dryRun: boolean,
  started: Date,
  status: 'failed' | 'not_modified',
  error: string | null,
): ImportReport {
  const finished = new Date();
  return {
    import_id: importId,
    source: { id: source.id, name: source.name },
    format: source.format,
    dry_run: dryRun,
    status,
    error,
    started_at: started.toISOString(),
    finished_at: finished.toISOString(),
    duration_ms: finished.getTime() - started.getTime(),
    counts: emptyCounts(),
    rejected: [],
    warnings: [],
    unknown_types: {},
    truncated: false,
  };
}

async function recordOutcome(
  deps: ImportDeps,
  source: SourceRow,
  report: ImportReport,
  opened: OpenedFeed | undefined,
): Promise<void> {
  const ok = report.status !== 'failed';
  const failures = ok ? 0 : source.failures + 1;
  await withWriteTransaction(deps.database, async (tx) => {
    await finishImport(tx, report.import_id!, {
      status: report.status,
      finished_at: report.finished_at,
      ...report.counts,
      error: report.error,
      report: JSON.stringify(report),
    });
    if (report.dry_run) return;
    const fresh = opened?.status === 'ok' && report.status === 'succeeded';
    await recordSourceOutcome(
      tx,
      source.id,
      {
        status: report.status,
        error: report.error,
        importId: report.import_id,
        ...(fresh ? { etag: opened.etag, lastModified: opened.lastModified } : {}),
        fetchedAt: report.finished_at,
        nextRefreshAt: nextRefresh(source, failures, new Date(report.finished_at)),
        failures,
      },
      report.finished_at,
    );
  });
}

/**
 * When to refresh a URL source next: its interval after a success; after
 * failures, exponential back-off (interval × 2^failures, at most a day) so a
 * broken feed is not hammered.
 */
export function nextRefresh(source: Pick<SourceRow, 'url' | 'refresh_minutes'>, failures: number, from: Date): string | null {
  if (!source.url || !source.refresh_minutes) return null;
  const minutes = Math.min(source.refresh_minutes * 2 ** Math.min(failures, 10), 24 * 60);
  return new Date(from.getTime() + minutes * 60_000).toISOString();
}
