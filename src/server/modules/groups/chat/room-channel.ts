import { z } from 'zod';
import type { Bus } from '../../../bus/index.js';
import { messageViewSchema, roomStateSchema } from '../../../../shared/chat-protocol.js';

/**
 * What travels on a room's bus channel, `room:<id>` (one Redis channel per room, as the Socket.IO sharded adapter
 * does). Every instance with someone in the room subscribes; each turns these into frames for its own sockets.
 * Published only after the database commit (ARCHITECTURE convention 6).
 */
export const roomChannel = (roomId: number) => `room:${roomId}`;

export const roomBusMessageSchema = z.discriminatedUnion('k', [
  /**
   * A numbered event, as stored. The message carries its body even when hidden: each hub strips it for readers
   * who may not see it, and skips events by authors a reader blocked (`author_id`).
   */
  z.object({
    k: z.literal('event'),
    seq: z.number().int().positive(),
    kind: z.enum(['message', 'edit', 'delete', 'hide', 'unhide', 'pin', 'unpin']),
    author_id: z.number().int().nullable(),
    message: messageViewSchema,
  }),
  /** The room's state changed (format section, timers, queue, lock, slow mode, cross-talk, closing). */
  z.object({ k: z.literal('state'), state: roomStateSchema }),
  /**
   * An instance's people in the room, in full; sent when it changes and every heartbeat, so a dead instance's
   * people drop out when its roster is not renewed.
   */
  z.object({
    k: z.literal('presence'),
    instance: z.string(),
    people: z.array(
      z.object({
        account_id: z.number().int(),
        handle: z.string(),
        role: z.enum(['facilitator', 'member', 'observer', 'moderator']),
      }),
    ),
  }),
  /** An instance that just started following the room asks the others for their rosters. */
  z.object({ k: z.literal('hello'), instance: z.string() }),
  /** A facilitator muted, unmuted or removed a member: their sockets on every instance hear it. */
  z.object({ k: z.literal('restrict'), account_id: z.number().int(), kind: z.enum(['mute', 'unmute', 'remove']) }),
  /** The room closed (the meeting ended): every socket in it is told and leaves. */
  z.object({ k: z.literal('closed'), reason: z.literal('ended') }),
]);
export type RoomBusMessage = z.infer<typeof roomBusMessageSchema>;

/** Publishes to a room's channel; call only after the commit that made the change. */
export async function publishToRoom(bus: Bus, roomId: number, message: RoomBusMessage): Promise<void> {
  await bus.publish(roomChannel(roomId), message);
}
