import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/account-api.js';
import { addPasskey, listPasskeys, passkeyOptions, removePasskey, type Passkey } from '../../lib/account-settings-api.js';
import { formatMoment } from '../../lib/account-format.js';
import { ErrorSummary, Field, SubmitOrCancel, useFormRun } from '../../components/ui/form-kit.js';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.js';
import { useAccount } from './use-account.js';

const NAME_MAX = 60; // ACCOUNT_LIMITS.passkeyName

/**
 * Passkeys: the list, adding one (password, then the browser's own passkey prompt) and removing one. The WebAuthn
 * helper is loaded only when a passkey is added, so it stays out of every page's first load. On a server without
 * the passkey routes (404) this part shows nothing.
 */
export function PasskeysPart() {
  const { t, i18n } = useTranslation();
  const { account, refresh } = useAccount();
  const id = useId();
  const form = useFormRun();
  const [passkeys, setPasskeys] = useState<Passkey[] | null>(null);
  const [missing, setMissing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [status, setStatus] = useState('');
  const [removing, setRemoving] = useState<Passkey | null>(null);
  const partRef = useRef<HTMLHeadingElement>(null);
  const supported = typeof window !== 'undefined' && 'PublicKeyCredential' in window;

  const [version, setVersion] = useState(0);
  const load = useCallback(() => setVersion((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    listPasskeys().then(
      (r) => live && setPasskeys(Array.isArray(r?.passkeys) ? r.passkeys : []),
      (err: unknown) => {
        if (!live) return;
        if (err instanceof ApiError && err.status === 404) setMissing(true);
        else setPasskeys([]);
      },
    );
    return () => {
      live = false;
    };
  }, [version]);

  if (!account || missing || passkeys === null) return null;

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!name.trim()) fields.name = t('account.passkeys.nameMissing');
    if (!password) fields.password = t('account.password.currentMissing');
    if (Object.keys(fields).length > 0)
      return form.fail({ summary: t('account.errors.checkFields', { count: Object.keys(fields).length }), fields });
    let cancelled = false;
    const ok = await form.run(async () => {
      const { options } = await passkeyOptions(password);
      const { startRegistration } = await import('@simplewebauthn/browser');
      let response: unknown;
      try {
        response = await startRegistration({ optionsJSON: options as Parameters<typeof startRegistration>[0]['optionsJSON'] });
      } catch {
        cancelled = true;
        return;
      }
      await addPasskey(name.trim(), response);
    });
    if (ok && cancelled) return form.fail({ summary: t('account.passkeys.cancelled'), fields: {} });
    if (ok) {
      setAdding(false);
      setName('');
      setPassword('');
      setStatus(t('account.passkeys.added'));
      load();
      void refresh();
      partRef.current?.focus();
    }
  };

  const remove = async () => {
    const target = removing;
    setRemoving(null);
    if (!target) return;
    const ok = await form.run(() => removePasskey(target.id).then(() => undefined));
    if (ok) {
      setStatus(t('account.passkeys.removed', { name: target.name }));
      load();
      void refresh();
      partRef.current?.focus();
    }
  };

  const when = (iso: string) => formatMoment(iso, i18n.language, account.time_zone);

  return (
    <div className="account-part">
      <h3 ref={partRef} tabIndex={-1}>
        {t('account.passkeys.title')}
      </h3>
      <p>{t('account.passkeys.intro')}</p>
      <ErrorSummary form={form} />
      <p role="status" className="account-status">
        {status}
      </p>
      {passkeys.length === 0 ? (
        <p>{t('account.passkeys.none')}</p>
      ) : (
        <ul className="account-list">
          {passkeys.map((p) => (
            <li key={p.id} className="card">
              <h4>{p.name}</h4>
              <dl className="account-facts">
                <dt>{t('account.passkeys.createdAt')}</dt>
                <dd>{when(p.created_at)}</dd>
                <dt>{t('account.passkeys.lastUsed')}</dt>
                <dd>{p.last_used_at ? when(p.last_used_at) : t('account.passkeys.never')}</dd>
              </dl>
              <button
                type="button"
                className="button secondary form-button"
                aria-label={t('account.passkeys.removeNamed', { name: p.name })}
                onClick={() => setRemoving(p)}
              >
                {t('account.passkeys.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {!supported && <p>{t('account.passkeys.unsupported')}</p>}
      {supported && !adding && (
        <p className="actions">
          <button type="button" className="button secondary form-button" onClick={() => setAdding(true)}>
            {t('account.passkeys.add')}
          </button>
        </p>
      )}
      {supported && adding && (
        <form noValidate aria-busy={form.busy} onSubmit={(e) => void add(e)}>
          <Field
            id={`${id}-name`}
            label={t('account.passkeys.name')}
            hint={t('account.passkeys.nameHint')}
            error={form.problem?.fields.name}
          >
            {(props) => (
              <input {...props} maxLength={NAME_MAX} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
            )}
          </Field>
          <Field id={`${id}-password`} label={t('account.recovery.password')} error={form.problem?.fields.password}>
            {(props) => (
              <input
                {...props}
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          <SubmitOrCancel
            busy={form.busy}
            label={t('account.passkeys.addConfirm')}
            busyLabel={t('account.working')}
            cancelLabel={t('account.cancel')}
            onCancel={() => {
              setAdding(false);
              form.clear();
              partRef.current?.focus();
            }}
          />
        </form>
      )}
      <ConfirmDialog
        open={removing !== null}
        title={t('account.passkeys.removeTitle', { name: removing?.name ?? '' })}
        confirmLabel={t('account.passkeys.remove')}
        cancelLabel={t('account.cancel')}
        danger
        onConfirm={() => void remove()}
        onCancel={() => setRemoving(null)}
      >
        <p>{t('account.passkeys.removeBody')}</p>
      </ConfirmDialog>
    </div>
  );
}
