import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import websocket from '@fastify/websocket';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError, forbidden, unauthorized } from '../../../errors.js';
import { errorResponseSchema } from '../../../../shared/schemas/errors.js';
import { PRIVILEGED_ROLES } from '../../../../shared/schemas/accounts.js';
import { CHAT_LIMITS } from '../../../../shared/chat-protocol.js';
import type { MemberActor } from '../../../security/actor.js';
import { webSocketOriginAllowed } from '../../../security/request-actor.js';
import { handleOf } from './chat-repository.js';
import type { ChatHub } from './hub.js';

/** Who is upgrading, checked before the handshake. */
const upgrading = new WeakMap<FastifyRequest, { actor: MemberActor; handle: string }>();

/**
 * `GET /ws` (issue 7; docs/groups.md "Real-time protocol"). The upgrade is refused with a plain HTTP answer before
 * any handshake unless the session cookie is live (401) and `Origin` is this site's (403, a page elsewhere must not
 * open a socket with the member's cookie). Frames over CHAT_LIMITS.frameMaxBytes close the socket (1009); no
 * compression (each frame is serialised once and sent as is to every socket). A plain GET is answered 426.
 */
export async function chatRoutes(fastify: FastifyInstance, { hub }: { hub: ChatHub }): Promise<void> {
  await fastify.register(websocket, {
    options: { maxPayload: CHAT_LIMITS.frameMaxBytes, perMessageDeflate: false, clientTracking: false },
    // The hub closes its sockets with 1001 ("going away") so clients reconnect, to another instance if there is one.
    preClose: async function (this: FastifyInstance) {
      await hub.close();
      await new Promise<void>((resolve) => this.websocketServer.close(() => resolve()));
    },
  });
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.route({
    method: 'GET',
    url: '/ws',
    schema: {
      tags: ['chat'],
      summary: 'The real-time chat socket',
      description:
        'Upgrades to a WebSocket speaking the protocol of `src/shared/chat-protocol.ts` (docs/groups.md, "Real-time protocol"). Needs a live session cookie (401) and an `Origin` header equal to this site\'s origin (403; a missing Origin is refused too). A request that does not ask for the upgrade is answered 426.',
      response: { 401: errorResponseSchema, 403: errorResponseSchema, 426: errorResponseSchema },
    },
    preValidation: async (request) => {
      const actor = await request.actor();
      if (actor.kind === 'anonymous') throw unauthorized();
      if (actor.kind !== 'member') throw forbidden();
      if (!webSocketOriginAllowed(request, fastify.auth.publicOrigin))
        throw new AppError('forbidden', "Chat connections are accepted from this site's own pages only.");
      const handle = await handleOf(hub.deps.database.db, actor.accountId);
      if (!handle) throw unauthorized();
      upgrading.set(request, { actor, handle });
    },
    handler: () => {
      throw new AppError('upgrade_required', 'This address speaks WebSocket only: open it with a WebSocket client.');
    },
    wsHandler: (socket, request) => {
      const who = upgrading.get(request);
      if (!who) return socket.terminate();
      // The plugin's own error listener holds the request and reply for the socket's life; ours holds nothing
      // (issue 7's memory budget per connection). An errored socket closes, and the hub forgets it.
      socket.removeAllListeners('error');
      socket.on('error', onSocketError);
      releaseUpgradeRequest(request);
      const privileged = who.actor.roles.some((g) => PRIVILEGED_ROLES.includes(g.role));
      hub.accept(socket, who.actor, who.handle, privileged);
    },
  });
}

/**
 * Node's HTTP server left the upgrade's response attached to the TCP socket (`socket._httpMessage`), and with it the
 * request, its headers and Fastify's request and reply: several KB per connection for as long as the socket lives.
 * The response is finished with (the socket speaks WebSocket now), so it lets go of the socket.
 */
function releaseUpgradeRequest(request: FastifyRequest): void {
  const tcp = request.raw.socket as (typeof request.raw.socket & { _httpMessage?: ServerResponse | null }) | null;
  const response = tcp?._httpMessage;
  if (tcp && response) response.detachSocket(tcp);
}

function onSocketError(this: { terminate(): void }): void {
  this.terminate();
}
