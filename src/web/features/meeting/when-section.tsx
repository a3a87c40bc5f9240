import { useTranslation } from 'react-i18next';
import { dayListText, wallTimeText, zoneNameText } from '../../lib/saved-meetings.js';
import type { MeetingDetail, NextOccurrence } from './api.js';
import { badgeOf, daysOf } from './schedule.js';
import { useNow } from './use-meeting.js';

/** "Happening now" or "Starting in N min" for the first upcoming occurrence, else nothing. */
export function StatusBadge({ next }: { next: NextOccurrence | undefined }) {
  const { t } = useTranslation();
  const badge = badgeOf(next, useNow(30_000));
  if (!badge) return null;
  if (badge.kind === 'now') return <span className="badge badge-now">{t('meeting.happeningNow')}</span>;
  return <span className="badge badge-soon">{t('meeting.startingIn', { count: badge.minutes })}</span>;
}

/**
 * One occurrence on the viewer's clock ("Tuesday, May 6, 7:30 PM"), and on the group's clock when that shows another
 * time, with the zone named: someone in Chicago joining a New York meeting online must not be an hour late, and the
 * group announces its own local time.
 */
function OccurrenceItem({
  occurrence,
  meetingZone,
  zones,
}: {
  occurrence: NextOccurrence;
  meetingZone: string | null;
  zones: boolean;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage;
  const start = new Date(occurrence.start);
  const yours = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(start);
  let theirs: string | null = null;
  if (zones && meetingZone) {
    try {
      theirs = new Intl.DateTimeFormat(locale, {
        weekday: 'short',
        hour: 'numeric',
        minute: '2-digit',
        timeZone: meetingZone,
        timeZoneName: 'short',
      }).format(start);
    } catch {
      theirs = null; // A zone this browser does not know: the viewer's time is still right.
    }
  }
  return (
    <li>
      <time dateTime={occurrence.start}>{yours}</time>
      {theirs && <span className="meeting-muted"> · {t('meeting.groupTime', { time: theirs })}</span>}
    </li>
  );
}

/** When the meeting is: its weekly schedule on its own clock, then the next times on the viewer's. */
export function WhenSection({ meeting, zone }: { meeting: MeetingDetail; zone: string | null }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage;
  const days = daysOf(meeting);
  const own = meeting.timezone ?? null;
  // The zones differ when the two clocks show another time now (two names for one zone do not count).
  const differs = Boolean(own && zone && own !== zone && offsetOf(own) !== offsetOf(zone));
  let schedule = t('meeting.byAppointment');
  if (days.length > 0 && meeting.time) {
    const parts = { days: dayListText(days, locale), start: wallTimeText(meeting.time, locale) };
    schedule = meeting.end_time
      ? t('meeting.weekly', { ...parts, end: wallTimeText(meeting.end_time, locale) })
      : t('meeting.weeklyNoEnd', parts);
  }
  return (
    <section aria-labelledby="meeting-when">
      <h2 id="meeting-when">{t('meeting.whenTitle')}</h2>
      <p>{schedule}</p>
      {differs && own && zone && (
        <p className="meeting-muted">
          {t('meeting.zoneDiffers', { zone: zoneNameText(own, locale), yours: zoneNameText(zone, locale) })}
        </p>
      )}
      {days.length > 0 && (
        <>
          <h3>{t('meeting.nextTitle')}</h3>
          {meeting.next_occurrences.length > 0 ? (
            <ul className="meeting-next">
              {meeting.next_occurrences.map((o) => (
                <OccurrenceItem key={o.start} occurrence={o} meetingZone={own} zones={differs} />
              ))}
            </ul>
          ) : (
            <p>{t('meeting.nextNone')}</p>
          )}
          <p>
            <a className="button secondary" href={`/api/meetings/${meeting.id}/calendar.ics`} download>
              {t('meeting.calendar')}
            </a>
          </p>
        </>
      )}
    </section>
  );
}

function offsetOf(zone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(Date.now())
      .find((p) => p.type === 'timeZoneName')?.value;
  } catch {
    return undefined;
  }
}
