import QRCode from 'qrcode';
import { AppError, conflict, notFound } from '../../errors.js';
import { PRIVILEGED_ROLES } from '../../../shared/schemas/accounts.js';
import { newToken, tokenHash } from '../../security/tokens.js';
import type { AuthDeps, ClientInfo } from './auth-service.js';
import { findAccountById, listGrants, updateAccount } from './repository/accounts.js';
import { insertChallenge, takeChallenge } from './repository/secrets.js';
import { startSession, type StartedSession } from './sessions-service.js';
import { matchTotp, newTotpSecret, totpUri } from './totp.js';
import { countPasskeys } from './account-view.js';
import { confirmPassword } from './settings-service.js';

const SETUP_TTL_MS = 15 * 60_000;
export const TOTP_ISSUER = 'Kinship';

export interface TotpSetup {
  challenge: string;
  secret: string;
  uri: string;
  /** The QR code's modules, row by row ('1' dark, '0' light), drawn by the page itself: no image service. */
  qr: { size: number; rows: string[] };
}

/** Starts enrolment: a new secret, held in a short-lived challenge until the member proves their app has it. */
export async function beginTotpSetup(deps: AuthDeps, accountId: number): Promise<TotpSetup> {
  const account = await findAccountById(deps.database.db, accountId);
  if (!account) throw notFound('account');
  const secret = newTotpSecret();
  const challenge = newToken();
  await insertChallenge(deps.database.db, {
    id: tokenHash(challenge),
    kind: 'totp_setup',
    account_id: accountId,
    data: JSON.stringify({ secret }),
    expires_at: new Date(deps.now().getTime() + SETUP_TTL_MS).toISOString(),
  });
  const uri = totpUri(secret, TOTP_ISSUER, account.handle);
  return { challenge, secret, uri, qr: qrRows(uri) };
}

function qrRows(text: string): { size: number; rows: string[] } {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const rows: string[] = [];
  for (let y = 0; y < size; y++) {
    let row = '';
    for (let x = 0; x < size; x++) row += qr.modules.get(y, x) ? '1' : '0';
    rows.push(row);
  }
  return { size, rows };
}

/**
 * Finishes enrolment with a code from the app. The session is replaced by one that counts as second-factor
 * checked (a privilege change, so a new session id).
 */
export async function enableTotp(
  deps: AuthDeps,
  accountId: number,
  input: { challenge: string; code: string },
  client: ClientInfo,
): Promise<StartedSession> {
  const now = deps.now();
  const setup = await takeChallenge(deps.database.db, tokenHash(input.challenge), 'totp_setup', now.toISOString());
  if (!setup || setup.account_id !== accountId) throw new AppError('bad_request', 'This set-up has expired. Please start again.');
  const { secret } = JSON.parse(setup.data) as { secret: string };
  const step = matchTotp(secret, input.code, now, null);
  if (step === undefined) {
    // Leave the set-up open so the member can try the next code.
    await insertChallenge(deps.database.db, {
      id: tokenHash(input.challenge),
      kind: 'totp_setup',
      account_id: accountId,
      data: setup.data,
      expires_at: new Date(now.getTime() + SETUP_TTL_MS).toISOString(),
    });
    throw new AppError('validation_failed', 'That code is not right. Check the time on your phone and try the next one.', [
      { field: 'body.code', message: 'is not right' },
    ]);
  }
  await updateAccount(deps.database.db, accountId, {
    totp_secret: secret,
    totp_enabled_at: now.toISOString(),
    totp_last_step: step,
    updated_at: now.toISOString(),
  });
  return startSession(deps.database.db, accountId, {
    secondFactor: true,
    label: client.label,
    replacing: client.previousToken,
    now,
    policy: deps.sessions,
  });
}

/** Turns TOTP off after the password; refused while a privileged role needs a second factor and no passkey remains. */
export async function disableTotp(deps: AuthDeps, accountId: number, password: string, client: ClientInfo): Promise<void> {
  await confirmPassword(deps, accountId, password, client, 'body.password');
  const [grants, passkeys] = await Promise.all([
    listGrants(deps.database.db, accountId),
    countPasskeys(deps.database.db, accountId),
  ]);
  if (passkeys === 0 && grants.some((g) => PRIVILEGED_ROLES.includes(g.role)))
    throw conflict('Your role needs a second factor. Add a passkey before turning the authenticator app off.');
  const now = deps.now().toISOString();
  await updateAccount(deps.database.db, accountId, {
    totp_secret: null,
    totp_enabled_at: null,
    totp_last_step: null,
    updated_at: now,
  });
}
