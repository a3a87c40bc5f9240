import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { viewerZone } from '../../../lib/viewer-zone.js';
import type { GroupPage } from '../api.js';
import type { LiveMeeting } from '../live-api.js';
import { occurrenceWords, scheduleText, underWay } from '../schedule-text.js';

/**
 * The group's live meetings: each schedule in the group's zone, and its next occurrences in the viewer's own time
 * first, then in the group's ("Tuesday 14 January at 19:00 (your time) · 18:00 in Europe/London").
 */
export function SchedulePart({ group, meetings }: { group: GroupPage; meetings: LiveMeeting[] }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section aria-labelledby={id} className="groups-section">
      <h2 id={id}>{t('groups.schedule.title')}</h2>
      {meetings.length === 0 ? (
        <p>{t('groups.schedule.none')}</p>
      ) : (
        <>
          <p className="groups-muted">{t('groups.schedule.zoneNote', { zone: viewerZone() })}</p>
          <ul className="groups-list">
            {meetings.map((m) => (
              <MeetingItem key={m.id} meeting={m} zone={group.time_zone} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function MeetingItem({ meeting: m, zone }: { meeting: LiveMeeting; zone: string }) {
  const { t, i18n } = useTranslation();
  const me = viewerZone();
  return (
    <li className="card">
      <h3>{m.title}</h3>
      <p>
        {scheduleText(m, t, i18n.language)} · {t('groups.schedule.minutes', { count: m.duration_minutes })}
      </p>
      <p className="groups-muted">
        {m.cross_talk ? t('groups.schedule.crossTalkOn') : t('groups.schedule.crossTalkOff')}
        {m.share_minutes > 0 && <> · {t('groups.schedule.shareMinutes', { count: m.share_minutes })}</>}
      </p>
      {m.next_occurrences.length === 0 ? (
        <p>{t('groups.schedule.noneComing')}</p>
      ) : (
        <>
          <h4>{t('groups.schedule.next')}</h4>
          <ul className="groups-occurrences">
            {m.next_occurrences.map((o) => {
              const w = occurrenceWords(o.starts_at, zone, me, i18n.language);
              return (
                <li key={o.starts_at}>
                  {underWay(o) && <span className="badge badge-now">{t('groups.schedule.now')}</span>}{' '}
                  <time dateTime={o.starts_at}>
                    {w.group
                      ? t('groups.schedule.when', { viewer: w.viewer, group: w.group, zone })
                      : t('groups.schedule.whenSame', { viewer: w.viewer, zone })}
                  </time>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </li>
  );
}
