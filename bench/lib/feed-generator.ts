/**
 * Synthetic Meeting Guide feeds shaped like the real ones in test/fixtures/meeting-guide (aasepia.json): the same
 * fields, the same mix of empty strings and missing keys, meetings sharing a building, zoom links on about a quarter,
 * a little HTML, non-ASCII and unknown type codes. Seeded, so every run imports the same bytes.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pickCity, type City } from './cities.js';
import { intBetween, mixSeed, mulberry32, pick, sample, type Random } from './prng.js';

/** One meeting as a Meeting Guide feed writes it. */
export interface FeedMeeting {
  name: string;
  slug: string;
  notes: string;
  updated: string;
  url: string;
  day: number | number[];
  time: string;
  end_time: string;
  conference_url: string;
  conference_phone: string;
  types: string[];
  location: string;
  formatted_address: string;
  latitude: string;
  longitude: string;
  regions: string[];
  group: string;
  timezone?: string;
  venmo?: string;
  feedback_url?: string;
}

/** The source's default zone in the benchmark; meetings elsewhere carry their own, as the spec allows. */
export const SOURCE_TIMEZONE = 'America/New_York';

const NAMES = [
  'Serenity Seekers',
  'Happy Hour',
  'Keep It Simple',
  'Came to Believe',
  'Step Study',
  'Big Book Study',
  'Nooners',
  'Early Birds',
  "Women's Step Study",
  "Men's Stag",
  'Living Sober',
  'Joy of Living',
  'Language of the Heart',
  'Into Action',
  'The Promises',
  'Sunrise Serenity',
  'Friday Night Live',
  'Grapevine Discussion',
  'As Bill Sees It',
  '12 & 12',
  'Daily Reflections',
  'Back to Basics',
  'Primary Purpose',
  'Design for Living',
  'Freedom Group',
  'Hope Group',
  'New Beginnings',
  'Young People in AA',
  'Fellowship of the Spirit',
  'Road to Recovery',
  'Just for Today',
  'One Day at a Time',
  'Easy Does It',
  'First Things First',
  'Live and Let Live',
  'Attitude Adjustment',
  'Candlelight',
  'Sober Sisters',
  'Rainbow Group',
  'Lunch Bunch',
  'Twelve Steps to Freedom',
  'Spiritual Awakening',
  'Came, Came To, Came to Believe',
  'Sobriety Under the Stars',
  'Beginners Meeting',
  'Tradition Study',
  'Chip Meeting',
  'Speaker Night',
  'Saturday Morning Coffee',
  'Sunday Serenity',
];

/** A few non-ASCII names, so the importer's validating UTF-8 path is exercised as real feeds exercise it. */
const NAMES_NON_ASCII = [
  'Grupo Sobriedad y Esperanza – Español',
  'Café Serenity',
  'Nueva Vida (Español)',
  'Groupe Sérénité',
  'Mañanitas',
];

const BUILDINGS = [
  "St. Mark's Episcopal Church",
  'First Presbyterian Church',
  'Community Center',
  'Alano Club',
  'St. Joseph Parish Hall',
  'Grace Lutheran Church',
  'Unitarian Universalist Church',
  'Public Library',
  'YMCA',
  'Memorial Hospital, Conference Room B',
  'Trinity United Methodist Church',
  'Senior Center',
  'Recovery Clubhouse',
  'Temple Beth El',
  'Friends Meeting House',
  'Christ Church',
  'Fire Hall',
  'American Legion Post',
  'Holy Spirit Church',
  'Salvation Army',
];

const STREETS = [
  'Main St',
  'Oak Ave',
  'Maple Ave',
  'Church St',
  'Park Ave',
  'Washington Blvd',
  'Lincoln Rd',
  'Elm St',
  'High St',
  'Broad St',
  'Market St',
  'Chestnut St',
  'Pine St',
  'Cedar Ln',
  'Jefferson Ave',
  'Franklin St',
  'Lake Dr',
  'Hillside Ave',
  'River Rd',
  'Center St',
  'W MacDade Blvd',
  'E Mill Rd',
  'N Main St',
  'S 4th St',
];

const NOTES = [
  'Enter through the side door.',
  'Wheelchair accessible. Parking in the rear lot.',
  'Meets in the basement; follow the signs.',
  'Last meeting of the month is a speaker meeting.',
  'Childcare available on request.',
  'Opposite the shopping center.',
  'Password: serenity',
  'Please bring your own coffee mug.',
  'Literature available. Newcomers welcome!',
  'Room 204, second floor; elevator at the back.',
  'Birthday celebration the last Friday of the month.',
  'Park on the street after 6 pm.',
];

const NOTES_HTML = [
  '<p>Enter through the <strong>side door</strong>.</p>',
  'Meets in the hall<br>Parking &amp; entrance at the back',
  '<p>Zoom password: 1234</p><p>Phone only attendees welcome</p>',
];

const GROUP_WORDS = [
  'Serenity',
  'Unity',
  'Freedom',
  'Hope',
  'Courage',
  'Gratitude',
  'Acceptance',
  'Service',
  'Faith',
  'Recovery',
];

/** Spec codes a benchmark meeting gets, and a few unknown ones (the typo ASBI is real: aasepia sends it). */
const OPEN_CLOSED = ['O', 'C'];
const OTHER_TYPES = ['D', 'B', 'SP', 'ST', 'BE', 'W', 'M', 'X', 'LGBTQ', 'S', 'LIT', 'T', 'H', 'MED'];
const UNKNOWN_TYPES = ['ASBI', 'GRAT', 'CHIP', 'TRAD'];

/** Start times, repeated to weight them the way directories are: evenings and mornings busiest. */
// prettier-ignore
const TIMES = [
  '06:00', '06:30', '07:00', '07:00', '07:30', '08:00', '09:00', '10:00', '10:30', '12:00', '12:00', '12:00', '12:15',
  '17:30', '18:00', '18:00', '18:30', '19:00', '19:00', '19:00', '19:30', '19:30', '20:00', '20:00', '20:00', '20:30', '21:00',
];

const LENGTHS = [60, 60, 60, 60, 60, 90, 90, 45];

interface Place {
  city: City;
  name: string;
  formatted: string;
  lat: string;
  lng: string;
  group: string;
}

/** Approximately normal (sum of three uniforms), for a spread around a city centre. */
const spread = (rng: Random) => rng() + rng() + rng() - 1.5;

/** A building, rebuilt from its index alone: the same index always gives the same place. */
function placeFor(seed: number, index: number): Place {
  const rng = mulberry32(mixSeed(seed, index));
  const city = pickCity(rng);
  const street = `${intBetween(rng, 1, 9999)} ${pick(rng, STREETS)}`;
  const zip = String(intBetween(rng, 10000, 99999));
  // About 0.03° (3 km) standard deviation around the centre; 7 decimals as Google geocodes.
  const lat = (city.lat + spread(rng) * 0.06).toFixed(7);
  const lng = (city.lng + spread(rng) * 0.08).toFixed(7);
  const district = intBetween(rng, 1, 80);
  const group =
    rng() < 0.45
      ? `${pick(rng, GROUP_WORDS)} ${pick(rng, GROUP_WORDS)} Group D${district} / GSO #${intBetween(rng, 100000, 999999)}`
      : '';
  return {
    city,
    name: rng() < 0.3 ? `${pick(rng, BUILDINGS)} (D${district})` : pick(rng, BUILDINGS),
    formatted: `${street}, ${city.name}, ${city.state} ${zip}, USA`,
    lat,
    lng,
    group,
  };
}

function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}

const pad = (n: number) => String(n).padStart(2, '0');

function addMinutes(time: string, minutes: number): string {
  const total = (Number(time.slice(0, 2)) * 60 + Number(time.slice(3)) + minutes) % 1440;
  return `${pad(Math.floor(total / 60))}:${pad(total % 60)}`;
}

function updatedAt(rng: Random): string {
  // 2018-01-01 to 2024-12-31, "YYYY-MM-DD HH:MM:SS" in UTC as the spec and aasepia write it.
  const d = new Date(Date.UTC(2018, 0, 1) + Math.floor(rng() * 7 * 365 * 86400) * 1000);
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

const digits = (rng: Random, n: number) => Array.from({ length: n }, () => Math.floor(rng() * 10)).join('');

const PWD_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The meetings of a feed of `count` meetings, in feed order. About three meetings share each building. */
export function* generateMeetings(count: number, seed: number): Generator<FeedMeeting> {
  const rng = mulberry32(seed);
  const places = Math.max(1, Math.round(count / 3));
  for (let i = 0; i < count; i++) {
    const name = rng() < 0.03 ? pick(rng, NAMES_NON_ASCII) : pick(rng, NAMES);
    const conference = rng() < 0.25;
    // A third of the meetings with a link meet only online, listed at the city rather than a building.
    const onlineOnly = conference && rng() < 0.35;
    const place = placeFor(seed, Math.floor(rng() * places));
    const city = place.city;

    const days = rng() < 0.06 ? sample(rng, [0, 1, 2, 3, 4, 5, 6], intBetween(rng, 2, 5)) : intBetween(rng, 0, 6);
    const time = pick(rng, TIMES);
    const types = [pick(rng, OPEN_CLOSED), ...sample(rng, OTHER_TYPES, intBetween(rng, 1, 4))];
    if (rng() < 0.015) types.push(pick(rng, UNKNOWN_TYPES));
    if (onlineOnly && rng() < 0.5) types.push('ONL');

    let notes = '';
    const n = rng();
    if (n < 0.05) notes = pick(rng, NOTES_HTML);
    else if (n < 0.45) notes = rng() < 0.3 ? `${pick(rng, NOTES)} ${pick(rng, NOTES)}` : pick(rng, NOTES);

    const meetingId = digits(rng, 11);
    let pwd = '';
    for (let k = 0; k < 32; k++) pwd += PWD_CHARS[Math.floor(rng() * PWD_CHARS.length)];
    const slug = `${slugify(name)}-${i.toString(36)}`;
    const m: FeedMeeting = {
      name,
      slug,
      notes,
      updated: updatedAt(rng),
      url: `https://intergroup.example.org/meetings/?meeting=${slug}`,
      day: days,
      time,
      end_time: addMinutes(time, pick(rng, LENGTHS)),
      conference_url: conference ? `https://us02web.zoom.us/j/${meetingId}${rng() < 0.8 ? `?pwd=${pwd}` : ''}` : '',
      conference_phone: conference ? `+1${intBetween(rng, 201, 989)}${digits(rng, 7)},,${meetingId}#` : '',
      types,
      location: onlineOnly ? 'Online' : place.name,
      formatted_address: onlineOnly ? `${city.name}, ${city.state}, USA` : place.formatted,
      latitude: onlineOnly ? city.lat.toFixed(7) : place.lat,
      longitude: onlineOnly ? city.lng.toFixed(7) : place.lng,
      regions: [city.county, city.name],
      group: onlineOnly ? '' : place.group,
    };
    if (city.zone !== SOURCE_TIMEZONE) m.timezone = city.zone;
    if (rng() < 0.12) m.venmo = `@${slugify(place.group || name).slice(0, 40)}-${intBetween(rng, 1, 999)}`;
    if (rng() < 0.5) m.feedback_url = 'https://intergroup.example.org/meeting-status/';
    yield m;
  }
}

/**
 * Writes a feed as minified JSON (as TSML's WordPress endpoint serves it), about a megabyte at a time through a
 * pipeline that honours back-pressure, so a 250,000-meeting feed never exists as one string.
 * @returns the file's size in bytes.
 */
export async function writeFeed(path: string, count: number, seed: number, signal?: AbortSignal): Promise<number> {
  let bytes = 0;
  function* chunks(): Generator<string> {
    let buffer = '[';
    let first = true;
    for (const m of generateMeetings(count, seed)) {
      buffer += (first ? '' : ',') + JSON.stringify(m);
      first = false;
      if (buffer.length >= 1 << 20) {
        bytes += Buffer.byteLength(buffer);
        yield buffer;
        buffer = '';
      }
    }
    buffer += ']\n';
    bytes += Buffer.byteLength(buffer);
    yield buffer;
  }
  await pipeline(Readable.from(chunks()), createWriteStream(path), { signal });
  return bytes;
}
