import type { MeetingDetail, NextOccurrence } from './api.js';

/** Minutes ahead within which the page says "Starting in N min" (the search API's default `soon_minutes`). */
export const SOON_MINUTES = 60;

/** The spec's `day`, one weekday or several, as a list. */
export function daysOf(m: Pick<MeetingDetail, 'day'>): number[] {
  if (m.day === undefined) return [];
  return Array.isArray(m.day) ? m.day : [m.day];
}

export type Badge = { kind: 'now' } | { kind: 'soon'; minutes: number } | null;

/**
 * "Happening now" or "Starting in N min" for the next occurrence at `nowMs`. Judged in the browser from the
 * occurrence's instants rather than the API's `happening_now`, so it stays right while the page stays open.
 */
export function badgeOf(next: Pick<NextOccurrence, 'start' | 'end'> | undefined, nowMs: number): Badge {
  if (!next) return null;
  const start = Date.parse(next.start);
  if (start <= nowMs && nowMs < Date.parse(next.end)) return { kind: 'now' };
  const minutes = Math.ceil((start - nowMs) / 60_000);
  return minutes > 0 && minutes <= SOON_MINUTES ? { kind: 'soon', minutes } : null;
}
