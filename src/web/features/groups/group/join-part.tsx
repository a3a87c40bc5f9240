import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ApiError } from '../../../lib/account-api.js';
import { signInHref } from '../../../lib/next-path.js';
import { useSession } from '../../../lib/session.js';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.js';
import { BusyButton, ErrorSummary, useFormRun } from '../../../components/ui/form-kit.js';
import { leaveGroup, type GroupPage } from '../api.js';
import { JoinForm } from './join-form.js';

/**
 * Joining and leaving (docs/groups.md "Who may do what"). Signed out: sign in or create an account, coming back
 * here. Signed in: the join form; then the member's place — a request waiting for a facilitator, a new code of
 * conduct to accept, or membership with "Leave the group" (asked first).
 */
export function JoinPart({
  group,
  onChanged,
  onStale,
}: {
  group: GroupPage;
  onChanged: (group: GroupPage) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const location = useLocation();
  const { state } = useSession();
  const form = useFormRun();
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const you = group.you;
  // Each change replaces the controls that had focus: the reader continues at this part's heading.
  const [moved, setMoved] = useState(0);
  useEffect(() => {
    if (moved > 0) headingRef.current?.focus();
  }, [moved]);

  if (!state) return null;
  const here = location.pathname;
  const changed = (next: GroupPage, message: string) => {
    setStatus(message);
    onChanged(next);
    onStale(); // counts follow from the server
    setMoved((n) => n + 1);
  };
  const leave = async () => {
    setConfirming(false);
    const ok = await form.run(async () => {
      await leaveGroup(group.slug);
    });
    if (ok) changed({ ...group, you: null }, you?.status === 'pending' ? t('groups.join.withdrawn') : t('groups.join.left'));
  };

  let body;
  if (group.archived) body = <p>{t('groups.join.archived')}</p>;
  else if (!state.account)
    body = (
      <>
        <p>{t('groups.join.signedOut')}</p>
        <p className="actions">
          <Link className="button" to={signInHref(here)}>
            {t('groups.join.signIn')}
          </Link>
          <Link className="button secondary" to={signInHref(here, '/sign-up')}>
            {t('groups.join.signUp')}
          </Link>
        </p>
      </>
    );
  else if (!you || (you.status === 'active' && !you.conduct_current))
    body = (
      <JoinForm
        group={group}
        onJoined={(place) =>
          changed(
            { ...group, you: place },
            place.status === 'pending' ? t('groups.join.requested') : you ? t('groups.join.accepted') : t('groups.join.joined'),
          )
        }
        onStale={(e) => e instanceof ApiError && e.code === 'conduct_not_accepted' && onStale()}
      />
    );
  else
    body = (
      <>
        <p>{you.status === 'pending' ? t('groups.join.pending') : t(`groups.join.youAre.${you.role}`)}</p>
        <ErrorSummary form={form} />
        <p className="actions">
          <BusyButton
            type="button"
            variant="danger"
            busy={form.busy}
            label={you.status === 'pending' ? t('groups.join.withdraw') : t('groups.join.leave')}
            busyLabel={t('groups.working')}
            onClick={() => setConfirming(true)}
          />
        </p>
        <ConfirmDialog
          open={confirming}
          title={
            you.status === 'pending'
              ? t('groups.join.confirmWithdraw', { name: group.name })
              : t('groups.join.confirmLeave', { name: group.name })
          }
          confirmLabel={you.status === 'pending' ? t('groups.join.withdraw') : t('groups.join.leave')}
          cancelLabel={t('groups.cancel')}
          danger
          onConfirm={() => void leave()}
          onCancel={() => setConfirming(false)}
        >
          <p>{group.visibility === 'approval' ? t('groups.join.leaveBodyApproval') : t('groups.join.leaveBody')}</p>
        </ConfirmDialog>
      </>
    );

  return (
    <section aria-labelledby={id} className="groups-section groups-join" id="join">
      <h2 id={id} ref={headingRef} tabIndex={-1}>
        {you?.status === 'active' && !you.conduct_current
          ? t('groups.join.newConductTitle')
          : you
            ? t('groups.join.yourPlace')
            : t('groups.join.title')}
      </h2>
      <p role="status" className="groups-status">
        {status}
      </p>
      {body}
    </section>
  );
}
