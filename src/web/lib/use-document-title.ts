import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useDiscreet } from './discreet.js';

/**
 * Sets the tab title to "<page> · Kinship", so each page is announced by name; in discreet mode every page is
 * titled neutrally ("Notes"), so a glance at the tabs gives nothing away.
 */
export function useDocumentTitle(page: string): void {
  const { t } = useTranslation();
  const discreet = useDiscreet();
  useEffect(() => {
    document.title = discreet ? t('discreet.neutralTitle') : `${page} · ${t('app.name')}`;
  }, [page, t, discreet]);
}
