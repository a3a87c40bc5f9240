import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/**
 * Why the server (or, before asking, the page) refuses a facilitator's action: no role, or a role without a second
 * factor (issue 6: roles that act on other people need one), with the way to the account's two-step section.
 */
export function Refusal({ reason }: { reason: 'role' | 'second_factor' | 'facilitate' }) {
  const { t } = useTranslation();
  return (
    <div className="callout">
      <p>
        <strong>{t(`groups.refusal.${reason}.title`)}</strong>
      </p>
      <p>{t(`groups.refusal.${reason}.body`)}</p>
      {reason === 'second_factor' && (
        <p>
          <Link to="/account#two-factor">{t('groups.refusal.toTwoFactor')}</Link>
        </p>
      )}
    </div>
  );
}

/** The refusal an API error stands for, if it is one. */
export function refusalOf(err: unknown, fallback: 'role' | 'facilitate'): 'role' | 'second_factor' | 'facilitate' | null {
  const e = err as { status?: number; code?: string } | null;
  if (e?.code === 'second_factor_required') return 'second_factor';
  if (e?.status === 403) return fallback;
  return null;
}
