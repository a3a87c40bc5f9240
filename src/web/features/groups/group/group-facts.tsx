import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupPage } from '../api.js';
import { languageName } from '../schedule-text.js';

/** The group's facts, and what happens to live-meeting chat in plain words (issue 7: "stated to members"). */
export function GroupFacts({ group }: { group: GroupPage }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <section aria-labelledby={id} className="groups-section">
      <h2 id={id}>{t('groups.page.about')}</h2>
      <dl className="groups-dl">
        <dt>{t('groups.fields.approach')}</dt>
        <dd>{t(`groups.approaches.${group.approach}`)}</dd>
        <dt>{t('groups.fields.fellowship')}</dt>
        <dd>{group.fellowship ?? t('groups.page.noFellowship')}</dd>
        <dt>{t('groups.fields.language')}</dt>
        <dd>{languageName(group.language, i18n.language)}</dd>
        <dt>{t('groups.fields.timeZone')}</dt>
        <dd>{group.time_zone}</dd>
        <dt>{t('groups.fields.visibility')}</dt>
        <dd>{t(`groups.visibility.${group.visibility}.long`)}</dd>
        <dt>{t('groups.page.people')}</dt>
        <dd>
          {t('groups.card.members', { count: group.member_count })}
          {group.observer_count > 0 && <> · {t('groups.page.observers', { count: group.observer_count })}</>}
        </dd>
        <dt>{t('groups.page.chat')}</dt>
        <dd>
          {group.chat_retention_days === null
            ? t('groups.retention.deleteAtEnd')
            : t('groups.retention.days', { count: group.chat_retention_days })}
        </dd>
      </dl>
    </section>
  );
}
