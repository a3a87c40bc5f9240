import type { Meta, Readiness } from '../../../shared/schemas/system.js';
import type { InstallationFacts, ReadinessReport } from './service.js';

const state = (ok: boolean): 'ok' | 'failing' => (ok ? 'ok' : 'failing');

export function presentReadiness(r: ReadinessReport): Readiness {
  const ready = r.database && r.migrations && r.bus;
  return {
    status: ready ? 'ready' : 'not_ready',
    checks: { database: state(r.database), migrations: state(r.migrations), bus: state(r.bus) },
    ...(r.pending.length > 0 ? { pending_migrations: r.pending } : {}),
  };
}

export function presentMeta(f: InstallationFacts): Meta {
  return {
    name: 'Kinship',
    version: f.version,
    schema_version: f.schemaVersion ?? null,
    map: { tile_url: f.tileUrl ?? null, attribution: f.attribution ?? null },
    accounts: { email_reset: f.emailReset },
  };
}
