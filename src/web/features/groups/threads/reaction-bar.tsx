import { useTranslation } from 'react-i18next';
import { REACTION_KINDS } from '../../../../shared/thread-limits.js';
import type { Post, ReactionKindName } from './api.js';
import { REACTION_EMOJI } from './reaction-counts.js';

/**
 * Support reactions as toggle buttons (aria-pressed), each with its emoji, its words and its count, so the name
 * read aloud is "With you, 2" and the pressed state says whether you gave it.
 */
export function ReactionBar({
  post,
  author,
  onToggle,
}: {
  post: Post;
  author: string;
  onToggle: (kind: ReactionKindName, on: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <div role="group" aria-label={t('threads.reactions.for', { author })} className="threads-reactions">
      {REACTION_KINDS.map((kind) => {
        const mine = post.reactions.mine.includes(kind);
        return (
          <button key={kind} type="button" aria-pressed={mine} onClick={() => onToggle(kind, !mine)}>
            <span aria-hidden="true">{REACTION_EMOJI[kind]}</span> {t(`threads.reactions.${kind}`)}
            <span className="threads-count">
              <span className="visually-hidden">, </span>
              {post.reactions.counts[kind]}
            </span>
          </button>
        );
      })}
    </div>
  );
}
