import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accountExportSchema,
  accountSchema,
  ACCOUNT_LIMITS,
  changePasswordSchema,
  deleteAccountSchema,
  okSchema,
  recoveryCodesSchema,
  sessionIdParamsSchema,
  sessionListSchema,
  sessionStateSchema,
  settingsUpdateSchema,
} from '../../../../shared/schemas/accounts.js';
import { errorResponseSchema } from '../../../../shared/schemas/errors.js';
import type { AppDeps } from '../../../deps.js';
import { notFound } from '../../../errors.js';
import { accountView } from '../account-view.js';
import { presentSession } from '../presenters.js';
import { issueRecoveryCodes } from '../recovery-codes.js';
import { deleteSessionOf, listSessions } from '../repository/sessions.js';
import { changePassword, confirmPassword, updateSettings } from '../settings-service.js';
import { beginTotpSetup, disableTotp, enableTotp } from '../totp-service.js';
import { deleteAccount, EXPORT_SECTIONS, exportAccount, exportSectionCsv } from '../my-data-service.js';
import { authDeps, clientInfo, ownAccount, signedIn, signedOut } from './context.js';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 429: errorResponseSchema };
const passwordBody = z.object({ password: z.string().min(1).max(ACCOUNT_LIMITS.passwordMax) }).strict();
const totpEnableSchema = z
  .object({ challenge: z.string().min(1).max(ACCOUNT_LIMITS.token), code: z.string().trim().min(1).max(ACCOUNT_LIMITS.otp) })
  .strict();
const totpSetupSchema = z.object({
  challenge: z.string(),
  secret: z.string().describe('For typing into the app when the QR code cannot be scanned'),
  uri: z.string(),
  qr: z.object({ size: z.number().int(), rows: z.array(z.string()) }),
});

/** The member's own account: settings, password, sessions, two-factor, export and deletion. */
export const accountRoutes: FastifyPluginAsync<AppDeps> = async (fastify, deps) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const auth = fastify.auth;
  const svc = authDeps(auth, deps.database);
  const db = deps.database.db;
  const tags = ['accounts'];

  app.get(
    '/api/account',
    { schema: { tags, summary: 'My account', response: { 200: accountSchema, ...errors } } },
    async (request, reply) => {
      const me = await ownAccount(request, 'account.read');
      void reply.header('cache-control', 'no-store');
      return accountView(db, me.accountId);
    },
  );

  app.patch(
    '/api/account',
    {
      schema: {
        tags,
        summary: 'Change my settings',
        description: 'E-mail (for recovery only), language, time zone, discreet mode, accepting the guidelines.',
        body: settingsUpdateSchema,
        response: { 200: accountSchema, ...errors },
      },
    },
    async (request) => {
      const me = await ownAccount(request, 'account.update');
      await updateSettings(db, me.accountId, request.body, auth.now());
      return accountView(db, me.accountId);
    },
  );

  app.post(
    '/api/account/password',
    {
      schema: {
        tags,
        summary: 'Change my password',
        description: 'Every other session ends; this one continues with a new cookie.',
        body: changePasswordSchema,
        response: { 200: sessionStateSchema, ...errors },
      },
    },
    async (request, reply) => {
      const me = await ownAccount(request, 'account.update');
      const session = await changePassword(svc, me.accountId, request.body, {
        ...clientInfo(request, auth),
        secondFactor: me.secondFactor,
      });
      return signedIn(reply, auth, deps.database, me.accountId, session, me.secondFactor);
    },
  );

  app.get(
    '/api/account/sessions',
    { schema: { tags, summary: 'Where I am signed in', response: { 200: sessionListSchema, ...errors } } },
    async (request, reply) => {
      const me = await ownAccount(request, 'account.read');
      void reply.header('cache-control', 'no-store');
      const rows = await listSessions(db, me.accountId);
      return { sessions: rows.map((r) => presentSession(r, me.sessionId)) };
    },
  );

  app.delete(
    '/api/account/sessions/:id',
    {
      schema: {
        tags,
        summary: 'End one of my sessions',
        params: sessionIdParamsSchema,
        response: { 200: okSchema, 404: errorResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const me = await ownAccount(request, 'account.update');
      if (!(await deleteSessionOf(db, me.accountId, request.params.id))) throw notFound('session');
      if (request.params.id === me.sessionId) signedOut(reply, auth);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/account/recovery-codes',
    {
      schema: {
        tags,
        summary: 'New recovery codes',
        description: 'Replaces all recovery codes with ten new ones, shown this once. Needs the password.',
        body: passwordBody,
        response: { 200: recoveryCodesSchema, ...errors },
      },
    },
    async (request) => {
      const me = await ownAccount(request, 'account.update');
      await confirmPassword(svc, me.accountId, request.body.password, clientInfo(request, auth), 'body.password');
      return { recovery_codes: await issueRecoveryCodes(db, me.accountId) };
    },
  );

  app.post(
    '/api/account/totp/setup',
    {
      schema: {
        tags,
        summary: 'Start setting up an authenticator app',
        description:
          'A new secret and its QR code (drawn by the page; no outside service). Confirm with a code at /api/account/totp/enable.',
        response: { 200: totpSetupSchema, ...errors },
      },
    },
    async (request) => {
      const me = await ownAccount(request, 'account.update');
      return beginTotpSetup(svc, me.accountId);
    },
  );

  app.post(
    '/api/account/totp/enable',
    {
      schema: {
        tags,
        summary: 'Finish setting up an authenticator app',
        description: 'With a code from the app. This session then counts as signed in with a second factor (new cookie).',
        body: totpEnableSchema,
        response: { 200: sessionStateSchema, ...errors },
      },
    },
    async (request, reply) => {
      const me = await ownAccount(request, 'account.update');
      const session = await enableTotp(svc, me.accountId, request.body, clientInfo(request, auth));
      return signedIn(reply, auth, deps.database, me.accountId, session, true);
    },
  );

  app.post(
    '/api/account/totp/disable',
    {
      schema: {
        tags,
        summary: 'Turn the authenticator app off',
        description: 'Needs the password. Refused (409) while a role needs a second factor and no passkey is left.',
        body: passwordBody,
        response: { 200: accountSchema, 409: errorResponseSchema, ...errors },
      },
    },
    async (request) => {
      const me = await ownAccount(request, 'account.update');
      await disableTotp(svc, me.accountId, request.body.password, clientInfo(request, auth));
      return accountView(db, me.accountId);
    },
  );

  app.get(
    '/api/account/export',
    {
      schema: {
        tags,
        summary: 'Export all my data (JSON)',
        description: `Everything Kinship holds about you. Tabular parts are also at /api/account/export/{section}.csv (${EXPORT_SECTIONS.join(', ')}).`,
        response: { 200: accountExportSchema, ...errors },
      },
    },
    async (request, reply) => {
      const me = await ownAccount(request, 'account.export');
      const data = await exportAccount(svc, me.accountId);
      void reply.header('cache-control', 'no-store').header('content-disposition', 'attachment; filename="kinship-export.json"');
      return data;
    },
  );

  app.get(
    '/api/account/export/:section.csv',
    {
      schema: {
        tags,
        summary: 'Export one part of my data (CSV)',
        params: z.object({ section: z.enum(EXPORT_SECTIONS as [string, ...string[]]) }).strict(),
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) => {
      const me = await ownAccount(request, 'account.export');
      const csv = await exportSectionCsv(svc, me.accountId, request.params.section);
      if (csv === undefined) throw notFound('section');
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="kinship-${request.params.section}.csv"`)
        .type('text/csv; charset=utf-8')
        .send(csv);
    },
  );

  app.post(
    '/api/account/delete',
    {
      schema: {
        tags,
        summary: 'Delete my account',
        description:
          'Removes all your personal data for good. Needs the password; choose whether your group posts are deleted or kept under "former member".',
        body: deleteAccountSchema,
        response: { 200: sessionStateSchema, ...errors },
      },
    },
    async (request, reply) => {
      const me = await ownAccount(request, 'account.delete');
      await confirmPassword(svc, me.accountId, request.body.password, clientInfo(request, auth), 'body.password');
      await deleteAccount(svc, me.accountId, request.body.posts);
      return signedOut(reply, auth);
    },
  );
};
