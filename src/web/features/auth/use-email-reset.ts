import { useEffect, useState } from 'react';
import { emailResetAvailable } from '../../lib/auth-api.js';

/**
 * Whether this installation sends password-reset e-mails (`GET /api/meta`): null while asking, false on failure or
 * from a server that does not say. Recovery codes are offered whatever the answer.
 */
export function useEmailReset(): boolean | null {
  const [available, setAvailable] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    void emailResetAvailable().then((yes) => live && setAvailable(yes));
    return () => {
      live = false;
    };
  }, []);
  return available;
}
