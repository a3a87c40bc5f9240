const NAMES: Record<string, number> = {
  sunday: 0,
  sun: 0,
  su: 0,
  domingo: 0,
  dimanche: 0,
  monday: 1,
  mon: 1,
  mo: 1,
  lunes: 1,
  lundi: 1,
  tuesday: 2,
  tue: 2,
  tues: 2,
  tu: 2,
  martes: 2,
  mardi: 2,
  wednesday: 3,
  wed: 3,
  we: 3,
  miercoles: 3,
  miércoles: 3,
  mercredi: 3,
  thursday: 4,
  thu: 4,
  thur: 4,
  thurs: 4,
  th: 4,
  jueves: 4,
  jeudi: 4,
  friday: 5,
  fri: 5,
  fr: 5,
  viernes: 5,
  vendredi: 5,
  saturday: 6,
  sat: 6,
  sa: 6,
  sabado: 6,
  sábado: 6,
  samedi: 6,
};

function oneDay(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isInteger(raw) && raw >= 0 && raw <= 6 ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim().toLowerCase();
  if (/^[0-6]$/.test(s)) return Number(s);
  return NAMES[s];
}

/**
 * The spec's `day`: an integer 0–6 (0 = Sunday) or an array of them; feeds
 * also send numeric strings and day names. An array means the same meeting on
 * several days.
 * @returns sorted unique days; [] when absent; undefined when not a day.
 */
export function parseDays(raw: unknown): number[] | undefined {
  if (raw === undefined || raw === null || raw === '') return [];
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' && raw.includes(',') ? raw.split(',') : [raw];
  if (list.length > 7) return undefined;
  const days = new Set<number>();
  for (const item of list) {
    const d = oneDay(item);
    if (d === undefined) return undefined;
    days.add(d);
  }
  return [...days].sort((a, b) => a - b);
}
