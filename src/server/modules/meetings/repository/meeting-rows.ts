import type { DbOrTx } from '../../../db/types.js';
import { buildRecord, type MeetingRecord } from '../record.js';

/**
 * The one query that reads meetings with everything they point to
 * (location, group, region path, entity). Exports, change history and the
 * API presenters all start from these rows.
 */
export function meetingRowsQuery(db: DbOrTx) {
  return db
    .selectFrom('meetings as m')
    .innerJoin('sources as s', 's.id', 'm.source_id')
    .leftJoin('locations as l', 'l.id', 'm.location_id')
    .leftJoin('groups as g', 'g.id', 'm.group_id')
    .leftJoin('regions as r', 'r.id', 'm.region_id')
    .leftJoin('entities as e', 'e.id', 'm.entity_id')
    .select([
      'm.id',
      'm.source_id',
      's.name as source_name',
      's.publish_contacts',
      'm.slug',
      'm.name',
      'm.fellowship',
      'm.days',
      'm.time',
      'm.end_time',
      'm.timezone',
      'm.types',
      'm.custom_types',
      'm.notes',
      'm.conference_url',
      'm.conference_url_notes',
      'm.conference_provider',
      'm.conference_phone',
      'm.conference_phone_notes',
      'm.url',
      'm.edit_url',
      'm.feedback_url',
      'm.feedback_emails',
      'm.venmo',
      'm.square',
      'm.paypal',
      'm.homegroup_online',
      'm.contacts',
      'm.attendance',
      'm.entity_id',
      'm.source_updated',
      'm.content_hash',
      'm.created_at',
      'm.updated_at',
      'm.deleted_at',
      'l.id as location_id',
      'l.name as location_name',
      'l.notes as location_notes',
      'l.formatted_address',
      'l.address',
      'l.city',
      'l.state',
      'l.postal_code',
      'l.country',
      'l.latitude',
      'l.longitude',
      'l.approximate',
      'g.name as group_name',
      'g.notes as group_notes',
      'r.path as region_path',
      'e.external_id as entity_external_id',
      'e.name as entity_name',
      'e.email as entity_email',
      'e.phone as entity_phone',
      'e.location as entity_location',
      'e.url as entity_url',
      'e.logo as entity_logo',
    ]);
}

export type MeetingRow = Awaited<ReturnType<ReturnType<typeof meetingRowsQuery>['execute']>>[number];

/**
 * The columns of meetingRowsQuery that the search index reads (22 of 56), with the same names. Reading rows
 * costs better-sqlite3 about 200 ns per value, so at boot (250,000 meetings) the full rows took 4 s and these 2.
 */
export function meetingIndexRowsQuery(db: DbOrTx) {
  return db
    .selectFrom('meetings as m')
    .leftJoin('locations as l', 'l.id', 'm.location_id')
    .leftJoin('groups as g', 'g.id', 'm.group_id')
    .leftJoin('regions as r', 'r.id', 'm.region_id')
    .select([
      'm.id',
      'm.source_id',
      'm.slug',
      'm.name',
      'm.fellowship',
      'm.days',
      'm.time',
      'm.end_time',
      'm.timezone',
      'm.types',
      'm.notes',
      'm.attendance',
      'm.conference_provider',
      'm.conference_phone',
      'l.name as location_name',
      'l.formatted_address',
      'l.city',
      'l.latitude',
      'l.longitude',
      'l.approximate',
      'g.name as group_name',
      'r.path as region_path',
    ]);
}

export type MeetingIndexRow = Awaited<ReturnType<ReturnType<typeof meetingIndexRowsQuery>['execute']>>[number];

const parseList = <T>(json: string | null): T[] => (json ? (JSON.parse(json) as T[]) : []);

export const REGION_SEPARATOR = ' > ';

/** Rebuilds the flat record from stored rows; must mirror `recordOf` exactly. */
export function rowToRecord(row: MeetingRow): MeetingRecord {
  return buildRecord({
    meeting: {
      slug: row.slug,
      name: row.name,
      days: row.days === '' ? [] : row.days.split(',').map(Number),
      time: row.time,
      end_time: row.end_time,
      timezone: row.timezone,
      fellowship: row.fellowship,
      types: parseList<string>(row.types),
      custom_types: parseList<string>(row.custom_types),
      notes: row.notes,
      conference_url: row.conference_url,
      conference_url_notes: row.conference_url_notes,
      conference_provider: row.conference_provider,
      conference_phone: row.conference_phone,
      conference_phone_notes: row.conference_phone_notes,
      url: row.url,
      edit_url: row.edit_url,
      feedback_url: row.feedback_url,
      feedback_emails: parseList<string>(row.feedback_emails),
      venmo: row.venmo,
      square: row.square,
      paypal: row.paypal,
      homegroup_online: row.homegroup_online,
      contacts: parseList(row.contacts),
      attendance: row.attendance,
      updated: row.source_updated,
    },
    location:
      row.location_id === null
        ? null
        : {
            name: row.location_name,
            notes: row.location_notes,
            formatted_address: row.formatted_address,
            address: row.address,
            city: row.city,
            state: row.state,
            postal_code: row.postal_code,
            country: row.country,
            latitude: row.latitude === null ? null : Number(row.latitude),
            longitude: row.longitude === null ? null : Number(row.longitude),
            approximate: row.approximate === 1,
          },
    group: row.group_name === null ? null : { name: row.group_name, notes: row.group_notes },
    entity:
      row.entity_external_id === null || row.entity_name === null
        ? null
        : {
            external_id: row.entity_external_id,
            name: row.entity_name,
            email: row.entity_email,
            phone: row.entity_phone,
            location: row.entity_location,
            url: row.entity_url,
            logo: row.entity_logo,
          },
    regions: row.region_path === null ? [] : row.region_path.split(REGION_SEPARATOR),
  });
}

/** Current records of the given meetings, by id. */
export async function loadRecords(db: DbOrTx, ids: number[]): Promise<Map<number, MeetingRecord>> {
  const out = new Map<number, MeetingRecord>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await meetingRowsQuery(db)
      .where('m.id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const row of rows) out.set(row.id, rowToRecord(row));
  }
  return out;
}
