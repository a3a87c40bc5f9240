import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, useFormRun } from '../../components/ui/form-kit.js';
import { formatMoment } from '../../lib/account-format.js';
import { listBlocks, unblockMember, type BlockedMember } from '../../lib/blocks-api.js';
import { Section } from './section.js';
import { useAccount } from './use-account.js';

/**
 * Members this person blocked (issue 7, "Blocking"): whose messages and posts they no longer see. Unblocking
 * brings them back; neither side is told.
 */
export function BlocksSection() {
  const { t, i18n } = useTranslation();
  const { account } = useAccount();
  const form = useFormRun();
  const [blocked, setBlocked] = useState<BlockedMember[] | null>(null);
  const [status, setStatus] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { run } = form;

  const load = useCallback(() => run(async () => setBlocked((await listBlocks()).blocked)), [run]);
  useEffect(() => {
    void load();
  }, [load]);

  const unblock = async (handle: string) => {
    if (!(await run(() => unblockMember(handle).then(() => undefined)))) return;
    setBlocked((list) => list?.filter((b) => b.handle !== handle) ?? null);
    setStatus(t('account.blocks.unblocked', { handle }));
    // The button went with its row: keep focus in this section.
    headingRef.current?.focus();
  };

  return (
    <Section title={t('account.blocks.title')} headingRef={headingRef}>
      <p>{t('account.blocks.intro')}</p>
      <ErrorSummary form={form} />
      <p role="status" className="account-status">
        {status}
      </p>
      {blocked && blocked.length === 0 && <p>{t('account.blocks.none')}</p>}
      {blocked && blocked.length > 0 && (
        <ul className="account-list">
          {blocked.map((b) => (
            <li key={b.handle} className="card">
              <h3>{b.handle}</h3>
              <p>{t('account.blocks.since', { when: formatMoment(b.since, i18n.language, account?.time_zone) })}</p>
              <button
                type="button"
                className="button secondary form-button"
                aria-label={t('account.blocks.unblockNamed', { handle: b.handle })}
                onClick={() => void unblock(b.handle)}
              >
                {t('account.blocks.unblock')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
