import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { changeRole, type AdminAccount, type RoleName } from '../../lib/account-settings-api.js';
import { BusyButton, ErrorSummary, Field, useFormRun } from '../../components/ui/form-kit.js';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.js';

const ROLES: RoleName[] = ['facilitator', 'moderator', 'org_admin', 'site_admin'];
/** Roles held for one group (facilitator) or organisation (org_admin); the server refuses them without a scope. */
const SCOPED: RoleName[] = ['facilitator', 'org_admin'];
const SCOPE_MAX = 64;

interface Change {
  role: RoleName;
  scope?: string | undefined;
  grant: boolean;
}

/** One account's roles: take one away, or give one, each after a confirmation that says what follows. */
export function RoleEditor({
  account,
  onChanged,
  onClose,
}: {
  account: AdminAccount;
  onChanged: (updated: AdminAccount) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const form = useFormRun();
  const [role, setRole] = useState<RoleName>('moderator');
  const [scope, setScope] = useState('');
  const [pending, setPending] = useState<Change | null>(null);
  const [status, setStatus] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, [account.id]);

  const roleName = (r: RoleName, s?: string) => (s ? `${t(`account.roles.${r}`)} (${s})` : t(`account.roles.${r}`));

  const ask = (e: FormEvent) => {
    e.preventDefault();
    setStatus('');
    const scoped = SCOPED.includes(role);
    if (scoped && !scope.trim())
      return form.fail({
        summary: t('account.errors.checkFields', { count: 1 }),
        fields: { scope: t('people.roles.scopeMissing') },
      });
    setPending({ role, scope: scoped ? scope.trim() : undefined, grant: true });
  };

  const apply = async () => {
    const change = pending;
    setPending(null);
    if (!change) return;
    let updated: AdminAccount | undefined;
    const ok = await form.run(async () => {
      updated = await changeRole(account.id, change.role, change.grant, change.scope);
    });
    if (ok && updated) {
      setStatus(
        t(change.grant ? 'people.roles.granted' : 'people.roles.revoked', {
          role: roleName(change.role, change.scope),
          handle: account.handle,
        }),
      );
      setScope('');
      onChanged(updated);
      headingRef.current?.focus();
    }
  };

  return (
    <div className="people-editor card" aria-labelledby={`${id}-title`} role="region">
      <h3 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        {t('people.roles.title', { handle: account.handle })}
      </h3>
      <p>{t('people.roles.note')}</p>
      <ErrorSummary form={form} />
      <p role="status" className="people-status">
        {status}
      </p>
      {account.roles.length === 0 ? (
        <p>{t('people.accounts.noRoles')}</p>
      ) : (
        <ul className="people-roles">
          {account.roles.map((r) => (
            <li key={`${r.role}:${r.scope ?? ''}`}>
              <span>{roleName(r.role, r.scope)}</span>
              <button
                type="button"
                className="button secondary form-button"
                aria-label={t('people.roles.removeNamed', { role: roleName(r.role, r.scope) })}
                onClick={() => setPending({ role: r.role, scope: r.scope, grant: false })}
              >
                {t('people.roles.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form noValidate aria-busy={form.busy} onSubmit={ask}>
        <h4>{t('people.roles.giveTitle')}</h4>
        <Field id={`${id}-role`} label={t('people.roles.role')}>
          {(props) => (
            <select {...props} value={role} onChange={(e) => setRole(e.target.value as RoleName)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`account.roles.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {SCOPED.includes(role) && (
          <Field
            id={`${id}-scope`}
            label={role === 'facilitator' ? t('people.roles.scopeGroup') : t('people.roles.scopeOrg')}
            hint={t('people.roles.scopeHint')}
            error={form.problem?.fields.scope}
          >
            {(props) => <input {...props} maxLength={SCOPE_MAX} value={scope} onChange={(e) => setScope(e.target.value)} />}
          </Field>
        )}
        <p className="actions">
          <BusyButton busy={form.busy} label={t('people.roles.give')} busyLabel={t('account.working')} />
          <button type="button" className="button secondary form-button" onClick={onClose}>
            {t('people.roles.close')}
          </button>
        </p>
      </form>
      <ConfirmDialog
        open={pending !== null}
        title={
          pending
            ? t(pending.grant ? 'people.roles.confirmGive' : 'people.roles.confirmRemove', {
                role: roleName(pending.role, pending.scope),
                handle: account.handle,
              })
            : ''
        }
        confirmLabel={pending?.grant ? t('people.roles.give') : t('people.roles.remove')}
        cancelLabel={t('account.cancel')}
        danger={pending ? !pending.grant : false}
        onConfirm={() => void apply()}
        onCancel={() => setPending(null)}
      >
        <p>{t('people.roles.confirmBody')}</p>
      </ConfirmDialog>
    </div>
  );
}
