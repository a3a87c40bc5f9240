import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  okSchema,
  recoverSchema,
  resetRequestSchema,
  resetSchema,
  secondFactorSchema,
  sessionStateSchema,
  signInResponseSchema,
  signInSchema,
  signUpResponseSchema,
  signUpSchema,
} from '../../../../shared/schemas/accounts.js';
import { errorResponseSchema } from '../../../../shared/schemas/errors.js';
import type { AppDeps } from '../../../deps.js';
import { completeSecondFactor, recoverWithCode, signIn, signUp } from '../auth-service.js';
import { findSession } from '../repository/sessions.js';
import { deleteSession, deleteSessionsOf } from '../repository/sessions.js';
import { accountView } from '../account-view.js';
import { AppError } from '../../../errors.js';
import { mailErrorForLog } from '../../../mail/mailer.js';
import { siteOrigin } from '../relying-party.js';
import { resetPassword, sendResetLinks } from '../reset-service.js';
import { authDeps, clientInfo, signedIn, signedOut } from './context.js';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 429: errorResponseSchema };

/** Signing up, in and out, and recovery with a code. Every answer that starts a session sets a new cookie. */
export const authRoutes: FastifyPluginAsync<AppDeps> = async (fastify, deps) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const auth = fastify.auth;
  const svc = authDeps(auth, deps.database);

  app.get(
    '/api/session',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Who is signed in here',
        description:
          'The signed-in account and the CSRF token to send with state-changing requests; `account` is null when no one is.',
        response: { 200: sessionStateSchema },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      const actor = await request.actor();
      if (actor.kind !== 'member') return { account: null, csrf_token: null, second_factor: false };
      const row = await findSession(deps.database.db, actor.sessionId);
      return {
        account: await accountView(deps.database.db, actor.accountId),
        csrf_token: row?.csrf_token ?? null,
        second_factor: actor.secondFactor,
      };
    },
  );

  app.post(
    '/api/auth/sign-up',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Create an account',
        description:
          'A handle and a password; e-mail is optional. Answers with ten recovery codes, shown this once. Passwords: at least 12 characters and not easy to guess (checked offline). At most 5 sign-ups per client an hour.',
        body: signUpSchema,
        response: { 201: signUpResponseSchema, 409: errorResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await signUp(svc, request.body, clientInfo(request, auth));
      const state = await signedIn(reply, auth, deps.database, result.accountId, result.session, false);
      return reply.code(201).send({ ...state, recovery_codes: result.recoveryCodes });
    },
  );

  app.post(
    '/api/auth/sign-in',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Sign in with a handle and password',
        description:
          'Either signs in, or (with two-factor set up) returns a `challenge` for `/api/auth/sign-in/second-factor`. The answer is the same for an unknown handle and a wrong password. After 5 failures the handle waits, longer each time (429 with Retry-After), even for the right password.',
        body: signInSchema,
        response: { 200: signInResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await signIn(svc, request.body.handle, request.body.password, clientInfo(request, auth));
      if (result.status === 'second_factor') return result;
      const state = await signedIn(reply, auth, deps.database, result.accountId, result.session, false);
      return { status: 'signed_in' as const, ...state };
    },
  );

  app.post(
    '/api/auth/sign-in/second-factor',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Finish signing in with a second factor',
        description: 'A six-digit code from the authenticator app, or a recovery code (each works once).',
        body: secondFactorSchema,
        response: { 200: sessionStateSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await completeSecondFactor(svc, request.body.challenge, request.body.code, clientInfo(request, auth));
      return signedIn(reply, auth, deps.database, result.accountId, result.session, true);
    },
  );

  app.post(
    '/api/auth/recover',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Set a new password with a recovery code',
        description: 'For accounts without e-mail: the handle, one recovery code and a new password. Every other session ends.',
        body: recoverSchema,
        response: { 200: sessionStateSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await recoverWithCode(svc, request.body, clientInfo(request, auth));
      return signedIn(reply, auth, deps.database, result.accountId, result.session, false);
    },
  );

  app.post(
    '/api/auth/reset-request',
    {
      schema: {
        tags: ['accounts'],
        summary: 'E-mail me a link to reset my password',
        description:
          'Always answers 202, whether or not the address belongs to an account; the mail (one per account with that address) goes out afterwards. The link works once, for 30 minutes, and a new request replaces it. At most 5 requests per client and 5 mails per address an hour. Only when `accounts.email_reset` in /api/meta is true (400 otherwise).',
        body: resetRequestSchema,
        response: { 202: okSchema, ...errors },
      },
    },
    async (request, reply) => {
      const mailer = deps.mailer;
      if (!mailer) throw new AppError('bad_request', 'E-mail reset is not available on this site. Use a recovery code instead.');
      await auth.limits.take('reset:address', request.ip, auth.limits.settings.passwordReset);
      const origin = (siteOrigin(deps.config, request) ?? new URL(deps.config.publicUrl)).origin;
      const { email } = request.body;
      const log = request.log;
      deps.background.run(() =>
        sendResetLinks({ ...svc, mailer }, email, origin).catch((err: unknown) => {
          log.warn({ mail: mailErrorForLog(err) }, 'password reset mail not sent');
        }),
      );
      return reply.code(202).send({ ok: true as const });
    },
  );

  app.post(
    '/api/auth/reset',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Set a new password with a mailed link',
        description:
          'The token from the link and a new password (same rules as sign-up). Every session of the account ends. Answers like a sign-in: signed in, or `second_factor` when the account has two-factor set up. An expired, used or unknown token answers 400 `reset_token_invalid`.',
        body: resetSchema,
        response: { 200: signInResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await resetPassword(svc, request.body, clientInfo(request, auth));
      if (result.status === 'second_factor') return result;
      const state = await signedIn(reply, auth, deps.database, result.accountId, result.session, false);
      return { status: 'signed_in' as const, ...state };
    },
  );

  app.post(
    '/api/auth/sign-out',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Sign out here',
        description: 'Ends this session. Needs the x-csrf-token header.',
        response: { 200: sessionStateSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = await request.actor();
      if (actor.kind === 'member') await deleteSession(deps.database.db, actor.sessionId);
      return signedOut(reply, auth);
    },
  );

  app.post(
    '/api/auth/sign-out-everywhere',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Sign out on every device',
        description: 'Ends every session of the account, this one included. Needs the x-csrf-token header.',
        response: { 200: sessionStateSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = await request.actor();
      if (actor.kind === 'member') await deleteSessionsOf(deps.database.db, actor.accountId);
      return signedOut(reply, auth);
    },
  );
};
