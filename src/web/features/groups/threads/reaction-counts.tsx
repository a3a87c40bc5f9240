import { useTranslation } from 'react-i18next';
import { REACTION_KINDS } from '../../../../shared/thread-limits.js';
import type { ReactionKindName } from './api.js';

/** Each support reaction's emoji; always shown with its words, never alone (issue 7: 🤝 "with you", 💪, ❤️). */
export const REACTION_EMOJI: Record<ReactionKindName, string> = { with_you: '🤝', strength: '💪', heart: '❤️' };

/** Support reactions as words and numbers, for readers who cannot react (and the thread list). */
export function ReactionCounts({ counts }: { counts: Record<ReactionKindName, number> }) {
  const { t } = useTranslation();
  const given = REACTION_KINDS.filter((k) => counts[k] > 0);
  if (given.length === 0) return null;
  return (
    <ul className="threads-reaction-counts" aria-label={t('threads.reactions.label')}>
      {given.map((k) => (
        <li key={k}>
          <span aria-hidden="true">{REACTION_EMOJI[k]} </span>
          {t(`threads.reactions.${k}`)} {counts[k]}
        </li>
      ))}
    </ul>
  );
}
