import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.js';
import { ErrorSummary, useFormRun } from '../../../components/ui/form-kit.js';
import { changeMember, listMembers, removeMember, type GroupPage, type GroupRole, type Member } from '../api.js';
import { ManageSection } from './manage-section.js';

const ROLES: GroupRole[] = ['member', 'observer', 'facilitator'];
type Pending = { kind: 'remove' | 'refuse'; member: Member } | null;

/**
 * The group's people, requests waiting first (the server's order): approve or refuse a request, change someone's
 * role, remove someone (asked first). Handles only; nothing else about anyone.
 */
export function MembersPart({ group, onChanged }: { group: GroupPage; onChanged: () => void }) {
  const { t } = useTranslation();
  const form = useFormRun();
  const [members, setMembers] = useState<Member[] | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [status, setStatus] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { run } = form;

  const load = useCallback(() => run(async () => setMembers((await listMembers(group.slug)).members)), [run, group.slug]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (action: () => Promise<Member[] | null>, message: string) => {
    setStatus('');
    let next: Member[] | null = null;
    const ok = await run(async () => {
      next = await action();
    });
    if (!ok) return;
    if (next) setMembers(next);
    else await load();
    setStatus(message);
    onChanged();
    headingRef.current?.focus();
  };
  const approve = (m: Member) =>
    act(
      async () => (await changeMember(group.slug, m.handle, { status: 'active' })).members,
      t('groups.members.approved', { handle: m.handle }),
    );
  const setRole = (m: Member, role: GroupRole) =>
    act(
      async () => (await changeMember(group.slug, m.handle, { role })).members,
      t('groups.members.roleChanged', { handle: m.handle, role: t(`groups.roles.${role}`) }),
    );
  const confirm = () => {
    const p = pending;
    setPending(null);
    if (!p) return;
    void act(
      async () => {
        await removeMember(group.slug, p.member.handle);
        return null;
      },
      t(p.kind === 'refuse' ? 'groups.members.refused' : 'groups.members.removed', { handle: p.member.handle }),
    );
  };

  const waiting = members?.filter((m) => m.status === 'pending') ?? [];
  const active = members?.filter((m) => m.status === 'active') ?? [];
  return (
    <ManageSection title={t('groups.members.title')} headingRef={headingRef}>
      <ErrorSummary form={form} />
      <p role="status" className="groups-status">
        {status}
      </p>
      {members === null ? null : (
        <>
          <h3>{t('groups.members.requests', { count: waiting.length })}</h3>
          {waiting.length === 0 ? (
            <p>{t('groups.members.noRequests')}</p>
          ) : (
            <ul className="groups-list">
              {waiting.map((m) => (
                <li key={m.handle} className="card groups-person">
                  <p>
                    <strong>{m.handle}</strong> · {t('groups.members.asksAs', { role: t(`groups.roles.${m.role}`) })}
                  </p>
                  <p className="actions">
                    <button
                      type="button"
                      className="button form-button"
                      aria-label={t('groups.members.approveNamed', { handle: m.handle })}
                      onClick={() => void approve(m)}
                    >
                      {t('groups.members.approve')}
                    </button>
                    <button
                      type="button"
                      className="button secondary form-button"
                      aria-label={t('groups.members.refuseNamed', { handle: m.handle })}
                      onClick={() => setPending({ kind: 'refuse', member: m })}
                    >
                      {t('groups.members.refuse')}
                    </button>
                  </p>
                </li>
              ))}
            </ul>
          )}
          <h3>{t('groups.members.people', { count: active.length })}</h3>
          <ul className="groups-list">
            {active.map((m) => (
              <PersonItem
                key={m.handle}
                member={m}
                onRole={(role) => void setRole(m, role)}
                onRemove={() => setPending({ kind: 'remove', member: m })}
              />
            ))}
          </ul>
        </>
      )}
      <ConfirmDialog
        open={pending !== null}
        title={
          pending
            ? t(pending.kind === 'refuse' ? 'groups.members.confirmRefuse' : 'groups.members.confirmRemove', {
                handle: pending.member.handle,
              })
            : ''
        }
        confirmLabel={pending?.kind === 'refuse' ? t('groups.members.refuse') : t('groups.members.remove')}
        cancelLabel={t('groups.cancel')}
        danger
        onConfirm={confirm}
        onCancel={() => setPending(null)}
      >
        <p>{pending?.kind === 'refuse' ? t('groups.members.refuseBody') : t('groups.members.removeBody')}</p>
      </ConfirmDialog>
    </ManageSection>
  );
}

function PersonItem({
  member: m,
  onRole,
  onRemove,
}: {
  member: Member;
  onRole: (role: GroupRole) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const [role, setRole] = useState<GroupRole>(m.role);
  const selectId = useId();
  return (
    <li className="card groups-person">
      <p>
        <strong>{m.handle}</strong> · {t(`groups.roles.${m.role}`)}
        {!m.conduct_current && <> · {t('groups.members.oldConduct')}</>}
      </p>
      <div className="groups-inline">
        <label htmlFor={selectId}>{t('groups.members.roleOf', { handle: m.handle })}</label>
        <select id={selectId} value={role} onChange={(e) => setRole(e.target.value as GroupRole)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`groups.roles.${r}`)}
            </option>
          ))}
        </select>
        <button type="button" className="button secondary form-button" disabled={role === m.role} onClick={() => onRole(role)}>
          {t('groups.members.changeRole')}
        </button>
        <button
          type="button"
          className="button secondary form-button"
          aria-label={t('groups.members.removeNamed', { handle: m.handle })}
          onClick={onRemove}
        >
          {t('groups.members.remove')}
        </button>
      </div>
    </li>
  );
}
