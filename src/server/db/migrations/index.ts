import type { Migration } from 'kysely';
import * as appMeta from './0001-app-meta.js';
import * as directory from './0002-directory.js';
import * as correctionRequests from './0003-correction-requests.js';
import * as accounts from './0004-accounts.js';
import * as passkeysEmailReset from './0005-passkeys-email-reset.js';
import * as onlineGroups from './0006-online-groups.js';

/**
 * Every migration, in order. Listed statically (not read from a folder) so the
 * same list works from TypeScript sources, compiled output and bundles.
 * Names sort in application order; never rename or edit one that has shipped.
 */
export const migrations: Record<string, Migration> = {
  '0001-app-meta': appMeta,
  '0002-directory': directory,
  '0003-correction-requests': correctionRequests,
  '0004-accounts': accounts,
  '0005-passkeys-email-reset': passkeysEmailReset,
  '0006-online-groups': onlineGroups,
};
