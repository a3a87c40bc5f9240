import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/**
 * Says plainly when the device is offline, and what still works. The status region is always in the page, so a
 * screen reader announces the message when it appears (a live region added with its text is often not read).
 */
export function OfflineIndicator() {
  const { t } = useTranslation();
  const online = useSyncExternalStore(
    subscribe,
    () => navigator.onLine,
    () => true,
  );
  return (
    <div role="status" className="offline-status">
      {!online && (
        <p className="offline-banner container">
          <strong>{t('layout.offlineTitle')}</strong> {t('layout.offlineBody')}
        </p>
      )}
    </div>
  );
}
