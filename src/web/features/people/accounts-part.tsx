import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { listAccounts, type AdminAccount } from '../../lib/account-settings-api.js';
import { formatMoment } from '../../lib/account-format.js';
import { ErrorSummary, Field, useFormRun } from '../../components/ui/form-kit.js';
import { useSession } from '../../lib/session.js';
import { RoleEditor } from './role-editor.js';

const PAGE = 25;

/** Accounts by handle (search by the start of a handle, paged), with their roles and whether two-step sign-in is on. */
export function AccountsPart({ onChanged }: { onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const { state } = useSession();
  const id = useId();
  const form = useFormRun();
  const [prefix, setPrefix] = useState('');
  const [query, setQuery] = useState({ prefix: '', after: '' });
  // The `after` keys of the pages before this one, for "Previous page".
  const [history, setHistory] = useState<string[]>([]);
  const [page, setPage] = useState<{ accounts: AdminAccount[]; next_after: string | null } | null>(null);
  const [editing, setEditing] = useState<AdminAccount | null>(null);
  const tableRef = useRef<HTMLDivElement>(null);
  const { run } = form;

  const load = useCallback(
    () =>
      run(async () => {
        setPage(await listAccounts({ prefix: query.prefix || undefined, after: query.after || undefined, limit: PAGE }));
      }),
    [run, query],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const search = (e: FormEvent) => {
    e.preventDefault();
    setHistory([]);
    setQuery({ prefix: prefix.trim(), after: '' });
  };

  const changed = (updated: AdminAccount) => {
    setPage((p) => p && { ...p, accounts: p.accounts.map((a) => (a.id === updated.id ? updated : a)) });
    setEditing(updated);
    onChanged();
  };

  const when = (iso: string) => formatMoment(iso, i18n.language, state?.account?.time_zone);
  const roleList = (a: AdminAccount) =>
    a.roles.length === 0
      ? t('people.accounts.noRoles')
      : a.roles.map((r) => (r.scope ? `${t(`account.roles.${r.role}`)} (${r.scope})` : t(`account.roles.${r.role}`))).join(', ');

  return (
    <section aria-labelledby={`${id}-title`} className="people-section">
      <h2 id={`${id}-title`}>{t('people.accounts.title')}</h2>
      <form role="search" noValidate onSubmit={search} className="people-search">
        <Field id={`${id}-prefix`} label={t('people.accounts.search')} hint={t('people.accounts.searchHint')}>
          {(props) => (
            <input {...props} type="search" maxLength={32} value={prefix} onChange={(e) => setPrefix(e.target.value)} />
          )}
        </Field>
        <p className="actions">
          <button type="submit" className="button form-button">
            {t('people.accounts.searchButton')}
          </button>
        </p>
      </form>
      <ErrorSummary form={form} />
      {page && (
        <>
          <p role="status">{query.prefix ? t('people.accounts.shownFor', { prefix: query.prefix }) : ''}</p>
          {page.accounts.length === 0 ? (
            <p>{t('people.accounts.none')}</p>
          ) : (
            <div ref={tableRef} className="people-table-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
              <table className="people-table">
                <caption id={`${id}-caption`}>{t('people.accounts.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('people.accounts.handle')}</th>
                    <th scope="col">{t('people.accounts.roles')}</th>
                    <th scope="col">{t('people.accounts.twoFactor')}</th>
                    <th scope="col">{t('people.accounts.created')}</th>
                    <th scope="col">
                      <span className="people-visually-hidden">{t('people.accounts.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.accounts.map((a) => (
                    <tr key={a.id}>
                      <th scope="row">{a.handle}</th>
                      <td>{roleList(a)}</td>
                      <td>{a.two_factor ? t('people.accounts.on') : t('people.accounts.off')}</td>
                      <td>{when(a.created_at)}</td>
                      <td>
                        <button
                          type="button"
                          className="button secondary form-button"
                          aria-label={t('people.accounts.manageNamed', { handle: a.handle })}
                          aria-expanded={editing?.id === a.id}
                          onClick={() => setEditing(editing?.id === a.id ? null : a)}
                        >
                          {t('people.accounts.manage')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p className="actions">
            {history.length > 0 && (
              <button
                type="button"
                className="button secondary form-button"
                onClick={() => {
                  const before = history.slice(0, -1);
                  setQuery((q) => ({ ...q, after: history[history.length - 1] ?? '' }));
                  setHistory(before);
                }}
              >
                {t('people.accounts.previous')}
              </button>
            )}
            {page.next_after && (
              <button
                type="button"
                className="button secondary form-button"
                onClick={() => {
                  setHistory((h) => [...h, query.after]);
                  setQuery((q) => ({ ...q, after: page.next_after ?? '' }));
                }}
              >
                {t('people.accounts.next')}
              </button>
            )}
          </p>
        </>
      )}
      {editing && (
        <RoleEditor
          account={editing}
          onChanged={changed}
          onClose={() => {
            setEditing(null);
            tableRef.current?.focus();
          }}
        />
      )}
    </section>
  );
}
