import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { listAudit, type AuditEntry } from '../../lib/account-settings-api.js';
import { formatMoment } from '../../lib/account-format.js';
import { ErrorSummary, useFormRun } from '../../components/ui/form-kit.js';
import { useSession } from '../../lib/session.js';

const PAGE = 25;
const KNOWN_ACTIONS = [
  'role.granted',
  'role.revoked',
  'account.exported',
  'account.deleted',
  'source.created',
  'source.updated',
  'source.deleted',
  'import.run',
];

/** An action in words where we know it; otherwise its code, which is still readable ("group.archived"). */
function actionText(action: string, t: TFunction): string {
  return KNOWN_ACTIONS.includes(action) ? t(`people.audit.actions.${action.replace('.', '_')}`) : action;
}

function detailText(detail: Record<string, unknown>, t: TFunction): string {
  return Object.entries(detail)
    .map(([k, v]) => {
      const value = k === 'role' && typeof v === 'string' ? t(`account.roles.${v}`, { defaultValue: v }) : String(v);
      return `${k}: ${value}`;
    })
    .join(', ');
}

/** The audit log, newest first, as a table paged by "Older entries". */
export function AuditPart() {
  const { t, i18n } = useTranslation();
  const { state } = useSession();
  const id = useId();
  const form = useFormRun();
  const [before, setBefore] = useState<number[]>([]);
  const [page, setPage] = useState<{ entries: AuditEntry[]; next_before: number | null } | null>(null);
  const cursor = before[before.length - 1];
  const { run } = form;

  const load = useCallback(() => run(async () => setPage(await listAudit({ before: cursor, limit: PAGE }))), [run, cursor]);
  useEffect(() => {
    void load();
  }, [load]);

  const when = (iso: string) => formatMoment(iso, i18n.language, state?.account?.time_zone);

  return (
    <section aria-labelledby={`${id}-title`} className="people-section">
      <h2 id={`${id}-title`}>{t('people.audit.title')}</h2>
      <p>{t('people.audit.intro')}</p>
      <ErrorSummary form={form} />
      {page &&
        (page.entries.length === 0 ? (
          <p>{t('people.audit.none')}</p>
        ) : (
          <div className="people-table-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
            <table className="people-table">
              <caption id={`${id}-caption`}>
                {before.length === 0 ? t('people.audit.captionNewest') : t('people.audit.captionOlder')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('people.audit.when')}</th>
                  <th scope="col">{t('people.audit.who')}</th>
                  <th scope="col">{t('people.audit.what')}</th>
                  <th scope="col">{t('people.audit.whom')}</th>
                  <th scope="col">{t('people.audit.details')}</th>
                </tr>
              </thead>
              <tbody>
                {page.entries.map((e) => (
                  <tr key={e.id}>
                    <td>{when(e.created_at)}</td>
                    <td>{e.actor ?? t('people.audit.nobody')}</td>
                    <th scope="row">{actionText(e.action, t)}</th>
                    <td>{e.target_account ?? (e.target ? `${e.target.kind} ${e.target.id}` : '')}</td>
                    <td>{detailText(e.detail, t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      <p className="actions">
        {before.length > 0 && (
          <button type="button" className="button secondary form-button" onClick={() => setBefore([])}>
            {t('people.audit.newest')}
          </button>
        )}
        {page?.next_before && (
          <button
            type="button"
            className="button secondary form-button"
            onClick={() => setBefore((b) => [...b, page.next_before ?? 0])}
          >
            {t('people.audit.older')}
          </button>
        )}
      </p>
    </section>
  );
}
