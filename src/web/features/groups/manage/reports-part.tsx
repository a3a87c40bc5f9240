import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoment } from '../../../lib/account-format.js';
import { useSession } from '../../../lib/session.js';
import { ErrorSummary, useFormRun } from '../../../components/ui/form-kit.js';
import type { GroupPage } from '../api.js';
import { listReports, type Report, type ReportItem } from '../live-api.js';
import { ManageSection } from './manage-section.js';

/**
 * The group's open reports, read-only (the review queue comes with the moderation issue): reason, note, and the
 * copy of what was reported with the items before it, as they were when reported. The reporter is never named.
 */
export function ReportsPart({ group }: { group: GroupPage }) {
  const { t } = useTranslation();
  const form = useFormRun();
  const [reports, setReports] = useState<Report[] | null>(null);
  const { run } = form;
  const load = useCallback(() => run(async () => setReports((await listReports(group.slug)).reports)), [run, group.slug]);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <ManageSection title={t('groups.reports.title')}>
      <p>{t('groups.reports.intro')}</p>
      <ErrorSummary form={form} />
      {reports !== null &&
        (reports.length === 0 ? (
          <p>{t('groups.reports.none')}</p>
        ) : (
          <ul className="groups-list">
            {reports.map((r) => (
              <ReportCard key={r.id} report={r} />
            ))}
          </ul>
        ))}
    </ManageSection>
  );
}

function ReportCard({ report: r }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const { state } = useSession();
  const when = (iso: string) => formatMoment(iso, i18n.language, state?.account?.time_zone);
  return (
    <li className="card">
      <h3>{t(`groups.reports.reasons.${r.reason}`)}</h3>
      <p className="groups-muted">{t('groups.reports.when', { when: when(r.created_at) })}</p>
      {r.note && <p className="groups-text">{t('groups.reports.note', { note: r.note })}</p>}
      {r.snapshot.context.length > 0 && (
        <>
          <h4>{t('groups.reports.context')}</h4>
          <ol className="groups-snapshot">
            {r.snapshot.context.map((item) => (
              <SnapshotItem key={`${item.kind}-${item.id}`} item={item} when={when} />
            ))}
          </ol>
        </>
      )}
      <h4>{t('groups.reports.reported')}</h4>
      <ol className="groups-snapshot groups-reported">
        <SnapshotItem item={r.snapshot.item} when={when} />
      </ol>
    </li>
  );
}

function SnapshotItem({ item, when }: { item: ReportItem; when: (iso: string) => string }) {
  const { t } = useTranslation();
  return (
    <li>
      <p>
        <strong>{item.handle ?? t('groups.reports.former')}</strong> ·{' '}
        <span className="groups-muted">{when(item.created_at)}</span>
      </p>
      {item.title && <p>{item.title}</p>}
      <p className="groups-text">{item.body ?? t('groups.reports.deleted')}</p>
    </li>
  );
}
