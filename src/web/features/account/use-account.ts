import { useCallback } from 'react';
import type { Account } from '../../lib/account-api.js';
import { useSession } from '../../lib/session.js';

/**
 * The signed-in account for the account page's sections, and a way to hand back what the server answered so the
 * header and every section follow at once.
 */
export function useAccount() {
  const session = useSession();
  const { state, setState } = session;
  const applyAccount = useCallback(
    (account: Account) => {
      if (state) setState({ ...state, account });
    },
    [state, setState],
  );
  return { ...session, account: state?.account ?? null, applyAccount };
}
