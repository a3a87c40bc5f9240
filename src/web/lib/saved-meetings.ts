import { useCallback, useSyncExternalStore } from 'react';

/**
 * Saved meetings, kept on this device only: no account is needed to keep a list of the meetings one goes to, and
 * nothing about it is sent to the server. Syncing the list to an account comes when accounts exist (issue 6); this
 * module's versioned format is what that sync will read.
 *
 * Each entry carries a small summary (name, schedule, where) so the saved list renders with no request at all:
 * offline, or when a meeting has since left the directory.
 */

/** The localStorage key; the value is `{ "v": 1, "meetings": SavedMeeting[] }`. */
export const SAVED_KEY = 'kinship.saved';
const VERSION = 1;
/** More than anyone goes to; keeps a corrupted or hostile value from growing without bound. */
export const MAX_SAVED = 200;
const MAX_TEXT = 300;

export type SavedAttendance = 'in_person' | 'online' | 'hybrid' | 'inactive';

export interface SavedMeeting {
  id: number;
  name: string;
  fellowship: string | null;
  attendance: SavedAttendance | null;
  /** Weekdays, 0 = Sunday (the Meeting Guide spec's numbering); empty when by appointment. */
  days: number[];
  /** "HH:MM" on the meeting's own clock. */
  time: string | null;
  endTime: string | null;
  timezone: string | null;
  /** The place's name and address in one line, or null for online-only meetings. */
  where: string | null;
  /** ISO-8601, when it was saved; the list shows the newest first. */
  savedAt: string;
}

const ATTENDANCE = new Set<string>(['in_person', 'online', 'hybrid', 'inactive']);
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.slice(0, MAX_TEXT) : null);

/** One stored entry, or null when it is not a meeting we can show (other fields are dropped, not trusted). */
function parseEntry(v: unknown): SavedMeeting | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const name = text(o.name);
  if (typeof o.id !== 'number' || !Number.isSafeInteger(o.id) || o.id < 1 || !name) return null;
  const days = Array.isArray(o.days) ? o.days.filter((d): d is number => Number.isInteger(d) && d >= 0 && d <= 6) : [];
  const hhmm = (t: unknown) => (typeof t === 'string' && HHMM.test(t) ? t : null);
  return {
    id: o.id,
    name,
    fellowship: text(o.fellowship),
    attendance: typeof o.attendance === 'string' && ATTENDANCE.has(o.attendance) ? (o.attendance as SavedAttendance) : null,
    days: [...new Set(days)].sort((a, b) => a - b),
    time: hhmm(o.time),
    endTime: hhmm(o.endTime),
    timezone: text(o.timezone),
    where: text(o.where),
    savedAt: typeof o.savedAt === 'string' && !Number.isNaN(Date.parse(o.savedAt)) ? o.savedAt : new Date(0).toISOString(),
  };
}

/**
 * The stored value as a list, newest first. Never throws: anything unreadable (another version, broken JSON,
 * entries edited by hand) gives the entries that can still be read, or an empty list, rather than a broken page.
 */
export function parseSaved(raw: string | null): SavedMeeting[] {
  if (!raw) return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return [];
  }
  if (typeof value !== 'object' || value === null) return [];
  const { v, meetings } = value as { v?: unknown; meetings?: unknown };
  if (v !== VERSION || !Array.isArray(meetings)) return [];
  const seen = new Set<number>();
  const out: SavedMeeting[] = [];
  for (const entry of meetings.slice(0, MAX_SAVED)) {
    const m = parseEntry(entry);
    if (m && !seen.has(m.id)) {
      seen.add(m.id);
      out.push(m);
    }
  }
  return out.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

export function serializeSaved(meetings: readonly SavedMeeting[]): string {
  return JSON.stringify({ v: VERSION, meetings: meetings.slice(0, MAX_SAVED) });
}

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * The list with change notifications. One instance per page (`savedStore` below); tests make their own with an
 * in-memory storage. Storage can be missing or refuse writes (private modes, a full quota): the list then lives in
 * memory for this visit and `save` reports false so the page can say it was not kept.
 */
export class SavedMeetingsStore {
  private raw: string | null | undefined;
  private list: readonly SavedMeeting[] = [];
  private readonly listeners = new Set<() => void>();
  /** Set once a write failed: storage then holds an older list, so this visit's copy wins from here on. */
  private memoryOnly = false;

  constructor(
    private readonly storage: KeyValueStorage | null,
    events: EventTarget | null,
  ) {
    // Other tabs' changes arrive as `storage` events (never in the tab that wrote), so every open page stays in step.
    events?.addEventListener('storage', (e) => {
      const key = (e as StorageEvent).key;
      if (key === SAVED_KEY || key === null) this.emit();
    });
  }

  /** The current list; the same array until it changes, as useSyncExternalStore requires. */
  all = (): readonly SavedMeeting[] => {
    let raw: string | null = this.raw ?? null;
    try {
      if (this.storage && !this.memoryOnly) raw = this.storage.getItem(SAVED_KEY);
    } catch {
      // Unreadable storage: keep what this visit has.
    }
    if (raw !== this.raw) {
      this.raw = raw;
      this.list = parseSaved(raw);
    }
    return this.list;
  };

  has(id: number): boolean {
    return this.all().some((m) => m.id === id);
  }

  /** Saves (or refreshes) a meeting; false when the device would not keep it. */
  save(meeting: Omit<SavedMeeting, 'savedAt'>): boolean {
    const entry = parseEntry({ ...meeting, savedAt: new Date().toISOString() });
    if (!entry) return false;
    return this.write([entry, ...this.all().filter((m) => m.id !== entry.id)]);
  }

  remove(id: number): boolean {
    return this.write(this.all().filter((m) => m.id !== id));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private write(next: SavedMeeting[]): boolean {
    const raw = serializeSaved(next);
    let kept = false;
    try {
      if (this.storage) {
        this.storage.setItem(SAVED_KEY, raw);
        kept = true;
      }
    } catch {
      // Quota or privacy mode: remembered for this visit only.
    }
    if (!kept) this.memoryOnly = true;
    this.raw = raw;
    this.list = parseSaved(raw);
    this.emit();
    return kept;
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

function browserStorage(): KeyValueStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // Accessing localStorage itself throws when site data is blocked.
  }
}

/** The page's one store. */
export const savedStore = new SavedMeetingsStore(browserStorage(), typeof window === 'undefined' ? null : window);

/** The saved list; re-renders when it changes here or in another tab. */
export function useSavedMeetings(): readonly SavedMeeting[] {
  return useSyncExternalStore(savedStore.subscribe, savedStore.all, savedStore.all);
}

/** Whether one meeting is saved; re-renders when that changes. */
export function useIsSaved(id: number): boolean {
  const isSaved = useCallback(() => savedStore.has(id), [id]);
  return useSyncExternalStore(savedStore.subscribe, isSaved, isSaved);
}

// 1 January 2023 was a Sunday: weekday d (0 = Sunday) is 1 + d January, formatted in UTC.
const SUNDAY_MS = Date.UTC(2023, 0, 1);

/** Weekdays as the language lists them: "Monday and Thursday", "lunes y jueves". */
export function dayListText(days: readonly number[], locale: string | undefined): string {
  const name = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(
    days.map((d) => name.format(SUNDAY_MS + d * 86_400_000)),
  );
}

/** A wall-clock "HH:MM" as the language writes it ("7:30 PM", "19:30"). */
export function wallTimeText(hhmm: string, locale: string | undefined): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
    SUNDAY_MS + (h * 60 + m) * 60_000,
  );
}

/**
 * A zone's everyday name ("Eastern Time", "hora del este"), for labelling a meeting's own clock when it is not the
 * viewer's. Falls back to the IANA id when the browser has no name for it.
 */
export function zoneNameText(zone: string, locale: string | undefined, atMs: number = Date.now()): string {
  try {
    const name = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'longGeneric' })
      .formatToParts(atMs)
      .find((p) => p.type === 'timeZoneName')?.value;
    return name ?? zone;
  } catch {
    return zone;
  }
}
