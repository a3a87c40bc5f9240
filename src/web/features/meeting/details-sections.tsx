import { useTranslation } from 'react-i18next';
import type { MeetingDetail } from './api.js';
import { dialHref, directionsHref, providerName, safeWebUrl, traditionLinks, webMapHref } from './links.js';
import { ACCESSIBILITY_TYPE_CODES, describeType, TEMPORARILY_CLOSED, type DescribedType } from './type-explanations.js';

/** Free text from a feed keeps its line breaks (white-space: pre-line in meeting.css). */
function Text({ value }: { value: string | null | undefined }) {
  return value ? <p className="meeting-text">{value}</p> : null;
}

/** The place, with a link that opens the person's own maps app. Online-only meetings have no place to go. */
export function WhereSection({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  if (meeting.attendance === 'online' || (!meeting.location && !meeting.formatted_address)) return null;
  const approximate = meeting.approximate === 'yes';
  const point =
    meeting.latitude !== undefined && meeting.longitude !== undefined ? { lat: meeting.latitude, lng: meeting.longitude } : null;
  // An approximate point is the middle of a town: searching the address does better than a pin there.
  const directions = directionsHref(meeting.formatted_address ?? null, approximate ? null : point);
  return (
    <section aria-labelledby="meeting-where">
      <h2 id="meeting-where">{t('meeting.whereTitle')}</h2>
      {meeting.location && (
        <p>
          <strong>{meeting.location}</strong>
        </p>
      )}
      {meeting.formatted_address && <p>{meeting.formatted_address}</p>}
      {approximate && <p className="meeting-muted">{t('meeting.approximate')}</p>}
      <Text value={meeting.location_notes} />
      <p className="actions">
        {directions && (
          <a className="button" href={directions}>
            {t('meeting.directions')}
          </a>
        )}
        {point && !approximate && (
          <a className="button secondary" href={webMapHref(point)} rel="noopener noreferrer">
            {t('meeting.directionsWeb')}
          </a>
        )}
      </p>
    </section>
  );
}

/** How to join from a screen or a phone, with the group's notes (passcodes, meeting ids). */
export function OnlineSection({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const url = safeWebUrl(meeting.conference_url);
  const dial = meeting.conference_phone ? dialHref(meeting.conference_phone) : null;
  const provider = providerName(meeting.conference_provider);
  if (meeting.attendance === 'in_person' || (!url && !dial)) return null;
  return (
    <section aria-labelledby="meeting-online">
      <h2 id="meeting-online">{t('meeting.onlineTitle')}</h2>
      {url && (
        <p>
          <a className="button" href={url} rel="noopener noreferrer">
            {provider ? t('meeting.joinWith', { provider }) : t('meeting.join')}
          </a>
        </p>
      )}
      <Text value={meeting.conference_url_notes} />
      {dial && (
        <p>
          <a className="button secondary" href={dial}>
            {t('meeting.call', { phone: meeting.conference_phone })}
          </a>
        </p>
      )}
      <Text value={meeting.conference_phone_notes} />
    </section>
  );
}

function TypeList({ types }: { types: DescribedType[] }) {
  return (
    <dl className="meeting-types">
      {types.map((ty) => (
        <div key={ty.code}>
          <dt>{ty.name}</dt>
          {ty.explanation && <dd>{ty.explanation}</dd>}
        </div>
      ))}
    </dl>
  );
}

/** Every type in words with a line on what it means; access needs get their own heading. */
export function TypesSections({ meeting }: { meeting: MeetingDetail }) {
  const { t, i18n } = useTranslation();
  const described = meeting.types
    .filter((c) => c !== TEMPORARILY_CLOSED)
    .map((c) => describeType(c, i18n.resolvedLanguage, (key, options) => t(key, options)));
  const kinds = described.filter((d) => !ACCESSIBILITY_TYPE_CODES.has(d.code));
  const access = described.filter((d) => ACCESSIBILITY_TYPE_CODES.has(d.code));
  return (
    <>
      {kinds.length > 0 && (
        <section aria-labelledby="meeting-types">
          <h2 id="meeting-types">{t('meeting.typesTitle')}</h2>
          <TypeList types={kinds} />
        </section>
      )}
      <section aria-labelledby="meeting-access">
        <h2 id="meeting-access">{t('meeting.accessibilityTitle')}</h2>
        {access.length > 0 ? <TypeList types={access} /> : <p>{t('meeting.accessibilityNone')}</p>}
      </section>
    </>
  );
}

/** The listing's notes and its group's. */
export function NotesSection({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  if (!meeting.notes && !meeting.group) return null;
  return (
    <section aria-labelledby="meeting-notes">
      <h2 id="meeting-notes">{t('meeting.notesTitle')}</h2>
      <Text value={meeting.notes} />
      {meeting.group && <p>{t('meeting.group', { name: meeting.group })}</p>}
      <Text value={meeting.group_notes} />
    </section>
  );
}

/** Where the group takes contributions online, when its listing says. */
export function TraditionSection({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const links = traditionLinks(meeting);
  if (links.length === 0) return null;
  return (
    <section aria-labelledby="meeting-tradition">
      <h2 id="meeting-tradition">{t('meeting.traditionTitle')}</h2>
      <p>{t('meeting.traditionIntro')}</p>
      <ul className="meeting-links">
        {links.map((l) => {
          const label = t(`meeting.tradition.${l.service}`, { handle: l.handle });
          return (
            <li key={l.service}>
              {l.url ? (
                <a href={l.url} rel="noopener noreferrer">
                  {label}
                </a>
              ) : (
                label
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
