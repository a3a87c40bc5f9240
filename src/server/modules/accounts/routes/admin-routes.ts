import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACCOUNT_LIMITS, ROLES, roleGrantSchema } from '../../../../shared/schemas/accounts.js';
import { errorResponseSchema } from '../../../../shared/schemas/errors.js';
import type { AppDeps } from '../../../deps.js';
import { authorize } from '../../../security/policy.js';
import { listAudit } from '../../audit/repository.js';
import { accountsForAdmin, adminAccountView, changeRole } from '../admin-service.js';
import { authDeps } from './context.js';
import type { MemberActor } from '../../../security/actor.js';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 429: errorResponseSchema };
const accountsQuery = z
  .object({
    prefix: z.string().trim().max(ACCOUNT_LIMITS.handleMax).optional().describe('Handles starting with this'),
    after: z.string().max(ACCOUNT_LIMITS.handleMax).optional().describe('next_after of the previous page'),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();
const adminAccountSchema = z.object({
  id: z.number().int(),
  handle: z.string(),
  created_at: z.string(),
  two_factor: z.boolean(),
  roles: z.array(roleGrantSchema),
});
const roleParams = z.object({ id: z.coerce.number().int().positive(), role: z.enum(ROLES) }).strict();
const roleBody = z
  .object({
    scope: z.string().trim().min(1).max(64).optional().describe('The group or organisation, for facilitator and org_admin'),
  })
  .strict();
const auditQuery = z
  .object({ before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) })
  .strict();
const auditEntrySchema = z.object({
  id: z.number().int(),
  action: z.string(),
  actor: z.string().nullable().describe('The handle, or null (an operator token, or a deleted account)'),
  target: z.object({ kind: z.string(), id: z.string() }).nullable(),
  target_account: z.string().nullable().describe('The handle of the account acted on, if it still exists'),
  detail: z.record(z.string(), z.unknown()),
  created_at: z.string(),
});

/** People administration for site admins: accounts and their roles, and the audit log (read-only). */
export const accountAdminRoutes: FastifyPluginAsync<AppDeps> = async (fastify, deps) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const svc = authDeps(fastify.auth, deps.database);
  const tags = ['admin'];

  app.get(
    '/api/admin/accounts',
    {
      schema: {
        tags,
        summary: 'Accounts and their roles',
        description: 'Handles only: an admin never sees e-mail addresses or anyone’s private data.',
        querystring: accountsQuery,
        response: { 200: z.object({ accounts: z.array(adminAccountSchema), next_after: z.string().nullable() }), ...errors },
      },
    },
    async (request) => {
      authorize(await request.actor(), 'accounts.list');
      return accountsForAdmin(svc, request.query.prefix, request.query.after, request.query.limit);
    },
  );

  for (const [method, grant] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const) {
    app.route({
      method,
      url: '/api/admin/accounts/:id/roles/:role',
      schema: {
        tags,
        summary: grant ? 'Give an account a role' : 'Take a role from an account',
        description:
          'Recorded in the audit log. The account’s sessions end, so the change applies at once; privileged roles work only in sessions signed in with a second factor.',
        params: roleParams,
        body: roleBody.optional(),
        response: { 200: adminAccountSchema, 404: errorResponseSchema, 409: errorResponseSchema, ...errors },
      },
      handler: async (request) => {
        const actor = await request.actor();
        authorize(actor, 'roles.grant');
        const { id, role } = request.params;
        await changeRole(svc, (actor as MemberActor).accountId, id, { role, scope: request.body?.scope, grant });
        return adminAccountView(svc, id);
      },
    });
  }

  app.get(
    '/api/admin/audit',
    {
      schema: {
        tags,
        summary: 'The audit log',
        description: 'Privileged actions, newest first. Nobody can change or delete an entry.',
        querystring: auditQuery,
        response: { 200: z.object({ entries: z.array(auditEntrySchema), next_before: z.number().int().nullable() }), ...errors },
      },
    },
    async (request) => {
      authorize(await request.actor(), 'audit.read');
      const rows = await listAudit(deps.database.db, request.query.limit + 1, request.query.before);
      const page = rows.slice(0, request.query.limit);
      return {
        entries: page.map((r) => ({
          id: r.id,
          action: r.action,
          actor: r.actor_handle,
          target: r.target_kind && r.target_id ? { kind: r.target_kind, id: r.target_id } : null,
          target_account: r.target_handle,
          detail: JSON.parse(r.detail) as Record<string, unknown>,
          created_at: r.created_at,
        })),
        next_before: rows.length > request.query.limit ? (page[page.length - 1]?.id ?? null) : null,
      };
    },
  );
};
