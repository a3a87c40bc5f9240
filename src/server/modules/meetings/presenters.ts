import type { Source } from '../../../shared/schemas/meetings.js';
import type { ImportRow } from './repository/imports.js';
import type { SourceRow } from './repository/sources.js';

export function presentSource(row: SourceRow, liveMeetings: number): Source {
  return {
    id: row.id,
    name: row.name,
    format: row.format,
    url: row.url ? redactCredentials(row.url) : null,
    timezone: row.timezone,
    fellowship: row.fellowship,
    refresh_minutes: row.refresh_minutes,
    last_status: row.last_status,
    last_error: row.last_error,
    last_import_id: row.last_import_id,
    last_fetched_at: row.last_fetched_at,
    next_refresh_at: row.next_refresh_at,
    failures: row.failures,
    live_meetings: liveMeetings,
  };
}

export function presentImportSummary(row: Omit<ImportRow, 'report'>) {
  return {
    id: row.id,
    trigger: row.trigger,
    dry_run: row.dry_run === 1,
    status: row.status,
    started_at: row.started_at,
    finished_at: row.finished_at,
    counts: {
      total: row.total,
      added: row.added,
      changed: row.changed,
      removed: row.removed,
      unchanged: row.unchanged,
      rejected: row.rejected,
      warnings: row.warnings,
    },
    error: row.error,
  };
}

/** Feed URLs may embed credentials; they are never shown back. */
export function redactCredentials(url: string): string {
  return url.replace(/^(https?:\/\/)[^/@\s]*@/i, '$1');
}
