import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { getSessionState, rememberCsrf, type SessionState } from './account-api.js';

/**
 * Who is signed in, for every page. Read once at start (`GET /api/session`); pages that sign in or out, or change
 * the account, hand the new state to `setState` (or call `refresh`) so the header and guards follow at once.
 * Offline or on a failed request the page works as signed out: the finder never depends on an account.
 */
export interface SessionContextValue {
  /** Null until the first answer (or failure). */
  state: SessionState | null;
  loading: boolean;
  setState: (state: SessionState) => void;
  refresh: () => Promise<void>;
}

const SIGNED_OUT: SessionState = { account: null, csrf_token: null, second_factor: false };

const SessionContext = createContext<SessionContextValue>({
  state: SIGNED_OUT,
  loading: false,
  setState: () => undefined,
  refresh: async () => undefined,
});

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setRawState] = useState<SessionState | null>(null);
  const setState = useCallback((next: SessionState) => {
    rememberCsrf(next);
    setRawState(next);
  }, []);
  const refresh = useCallback(async () => {
    try {
      setState(await getSessionState());
    } catch {
      setRawState((current) => current ?? SIGNED_OUT);
    }
  }, [setState]);
  useEffect(() => {
    let live = true;
    getSessionState().then(
      (next) => live && setState(next),
      () => live && setRawState((current) => current ?? SIGNED_OUT),
    );
    return () => {
      live = false;
    };
  }, [setState]);
  // A member's own language follows them: on signing in (or opening the site signed in) the interface switches to
  // the language saved on their account. Only when the account changes, so the header's switcher still works.
  const { i18n } = useTranslation();
  const accountId = state?.account?.id;
  const accountLanguage = state?.account?.language;
  useEffect(() => {
    if (accountId !== undefined && accountLanguage && i18n.resolvedLanguage !== accountLanguage)
      void i18n.changeLanguage(accountLanguage);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on a new account only, not on every language change
  }, [accountId]);
  const value = useMemo(() => ({ state, loading: state === null, setState, refresh }), [state, setState, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export const useSession = () => useContext(SessionContext);
