import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endSession, listSessions, signOutEverywhere, type SessionSummary } from '../../lib/account-settings-api.js';
import { formatMoment } from '../../lib/account-format.js';
import { BusyButton, ErrorSummary, useFormRun } from '../../components/ui/form-kit.js';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.js';
import { useAccount } from './use-account.js';
import { Section } from './section.js';

/** Where the account is signed in, with a way to end any one session, or all of them. */
export function SessionsSection({ onSignedOut }: { onSignedOut: () => void }) {
  const { t, i18n } = useTranslation();
  const { account, setState } = useAccount();
  const form = useFormRun();
  const [sessions, setSessions] = useState<SessionSummary[] | null>(null);
  const [status, setStatus] = useState('');
  const [confirmAll, setConfirmAll] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { run } = form;

  const load = useCallback(() => run(async () => setSessions((await listSessions()).sessions)), [run]);
  useEffect(() => {
    void load();
  }, [load]);

  const end = async (s: SessionSummary) => {
    const ok = await run(() => endSession(s.id).then(() => undefined));
    if (!ok) return;
    setSessions((list) => list?.filter((x) => x.id !== s.id) ?? null);
    setStatus(t('account.sessions.ended', { device: s.label }));
    // The button went with its row: keep focus in this section.
    headingRef.current?.focus();
  };

  const everywhere = async () => {
    setConfirmAll(false);
    const ok = await run(async () => setState(await signOutEverywhere()));
    if (ok) onSignedOut();
  };

  const when = (iso: string) => formatMoment(iso, i18n.language, account?.time_zone);

  return (
    <Section title={t('account.sessions.title')} headingRef={headingRef}>
      <p>{t('account.sessions.intro')}</p>
      <ErrorSummary form={form} />
      <p role="status" className="account-status">
        {status}
      </p>
      {sessions && (
        <ul className="account-list">
          {sessions.map((s) => (
            <li key={s.id} className="card">
              <h3>
                {s.label}
                {s.current && <span className="badge account-badge">{t('account.sessions.thisDevice')}</span>}
              </h3>
              <dl className="account-facts">
                <dt>{t('account.sessions.started')}</dt>
                <dd>{when(s.created_at)}</dd>
                <dt>{t('account.sessions.lastActive')}</dt>
                <dd>{when(s.last_seen_at)}</dd>
              </dl>
              {!s.current && (
                <button
                  type="button"
                  className="button secondary form-button"
                  aria-label={t('account.sessions.endNamed', { device: s.label, started: when(s.created_at) })}
                  onClick={() => void end(s)}
                >
                  {t('account.sessions.end')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <p className="actions">
        <BusyButton
          type="button"
          variant="secondary"
          busy={form.busy}
          label={t('account.sessions.everywhere')}
          busyLabel={t('account.working')}
          onClick={() => setConfirmAll(true)}
        />
      </p>
      <ConfirmDialog
        open={confirmAll}
        title={t('account.sessions.everywhereTitle')}
        confirmLabel={t('account.sessions.everywhereConfirm')}
        cancelLabel={t('account.cancel')}
        onConfirm={() => void everywhere()}
        onCancel={() => setConfirmAll(false)}
      >
        <p>{t('account.sessions.everywhereBody')}</p>
      </ConfirmDialog>
    </Section>
  );
}
