import { withWriteTransaction } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { resetMail } from '../../mail/messages.js';
import type { Mailer } from '../../mail/mailer.js';
import { newToken, tokenHash } from '../../security/tokens.js';
import { appendAudit } from '../audit/repository.js';
import { assertStrongPassword, secondFactorStep, type AuthDeps, type ClientInfo, type SignInResult } from './auth-service.js';
import { hashPassword } from './password.js';
import { findAccountById, findAccountsByEmail, updateAccount } from './repository/accounts.js';
import { deleteUnusedResetsOf, findReset, replaceResetToken, spendReset } from './repository/resets.js';
import { deleteSessionsOf } from './repository/sessions.js';
import { startSession } from './sessions-service.js';

/** A reset link works this long, once. */
export const RESET_TTL_MS = 30 * 60_000;
/** Accounts one address can reset in one request (a few pseudonyms may share an inbox). */
const ACCOUNTS_PER_ADDRESS = 5;

export const resetTokenInvalid = () =>
  new AppError('reset_token_invalid', 'This reset link has expired or was already used. Please ask for a new one.');

/**
 * Mails a reset link to every account with this address (any case). Runs after the request has been answered, so
 * the answer and its timing are the same whether or not the address belongs to anyone. Each address may be sent a
 * limited number of links an hour (keyed by an HMAC of the address); past it, nothing is sent and nothing is said.
 */
export async function sendResetLinks(deps: AuthDeps & { mailer: Mailer }, email: string, siteOrigin: string): Promise<number> {
  const folded = email.trim().toLowerCase();
  try {
    await deps.limits.take('reset:email', folded, deps.limits.settings.passwordReset);
  } catch (err) {
    if (err instanceof AppError && err.code === 'rate_limited') return 0;
    throw err;
  }
  const accounts = await findAccountsByEmail(deps.database.db, folded, ACCOUNTS_PER_ADDRESS);
  let sent = 0;
  for (const account of accounts) {
    if (!account.email) continue;
    const token = newToken();
    const now = deps.now();
    await replaceResetToken(deps.database.db, {
      account_id: account.id,
      token_hash: tokenHash(token),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + RESET_TTL_MS).toISOString(),
    });
    const link = `${siteOrigin}/reset?token=${encodeURIComponent(token)}`;
    const mail = resetMail(account.language, { handle: account.handle, link, minutes: RESET_TTL_MS / 60_000 });
    // To the address as the account stored it, not as the request spelled it.
    await deps.mailer.send({ to: account.email, ...mail });
    sent += 1;
  }
  return sent;
}

/**
 * Sets a new password with a mailed token. The token is used up, every session of the account ends, and then the
 * answer is the same as a sign-in's: signed in, or — when the account has a second factor — the second step, so a
 * reset never skips two-factor authentication.
 */
export async function resetPassword(
  deps: AuthDeps,
  input: { token: string; new_password: string },
  client: ClientInfo,
): Promise<SignInResult> {
  const now = deps.now();
  const iso = now.toISOString();
  const reset = await findReset(deps.database.db, tokenHash(input.token));
  if (!reset || reset.used_at !== null || reset.expires_at <= iso) throw resetTokenInvalid();
  const account = await findAccountById(deps.database.db, reset.account_id);
  if (!account) throw resetTokenInvalid();
  // A weak password is refused before the token is spent, so the member can try another.
  assertStrongPassword(input.new_password, [account.handle, account.email], 'body.new_password');
  const passwordHash = await hashPassword(input.new_password);
  await withWriteTransaction(deps.database, async (tx) => {
    if (!(await spendReset(tx, reset.id, iso))) throw resetTokenInvalid();
    await deleteUnusedResetsOf(tx, account.id);
    await updateAccount(tx, account.id, { password_hash: passwordHash, updated_at: iso });
    await deleteSessionsOf(tx, account.id);
    await appendAudit(tx, { actorId: account.id, action: 'password.reset', targetAccountId: account.id }, iso);
  });
  const step = await secondFactorStep(deps, account);
  if (step) return step;
  const session = await startSession(deps.database.db, account.id, {
    secondFactor: false,
    label: client.label,
    replacing: client.previousToken,
    now,
    policy: deps.sessions,
  });
  return { status: 'signed_in', accountId: account.id, session };
}
