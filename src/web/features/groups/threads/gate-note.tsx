import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { signInHref } from '../../../lib/next-path.js';
import { groupHref } from './group-frame.js';
import type { PostGate } from './post-gate.js';

/** Why this reader cannot post here, in plain words, with the way forward where there is one (join, accept). */
export function GateNote({ gate, slug }: { gate: Exclude<PostGate, 'ok'>; slug: string }) {
  const { t } = useTranslation();
  const here = typeof location === 'undefined' ? '/' : location.pathname;
  return (
    <div className="room-block threads-gate">
      <p>{t(`threads.gate.${gate}`)}</p>
      {gate === 'signedOut' && (
        <p>
          <Link to={signInHref(here)}>{t('layout.signIn')}</Link>
        </p>
      )}
      {(gate === 'notMember' || gate === 'conduct' || gate === 'observer') && (
        <p>
          <Link to={groupHref(slug)}>{t(gate === 'conduct' ? 'threads.gate.toConduct' : 'threads.gate.toGroup')}</Link>
        </p>
      )}
    </div>
  );
}
