import { memo, useEffect, useRef, type RefObject } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SearchResult } from '../../lib/meetings-api.js';
import './meeting-search.css';
import { badgeFor, distanceText, whenText, whereText } from '../../lib/meeting-format.js';

const ResultItem = memo(function ResultItem({
  result,
  viewerZone,
  units,
  linkRef,
}: {
  result: SearchResult;
  viewerZone: string;
  units: 'km' | 'mi';
  linkRef?: RefObject<HTMLAnchorElement | null>;
}) {
  const { t, i18n } = useTranslation();
  const { meeting, next, distance } = result;
  const locale = i18n.resolvedLanguage;
  const badge = badgeFor(next);
  const when = next ? whenText(next, meeting.timezone, viewerZone, locale) : null;
  const where = whereText(meeting);
  return (
    <li className="card finder-result">
      <h3>
        <Link to={`/meetings/${meeting.id}`} ref={linkRef}>
          {meeting.name}
        </Link>
      </h3>
      {badge && (
        <p className={`badge badge-${badge.kind}`}>
          {badge.kind === 'now' ? t('finder.happeningNow') : t('finder.startingIn', { count: badge.minutes })}
        </p>
      )}
      <p className="finder-when">
        {when ? when.viewer : t('finder.noSchedule')}
        {when?.meeting && <span className="finder-own-time"> {t('finder.ownTime', { time: when.meeting })}</span>}
      </p>
      <p className="meta">
        {[
          meeting.fellowship,
          t(`finder.attendance.${meeting.attendance}`),
          meeting.attendance === 'online' ? null : where,
          distance !== null && meeting.attendance !== 'online' ? distanceText(distance, units, locale) : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
    </li>
  );
});

/**
 * The results, a page at a time. After "Show more", focus moves to the first new result's link: the button the
 * keyboard user pressed stays below the new results, and focus left on it would skip them.
 */
export function ResultList(props: { results: SearchResult[]; viewerZone: string; units: 'km' | 'mi'; focusFrom: number | null }) {
  const firstNew = useRef<HTMLAnchorElement>(null);
  const { focusFrom, results } = props;
  useEffect(() => {
    if (focusFrom !== null && results.length > focusFrom) firstNew.current?.focus();
  }, [focusFrom, results.length]);
  return (
    <ol className="finder-results">
      {results.map((r, i) => (
        <ResultItem
          key={r.meeting.id}
          result={r}
          viewerZone={props.viewerZone}
          units={props.units}
          linkRef={i === focusFrom ? firstNew : undefined}
        />
      ))}
    </ol>
  );
}
