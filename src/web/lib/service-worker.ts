/**
 * Registers the service worker (src/web/public/sw.js), which makes the app open offline. Production builds only:
 * in development Vite serves modules that change on every edit, which a worker must not cache. A browser without
 * service workers, or a failed registration, just works online: it is an enhancement, never a requirement.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}
