import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { GroupSummary } from '../api.js';
import { languageName } from '../schedule-text.js';

/** One group in the directory: its name (the link), the start of its description and its facts. */
export function GroupCard({ group }: { group: GroupSummary }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="card groups-card">
      <h3>
        <Link to={`/groups/${encodeURIComponent(group.slug)}`}>{group.name}</Link>
      </h3>
      <p>{group.short_description}</p>
      <ul className="groups-facts" aria-label={t('groups.card.facts', { name: group.name })}>
        <li>{t(`groups.approaches.${group.approach}`)}</li>
        {group.fellowship && <li>{group.fellowship}</li>}
        <li>{languageName(group.language, i18n.language)}</li>
        <li>{t(`groups.visibility.${group.visibility}.short`)}</li>
        <li>{t('groups.card.members', { count: group.member_count })}</li>
      </ul>
    </li>
  );
}
