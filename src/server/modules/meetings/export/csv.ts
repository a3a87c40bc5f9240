import type { MeetingRow } from '../repository/meeting-rows.js';
import { toMeetingGuide } from './meeting-guide-json.js';

/** Columns of the CSV export: the spec's field names, in the order a printed list reads. */
export const CSV_COLUMNS = [
  'slug',
  'name',
  'fellowship',
  'day',
  'time',
  'end_time',
  'timezone',
  'types',
  'attendance_option',
  'location',
  'formatted_address',
  'address',
  'city',
  'state',
  'postal_code',
  'country',
  'latitude',
  'longitude',
  'approximate',
  'regions',
  'group',
  'notes',
  'location_notes',
  'conference_url',
  'conference_url_notes',
  'conference_phone',
  'conference_phone_notes',
  'url',
  'updated',
] as const;

/**
 * RFC 4180 field: quoted when it holds a comma, quote or line break. A leading
 * =, +, - or @ is prefixed with an apostrophe so a spreadsheet never runs a
 * listing's text as a formula (CSV injection).
 */
export function csvField(value: string | number | boolean | (string | number)[] | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = Array.isArray(value) ? value.join(value.every((v) => typeof v === 'number') ? ',' : '; ') : String(value);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

export function csvRow(row: MeetingRow): string {
  const m = toMeetingGuide(row);
  return `${CSV_COLUMNS.map((c) => csvField(m[c] as Parameters<typeof csvField>[0])).join(',')}\r\n`;
}
