import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  okSchema,
  passkeyAddSchema,
  passkeyCreationOptionsSchema,
  passkeyIdParamsSchema,
  passkeyListSchema,
  passkeyOptionsRequestSchema,
  passkeyRequestOptionsSchema,
  passkeySchema,
  passkeySignInOptionsSchema,
  passkeySignInSchema,
  signInResponseSchema,
} from '../../../../shared/schemas/accounts.js';
import { errorResponseSchema } from '../../../../shared/schemas/errors.js';
import type { AppDeps } from '../../../deps.js';
import {
  beginPasskeyRegistration,
  finishPasskeyRegistration,
  listOwnPasskeys,
  passkeySignInOptions,
  removePasskey,
  signInWithPasskey,
} from '../passkeys-service.js';
import { relyingParty } from '../relying-party.js';
import { authDeps, clientInfo, ownAccount, signedIn } from './context.js';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 429: errorResponseSchema };
/** WebAuthn answers are a few KB; this bounds what one request can make us parse. */
const bodyLimit = 256 * 1024;

/** Passkeys (WebAuthn): adding and removing them on the account, and signing in with one. */
export const passkeyRoutes: FastifyPluginAsync<AppDeps> = async (fastify, deps) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const auth = fastify.auth;
  const svc = authDeps(auth, deps.database);
  const tags = ['accounts'];

  app.get(
    '/api/account/passkeys',
    { schema: { tags, summary: 'My passkeys', response: { 200: passkeyListSchema, ...errors } } },
    async (request, reply) => {
      const me = await ownAccount(request, 'account.read');
      void reply.header('cache-control', 'no-store');
      return { passkeys: await listOwnPasskeys(svc, me.accountId) };
    },
  );

  app.post(
    '/api/account/passkeys/options',
    {
      bodyLimit,
      schema: {
        tags,
        summary: 'Start adding a passkey',
        description:
          'Needs the current password (a wrong one answers 401 and counts towards the sign-in lock-out). The options go to navigator.credentials.create(); the answer to POST /api/account/passkeys within 5 minutes.',
        body: passkeyOptionsRequestSchema,
        response: { 200: passkeyCreationOptionsSchema, ...errors },
      },
    },
    async (request, reply) => {
      const me = await ownAccount(request, 'account.update');
      const rp = relyingParty(deps.config, request);
      const options = await beginPasskeyRegistration(svc, me.accountId, request.body.password, clientInfo(request, auth), rp);
      void reply.header('cache-control', 'no-store');
      return { options };
    },
  );

  app.post(
    '/api/account/passkeys',
    {
      bodyLimit,
      schema: {
        tags,
        summary: 'Finish adding a passkey',
        description: 'With the answer of navigator.credentials.create() and a name for the passkey. Recorded in the audit log.',
        body: passkeyAddSchema,
        response: { 200: z.object({ passkey: passkeySchema }), 409: errorResponseSchema, ...errors },
      },
    },
    async (request) => {
      const me = await ownAccount(request, 'account.update');
      const rp = relyingParty(deps.config, request);
      return { passkey: await finishPasskeyRegistration(svc, me.accountId, request.body, rp) };
    },
  );

  app.delete(
    '/api/account/passkeys/:id',
    {
      schema: {
        tags,
        summary: 'Remove one of my passkeys',
        description:
          'Recorded in the audit log. Refused (409) when it is the last second factor of someone whose role needs one.',
        params: passkeyIdParamsSchema,
        response: { 200: okSchema, 404: errorResponseSchema, 409: errorResponseSchema, ...errors },
      },
    },
    async (request) => {
      const me = await ownAccount(request, 'account.update');
      await removePasskey(svc, me.accountId, request.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/auth/passkey/options',
    {
      schema: {
        tags,
        summary: 'Start signing in with a passkey',
        description:
          'With `challenge` (from a sign-in answer with status `second_factor`) the account’s passkeys are offered as the second step; without it, any passkey of this site signs in alone (it must verify the person: PIN or biometrics). The options go to navigator.credentials.get(); the answer to POST /api/auth/passkey within 5 minutes. At most 60 a minute per client.',
        body: passkeySignInOptionsSchema,
        response: { 200: passkeyRequestOptionsSchema, ...errors },
      },
    },
    async (request, reply) => {
      const rp = relyingParty(deps.config, request);
      await auth.limits.take('passkey-options', request.ip, auth.limits.settings.passkeyOptions);
      void reply.header('cache-control', 'no-store');
      return { options: await passkeySignInOptions(svc, request.body.challenge, rp) };
    },
  );

  app.post(
    '/api/auth/passkey',
    {
      bodyLimit,
      schema: {
        tags,
        summary: 'Sign in with a passkey',
        description:
          'Answers like a completed sign-in, with a new session cookie; the session counts as signed in with a second factor. Failures count towards the same lock-outs as wrong passwords.',
        body: passkeySignInSchema,
        response: { 200: signInResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const rp = relyingParty(deps.config, request);
      const result = await signInWithPasskey(svc, request.body, rp, clientInfo(request, auth));
      const state = await signedIn(reply, auth, deps.database, result.accountId, result.session, true);
      return { status: 'signed_in' as const, ...state };
    },
  );
};
