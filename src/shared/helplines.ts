/**
 * Crisis and help lines shown on "Get help now". Each entry names where it came
 * from and when it was last checked against that source, so a reader can judge
 * how fresh it is and an operator knows what to re-check.
 * Entries were taken from the project's domain notes (shared/DOMAIN.md) on the
 * date given; re-verify against `source` before each release.
 */
export interface Helpline {
  id: string;
  /** ISO 3166-1 alpha-2, or 'EMERGENCY' for emergency numbers. */
  country: 'US' | 'GB' | 'IE' | 'AU' | 'EMERGENCY';
  /** Proper name of the service; not translated. */
  name: string;
  /** i18n key for a one-line description. */
  descriptionKey: string;
  /** Dialable number (tel: URI body), if the line takes calls. */
  phone?: string;
  /** How the number is written for people. */
  phoneDisplay?: string;
  /** SMS: number and i18n key of the instruction ("Text HOME to ..."). */
  text?: { number: string; bodyKey: string };
  source: string;
  lastVerified: string;
}

export const HELPLINES: readonly Helpline[] = [
  {
    id: 'us-988',
    country: 'US',
    name: '988 Suicide & Crisis Lifeline',
    descriptionKey: 'helplines.us988',
    phone: '988',
    phoneDisplay: '988',
    text: { number: '988', bodyKey: 'helplines.textAny' },
    source: 'https://988lifeline.org/',
    lastVerified: '2026-11-27',
  },
  {
    id: 'us-samhsa',
    country: 'US',
    name: 'SAMHSA National Helpline',
    descriptionKey: 'helplines.samhsa',
    phone: '+18006624357',
    phoneDisplay: '1-800-662-4357',
    source: 'https://www.samhsa.gov/find-help/helplines/national-helpline',
    lastVerified: '2026-11-27',
  },
  {
    id: 'us-ctl',
    country: 'US',
    name: 'Crisis Text Line',
    descriptionKey: 'helplines.crisisTextLine',
    text: { number: '741741', bodyKey: 'helplines.textHome' },
    source: 'https://www.crisistextline.org/',
    lastVerified: '2026-11-27',
  },
  {
    id: 'gb-samaritans',
    country: 'GB',
    name: 'Samaritans',
    descriptionKey: 'helplines.samaritans',
    phone: '116123',
    phoneDisplay: '116 123',
    source: 'https://www.samaritans.org/',
    lastVerified: '2026-11-27',
  },
  {
    id: 'ie-samaritans',
    country: 'IE',
    name: 'Samaritans',
    descriptionKey: 'helplines.samaritans',
    phone: '116123',
    phoneDisplay: '116 123',
    source: 'https://www.samaritans.org/ireland/',
    lastVerified: '2026-11-27',
  },
  {
    id: 'gb-frank',
    country: 'GB',
    name: 'FRANK',
    descriptionKey: 'helplines.frank',
    phone: '+443001236600',
    phoneDisplay: '0300 123 6600',
    source: 'https://www.talktofrank.com/',
    lastVerified: '2026-11-27',
  },
  {
    id: 'au-lifeline',
    country: 'AU',
    name: 'Lifeline',
    descriptionKey: 'helplines.lifeline',
    phone: '131114',
    phoneDisplay: '13 11 14',
    source: 'https://www.lifeline.org.au/',
    lastVerified: '2026-11-27',
  },
  {
    id: 'em-us',
    country: 'EMERGENCY',
    name: '911',
    descriptionKey: 'helplines.emergencyUS',
    phone: '911',
    phoneDisplay: '911',
    source: 'https://www.911.gov/',
    lastVerified: '2026-11-27',
  },
  {
    id: 'em-uk',
    country: 'EMERGENCY',
    name: '999',
    descriptionKey: 'helplines.emergencyUK',
    phone: '999',
    phoneDisplay: '999',
    source: 'https://www.gov.uk/',
    lastVerified: '2026-11-27',
  },
  {
    id: 'em-eu',
    country: 'EMERGENCY',
    name: '112',
    descriptionKey: 'helplines.emergencyEU',
    phone: '112',
    phoneDisplay: '112',
    source: 'https://digital-strategy.ec.europa.eu/en/policies/112',
    lastVerified: '2026-11-27',
  },
  {
    id: 'em-au',
    country: 'EMERGENCY',
    name: '000',
    descriptionKey: 'helplines.emergencyAU',
    phone: '000',
    phoneDisplay: '000',
    source: 'https://www.triplezero.gov.au/',
    lastVerified: '2026-11-27',
  },
];

/** Countries with their own lines, in the order the help page lists them. */
export const HELPLINE_COUNTRIES = ['US', 'GB', 'IE', 'AU'] as const;

export type HelplineCountry = (typeof HELPLINE_COUNTRIES)[number];

/** The emergency number of each country with its own lines (Ireland answers both 112 and 999). */
export const EMERGENCY_OF: Record<HelplineCountry, string> = { US: 'em-us', GB: 'em-uk', IE: 'em-eu', AU: 'em-au' };

/**
 * The country whose lines to show first, from a language tag's region ("en-GB" → GB); null when it names none of
 * ours. A guess the person can change: the help page remembers their choice instead.
 */
export function helplineCountryOf(languageTag: string): HelplineCountry | null {
  const region = languageTag.split('-')[1]?.toUpperCase();
  return (HELPLINE_COUNTRIES as readonly string[]).includes(region ?? '') ? (region as HelplineCountry) : null;
}
