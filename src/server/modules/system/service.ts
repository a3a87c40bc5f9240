import type { AppDeps } from '../../deps.js';
import { pendingMigrations, SCHEMA_VERSION_KEY } from '../../db/migrate.js';
import { getMeta } from './repository.js';
import { packageVersion } from '../../paths.js';

export interface ReadinessReport {
  database: boolean;
  migrations: boolean;
  bus: boolean;
  pending: string[];
}

/** Ready means: the database answers, its schema is current, and the bus can deliver. */
export async function checkReadiness({ database, bus }: AppDeps): Promise<ReadinessReport> {
  const reachable = await database.ping();
  let pending: string[] = [];
  let migrationsOk = false;
  if (reachable) {
    try {
      pending = await pendingMigrations(database.db);
      migrationsOk = pending.length === 0;
    } catch {
      migrationsOk = false;
    }
  }
  return { database: reachable, migrations: migrationsOk, bus: bus.healthy(), pending };
}

export interface InstallationFacts {
  version: string;
  schemaVersion: string | undefined;
  tileUrl: string | undefined;
  attribution: string | undefined;
  emailReset: boolean;
}

export async function installationFacts({ database, config }: AppDeps): Promise<InstallationFacts> {
  return {
    version: packageVersion,
    schemaVersion: await getMeta(database.db, SCHEMA_VERSION_KEY),
    tileUrl: config.map.tileUrl,
    attribution: config.map.attribution,
    emailReset: config.mail.smtpUrl !== undefined,
  };
}
