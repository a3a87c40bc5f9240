import { useSyncExternalStore } from 'react';
import { useSession } from './session.js';

/**
 * Discreet mode: a neutral tab title and icon, and a "Quick exit" that leaves for an ordinary site. It is on when the
 * account's `discreet` setting is, or when this device's switch is (for people without an account; kept in
 * localStorage, never sent anywhere).
 */
const DEVICE_KEY = 'kinship.discreet';

/** Where "Quick exit" goes: a busy, ordinary page that raises no question if someone looks at the screen. */
export const QUICK_EXIT_URL = 'https://www.bbc.com/weather';

/** The neutral icon shown in the tab (src/web/public/neutral-icon.svg) and the app's own. */
export const NEUTRAL_ICON = '/neutral-icon.svg';
export const APP_ICON = '/icon.svg';

const listeners = new Set<() => void>();
// Storage can be unavailable (some private modes): the switch then holds for this page only.
let memory = false;

function readDevice(): boolean {
  try {
    return localStorage.getItem(DEVICE_KEY) === 'on';
  } catch {
    return memory;
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab turning it on or off counts too.
  const onStorage = (e: StorageEvent) => {
    if (e.key === DEVICE_KEY || e.key === null) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** This device's switch. */
export const deviceDiscreet = {
  get: readDevice,
  set(on: boolean): void {
    memory = on;
    try {
      if (on) localStorage.setItem(DEVICE_KEY, 'on');
      else localStorage.removeItem(DEVICE_KEY);
    } catch {
      // kept in memory above
    }
    for (const listener of listeners) listener();
  },
};

export const useDeviceDiscreet = (): boolean => useSyncExternalStore(subscribe, readDevice, () => false);

/** Whether discreet mode is on here: the account's setting or this device's switch. */
export function useDiscreet(): boolean {
  const { state } = useSession();
  const device = useDeviceDiscreet();
  return device || state?.account?.discreet === true;
}

/**
 * Leaves at once for the neutral site. `location.replace` swaps this page's history entry for the other site's,
 * so "Back" does not come straight back here.
 */
export function quickExit(): void {
  window.location.replace(QUICK_EXIT_URL);
}
