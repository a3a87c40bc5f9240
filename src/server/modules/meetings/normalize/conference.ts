import { LIMITS } from './text.js';

/**
 * Known video-conference providers by host name (suffix match). A link from
 * one of these launches a meeting; DOMAIN.md: a meeting counts as online only
 * with a usable link from a known provider, or a dial-in number.
 */
const PROVIDERS: [suffix: string, provider: string][] = [
  ['zoom.us', 'zoom'],
  ['zoom.com', 'zoom'],
  ['zoomgov.com', 'zoom'],
  ['meet.google.com', 'google_meet'],
  ['hangouts.google.com', 'google_meet'],
  ['teams.microsoft.com', 'teams'],
  ['teams.live.com', 'teams'],
  ['meet.jit.si', 'jitsi'],
  ['8x8.vc', 'jitsi'],
  ['webex.com', 'webex'],
  ['gotomeeting.com', 'gotomeeting'],
  ['gotomeet.me', 'gotomeeting'],
  ['meet.goto.com', 'gotomeeting'],
  ['discord.gg', 'discord'],
  ['discord.com', 'discord'],
  ['signal.group', 'signal'],
  ['signal.me', 'signal'],
  ['join.skype.com', 'skype'],
  ['skype.com', 'skype'],
  ['freeconference.com', 'freeconference'],
  ['freeconferencecall.com', 'freeconference'],
  ['whereby.com', 'whereby'],
  ['bluejeans.com', 'bluejeans'],
  ['ringcentral.com', 'ringcentral'],
  ['meet.starleaf.com', 'starleaf'],
  ['chime.aws', 'chime'],
  ['facetime.apple.com', 'facetime'],
  ['whatsapp.com', 'whatsapp'],
];

export function conferenceProvider(hostname: string): string | null {
  const host = hostname.toLowerCase();
  for (const [suffix, provider] of PROVIDERS) {
    if (host === suffix || host.endsWith(`.${suffix}`)) return provider;
  }
  return null;
}

export type UrlCheck = { ok: true; url: string } | { ok: false; reason: string };

/** Accepts absolute http(s) URLs only; javascript:, data: and the like never reach a page. */
export function checkHttpUrl(raw: string): UrlCheck {
  const s = raw.trim();
  if (s.length > LIMITS.url) return { ok: false, reason: `is longer than ${LIMITS.url} characters` };
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return { ok: false, reason: 'is not a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, reason: `uses ${url.protocol} (only http and https are allowed)` };
  if (!url.hostname.includes('.') && url.hostname !== 'localhost') return { ok: false, reason: 'has no valid host name' };
  return { ok: true, url: url.href };
}

/**
 * Tidies a dial-in number for one-tap dialling: keeps digits, a leading +,
 * and the pause/tone characters `,` `;` `#` `*` (spec: conference_phone);
 * drops spaces, dashes, dots and brackets. Feeds sometimes append a second
 * number or a text passcode; then the dialable part before it is kept and
 * `trimmed` is set, so the importer can say so.
 * @returns undefined when no dialable number starts the value.
 */
export function normalizePhone(raw: string): { phone: string; trimmed: boolean } | undefined {
  const s = raw.trim();
  if (s.length > LIMITS.phone) return undefined;
  const cleaned = s
    .replace(/[\s\-.()/]/g, '')
    .replace(/(?<=\d)[wW]/g, ';')
    .replace(/(?<=\d)[pP]/g, ',');
  if (/^\+?[0-9,;#*]+$/.test(cleaned)) return { phone: cleaned, trimmed: false };
  const prefix = /^\+?[0-9][0-9,;#*]*/.exec(cleaned)?.[0];
  if (!prefix) return undefined;
  // Cut at a second "+": that starts another number, not a tone sequence.
  const phone = prefix.replace(/[,;]+$/, '');
  return phone.replace(/\D/g, '').length >= 3 ? { phone, trimmed: true } : undefined;
}

/** Digits of the number itself, before the first pause: 10 or more make it dialable from anywhere. */
export function dialableDigits(phone: string): number {
  const head = phone.split(/[,;#*]/)[0] ?? '';
  return head.replace(/\D/g, '').length;
}
