import { packageVersion } from '../../../paths.js';
import { latestMigrationName } from '../../../db/migrate.js';
import { MEETING_FIELDS, MEETING_FIELD_NAMES } from './meeting-fields.js';
import type { LocationStats } from './repository.js';

/**
 * The BMLT version Kinship answers as. It names the read API whose shapes are
 * served (3.x: venue_type, time_zone, virtual meeting fields), not Kinship's
 * own version, which is in `kinship_version`. Clients compare `versionInt`
 * (major × 1,000,000 + minor × 1,000 + patch) to enable features.
 */
export const BMLT_VERSION = '3.0.0';
const BMLT_VERSION_INT = '3000000';

const fixed = (n: number | null, digits: number) => (n === null ? '0' : n.toFixed(digits));

/**
 * A map zoom (web-mercator levels) that shows the whole extent: each level
 * halves the span, 360 degrees at level 0.
 */
function zoomFor(stats: LocationStats): number {
  if (stats.minLat === null || stats.maxLat === null || stats.minLng === null || stats.maxLng === null) return 2;
  const midLat = ((stats.minLat + stats.maxLat) / 2) * (Math.PI / 180);
  const span = Math.max(stats.maxLat - stats.minLat, (stats.maxLng - stats.minLng) * Math.cos(midLat), 0.01);
  return Math.min(14, Math.max(2, Math.floor(Math.log2(360 / span))));
}

/** GetServerInfo: one entry, every value a string, like a BMLT server's. */
export function serverInfo(stats: LocationStats): Record<string, string>[] {
  return [
    {
      version: BMLT_VERSION,
      versionInt: BMLT_VERSION_INT,
      langs: 'en,es',
      nativeLang: 'en',
      centerLongitude: fixed(stats.meanLng, 6),
      centerLatitude: fixed(stats.meanLat, 6),
      centerZoom: String(zoomFor(stats)),
      defaultDuration: '01:00:00',
      regionBias: '',
      charSet: 'UTF-8',
      distanceUnits: 'mi',
      semanticAdmin: '0',
      emailEnabled: '0',
      emailIncludesServiceBodies: '0',
      changesPerMeeting: '0',
      meeting_states_and_provinces: '',
      meeting_counties_and_sub_provinces: '',
      available_keys: MEETING_FIELD_NAMES.join(','),
      google_api_key: '',
      dbVersion: latestMigrationName(),
      dbPrefix: '',
      meeting_time_zones_enabled: '1',
      server_software: 'Kinship',
      kinship_version: packageVersion,
    },
  ];
}

/** GetCoverageArea: the box around every live meeting with coordinates. */
export function coverageArea(stats: LocationStats): Record<string, string>[] {
  return [
    {
      nw_corner_longitude: fixed(stats.minLng, 6),
      nw_corner_latitude: fixed(stats.maxLat, 6),
      se_corner_longitude: fixed(stats.maxLng, 6),
      se_corner_latitude: fixed(stats.minLat, 6),
    },
  ];
}

/** GetFieldKeys: the fields of GetSearchResults with a short description each. */
export function fieldKeys(): { key: string; description: string }[] {
  return MEETING_FIELDS.map(([key, description]) => ({ key, description }));
}
