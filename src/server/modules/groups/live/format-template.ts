import type { FormatSection } from '../../../../shared/chat-protocol.js';
import { badRequest } from '../../../errors.js';

/**
 * The format a new live meeting gets when the facilitator gives none (issue 7: welcome, readings written by the
 * group, check-in round, topic or sharing, closing). The minutes sum to the meeting's duration; sharing takes what
 * the other sections leave. The reading's text is empty until the group writes it.
 */
export function defaultFormat(durationMinutes: number): FormatSection[] {
  const part = (share: number) => Math.max(1, Math.round(durationMinutes * share));
  const welcome = part(0.08);
  const reading = part(0.08);
  const checkIn = part(0.17);
  const closing = part(0.08);
  return [
    { kind: 'welcome', title: 'Welcome', minutes: welcome },
    { kind: 'reading', title: 'Reading', minutes: reading, text: '' },
    { kind: 'check_in', title: 'Check-in round', minutes: checkIn },
    { kind: 'sharing', title: 'Topic and sharing', minutes: durationMinutes - welcome - reading - checkIn - closing },
    { kind: 'closing', title: 'Closing', minutes: closing },
  ];
}

/** A format whose sections run longer than the meeting cannot be followed: refused with the numbers. */
export function checkFormatFits(format: FormatSection[], durationMinutes: number): void {
  const total = format.reduce((sum, s) => sum + s.minutes, 0);
  if (total > durationMinutes)
    throw badRequest(`the format's sections take ${total} minutes, longer than the meeting's ${durationMinutes}`, [
      { field: 'body.format', message: `sections total ${total} minutes; the meeting lasts ${durationMinutes}` },
    ]);
}
