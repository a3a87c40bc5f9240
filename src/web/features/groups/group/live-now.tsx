import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { GroupPage } from '../api.js';
import { listRooms, type LiveMeeting, type RoomSummary } from '../live-api.js';
import { underWay } from '../schedule-text.js';

/**
 * Live meetings under way. The group's people (and moderators) get each room's "Join the meeting" link; others are
 * told a meeting is on and that members join it here. Nothing shows when none is under way.
 */
export function LiveNow({ group, meetings, reader }: { group: GroupPage; meetings: LiveMeeting[]; reader: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const [rooms, setRooms] = useState<RoomSummary[]>([]);
  useEffect(() => {
    if (!reader) return;
    let live = true;
    listRooms(group.slug).then(
      (r) => live && setRooms(r.live_now.filter((room) => room.status === 'open')),
      () => undefined, // The schedule still says a meeting is on; the rooms come with the next visit.
    );
    return () => {
      live = false;
    };
  }, [group.slug, reader]);
  const scheduled = meetings.filter((m) => m.next_occurrences.some((o) => underWay(o)));
  if (rooms.length === 0 && scheduled.length === 0) return null;
  return (
    <section aria-labelledby={id} className="groups-live">
      <h2 id={id}>{t('groups.live.title')}</h2>
      {rooms.length > 0 ? (
        <ul className="groups-plain">
          {rooms.map((room) => (
            <li key={room.id}>
              <p>{room.meeting_title ?? t('groups.live.untitled')}</p>
              <Link className="button groups-join-now" to={`/rooms/${room.id}`}>
                {t('groups.live.join', { title: room.meeting_title ?? t('groups.live.untitled') })}
              </Link>
            </li>
          ))}
        </ul>
      ) : reader ? (
        <p>{t('groups.live.opening', { title: scheduled[0]?.title ?? '' })}</p>
      ) : (
        <p>{t('groups.live.forMembers', { title: scheduled[0]?.title ?? '' })}</p>
      )}
    </section>
  );
}
