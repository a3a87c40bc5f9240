import { describe, expect, it } from 'vitest';
import {
  MAX_SAVED,
  parseSaved,
  SAVED_KEY,
  SavedMeetingsStore,
  serializeSaved,
  dayListText,
  wallTimeText,
  type SavedMeeting,
} from './saved-meetings.js';

const meeting = (id: number, extra: Partial<SavedMeeting> = {}): Omit<SavedMeeting, 'savedAt'> => ({
  id,
  name: `Meeting ${id}`,
  fellowship: 'AA',
  attendance: 'hybrid',
  days: [2],
  time: '19:30',
  endTime: '20:30',
  timezone: 'America/New_York',
  where: 'Church hall, 1 Main St',
  ...extra,
});

/** localStorage's behaviour, in memory; `full` makes writes fail as a full quota does. */
class MemoryStorage {
  values = new Map<string, string>();
  full = false;
  getItem(key: string) {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.full) throw new DOMException('quota', 'QuotaExceededError');
    this.values.set(key, value);
  }
}

describe('parseSaved', () => {
  it('reads what serializeSaved wrote, newest first', () => {
    const a = { ...meeting(1), savedAt: '2025-01-01T00:00:00.000Z' };
    const b = { ...meeting(2), savedAt: '2025-02-01T00:00:00.000Z' };
    expect(parseSaved(serializeSaved([a, b]))).toEqual([b, a]);
  });

  it.each([null, '', 'not json', '[]', '42', 'null', '{"v":2,"meetings":[]}', '{"v":1,"meetings":{}}'])(
    'gives an empty list for unreadable storage %j',
    (raw) => expect(parseSaved(raw)).toEqual([]),
  );

  it('keeps the readable entries of a damaged list and drops the rest', () => {
    const raw = JSON.stringify({
      v: 1,
      meetings: [
        { id: 3, name: 'Good', days: [1, 9, 1, 'x'], time: '25:00', attendance: 'teleport', savedAt: 'yesterday' },
        { id: -1, name: 'Negative id' },
        { id: 4 },
        'junk',
        null,
        { id: 3, name: 'Duplicate of 3' },
      ],
    });
    expect(parseSaved(raw)).toEqual([
      {
        id: 3,
        name: 'Good',
        fellowship: null,
        attendance: null,
        days: [1],
        time: null,
        endTime: null,
        timezone: null,
        where: null,
        savedAt: new Date(0).toISOString(),
      },
    ]);
  });

  it('bounds the list', () => {
    const many = Array.from({ length: MAX_SAVED + 50 }, (_, i) => ({ ...meeting(i + 1), savedAt: new Date(i).toISOString() }));
    expect(parseSaved(JSON.stringify({ v: 1, meetings: many }))).toHaveLength(MAX_SAVED);
  });
});

describe('SavedMeetingsStore', () => {
  it('saves, lists, removes and notifies, keeping one entry per meeting', () => {
    const storage = new MemoryStorage();
    const store = new SavedMeetingsStore(storage, null);
    let calls = 0;
    const stop = store.subscribe(() => calls++);
    expect(store.save(meeting(1))).toBe(true);
    expect(store.save(meeting(2))).toBe(true);
    expect(store.save(meeting(1, { name: 'Renamed' }))).toBe(true);
    expect(store.all().map((m) => [m.id, m.name])).toEqual([
      [1, 'Renamed'],
      [2, 'Meeting 2'],
    ]);
    expect(store.has(2)).toBe(true);
    expect(store.remove(2)).toBe(true);
    expect(store.has(2)).toBe(false);
    expect(calls).toBe(4);
    stop();
    store.save(meeting(5));
    expect(calls).toBe(4);
    // What another page load reads back.
    expect(parseSaved(storage.getItem(SAVED_KEY)).map((m) => m.id)).toEqual([5, 1]);
  });

  it('returns the same array until the list changes (a stable snapshot for React)', () => {
    const store = new SavedMeetingsStore(new MemoryStorage(), null);
    store.save(meeting(1));
    expect(store.all()).toBe(store.all());
  });

  it('follows changes another tab makes, announced by the storage event', () => {
    const storage = new MemoryStorage();
    const events = new EventTarget();
    const store = new SavedMeetingsStore(storage, events);
    let calls = 0;
    store.subscribe(() => calls++);
    storage.setItem(SAVED_KEY, serializeSaved([{ ...meeting(7), savedAt: new Date().toISOString() }]));
    events.dispatchEvent(Object.assign(new Event('storage'), { key: 'unrelated' }));
    expect(calls).toBe(0);
    events.dispatchEvent(Object.assign(new Event('storage'), { key: SAVED_KEY }));
    expect(calls).toBe(1);
    expect(store.all().map((m) => m.id)).toEqual([7]);
  });

  it('keeps the list for this visit when the device refuses to store it, and says so', () => {
    const storage = new MemoryStorage();
    const store = new SavedMeetingsStore(storage, null);
    store.save(meeting(1));
    storage.full = true;
    expect(store.save(meeting(2))).toBe(false);
    expect(store.all().map((m) => m.id)).toEqual([2, 1]);
    const none = new SavedMeetingsStore(null, null);
    expect(none.save(meeting(3))).toBe(false);
    expect(none.has(3)).toBe(true);
  });

  it('rejects an entry it could not show', () => {
    const store = new SavedMeetingsStore(new MemoryStorage(), null);
    expect(store.save(meeting(1, { name: '  ' }))).toBe(false);
    expect(store.all()).toEqual([]);
  });
});

describe('schedule text', () => {
  it('names days and times as each language writes them', () => {
    expect(dayListText([1, 4], 'en')).toBe('Monday and Thursday');
    expect(dayListText([1, 4], 'es')).toBe('lunes y jueves');
    expect(wallTimeText('19:30', 'en')).toBe('7:30 PM');
    expect(wallTimeText('19:30', 'es')).toBe('19:30');
  });
});
