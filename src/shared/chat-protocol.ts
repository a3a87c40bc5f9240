import { z } from 'zod';

/**
 * The real-time protocol on `/ws` (issue 7; docs/groups.md "Real-time protocol"). One JSON object per text frame,
 * `t` naming its type. The server and the web client both parse with these schemas, so neither trusts the other's
 * frames blindly.
 */

/** Limits both sides read (ARCHITECTURE convention 2). */
export const CHAT_LIMITS = {
  /** Characters in one message (issue 7). */
  bodyMax: 4000,
  /** Bytes in one frame: a 4,000-character message of 4-byte characters, plus the envelope. */
  frameMaxBytes: 20 * 1024,
  /** A client's id for one send, so a send repeated after a reconnect is stored once. */
  nonceMax: 40,
  /** Messages a fresh join receives as history. */
  historyOnJoin: 100,
  /** An author may edit or delete a message for this long after posting it. */
  editWindowMinutes: 15,
  /** Rooms one socket may be in at once. */
  roomsPerSocket: 8,
  /** Slow mode bounds (issue 7: 10 s to 1 h); 0 turns it off. */
  slowModeMinSeconds: 10,
  slowModeMaxSeconds: 3600,
  /** The server sends `{t:'hb'}` this often; a client that hears nothing for 2.5 intervals reconnects. */
  heartbeatSeconds: 25,
  /**
   * Per-socket token buckets: frames of any kind, and messages sent (a burst, then a steady rate per second). A
   * client over them gets `error` with `retry_after`; one that keeps going is closed with 4008.
   */
  framesBurst: 40,
  framesPerSecond: 20,
  sendsBurst: 10,
  sendsPerSecond: 5,
} as const;

const roomId = z.number().int().positive();
const body = z.string().min(1).max(CHAT_LIMITS.bodyMax);

// ---- client → server ----

export const facilitatorActions = [
  'mute',
  'unmute',
  'remove',
  'lock',
  'unlock',
  'slow_mode',
  'end',
  'hide',
  'unhide',
  'pin',
  'unpin',
  'call_next',
  'call',
  'finish_share',
  'next_section',
  'set_section',
  'cross_talk',
] as const;
export type FacilitatorAction = (typeof facilitatorActions)[number];

export const clientFrameSchema = z.discriminatedUnion('t', [
  /** Enter a room. `after`: the last sequence this client has; it then gets everything after it, in order. */
  z.object({ t: z.literal('join'), room: roomId, after: z.number().int().min(0).optional() }),
  z.object({ t: z.literal('leave'), room: roomId }),
  z.object({ t: z.literal('send'), room: roomId, nonce: z.string().min(1).max(CHAT_LIMITS.nonceMax), body }),
  z.object({ t: z.literal('edit'), room: roomId, message: z.number().int().positive(), body }),
  z.object({ t: z.literal('delete'), room: roomId, message: z.number().int().positive() }),
  /** Raise or lower a hand in a live meeting's sharing queue. */
  z.object({ t: z.literal('hand'), room: roomId, raised: z.boolean() }),
  /**
   * A facilitator's tool. `target`: the member's handle (mute, unmute, remove, call), or the message id (hide,
   * unhide, pin, unpin). `value`: seconds for slow_mode (0 = off), the section index for set_section, 0/1 for
   * cross_talk.
   */
  z.object({
    t: z.literal('facilitate'),
    room: roomId,
    action: z.enum(facilitatorActions),
    target: z.union([z.string().max(64), z.number().int().positive()]).optional(),
    value: z.number().int().min(0).max(86_400).optional(),
  }),
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

// ---- server → client ----

export const messageViewSchema = z.object({
  id: z.number().int(),
  /** The sequence the message was posted with. */
  seq: z.number().int(),
  /** The author's pseudonym; null for "former member" (a deleted account that kept its posts). */
  author: z.string().nullable(),
  /** null when deleted, or hidden (to everyone but facilitators and moderators). */
  body: z.string().nullable(),
  created_at: z.string(),
  edited_at: z.string().nullable(),
  deleted: z.boolean(),
  hidden: z.boolean(),
  pinned: z.boolean(),
});
export type MessageView = z.infer<typeof messageViewSchema>;

export const eventKinds = ['message', 'edit', 'delete', 'hide', 'unhide', 'pin', 'unpin', 'skip'] as const;
export type EventKind = (typeof eventKinds)[number];

/**
 * One numbered event of a room. `skip` stands in for an event this reader does not see (from a member they
 * blocked), so the sequence each reader gets stays gap-free.
 */
export const roomEventSchema = z.object({
  t: z.literal('event'),
  room: roomId,
  seq: z.number().int().positive(),
  kind: z.enum(eventKinds),
  message: messageViewSchema.optional(),
});
export type RoomEvent = z.infer<typeof roomEventSchema>;

export const formatSectionSchema = z.object({
  kind: z.enum(['welcome', 'reading', 'check_in', 'topic', 'sharing', 'closing', 'other']),
  title: z.string().min(1).max(100),
  minutes: z.number().int().min(0).max(240),
  /** A reading's text, written by the group; plain text with the tiny Markdown subset. */
  text: z.string().max(8000).optional(),
});
export type FormatSection = z.infer<typeof formatSectionSchema>;

/**
 * The sections where cross-talk off holds: only the current sharer (and facilitators) post (docs/groups.md "Sharing
 * queue"). The server enforces it; the room page reads it to say why before a send is refused.
 */
export const CROSS_TALK_SECTIONS: readonly FormatSection['kind'][] = ['sharing', 'check_in'];

export const roomStateSchema = z.object({
  room: roomId,
  kind: z.enum(['open', 'live']),
  status: z.enum(['open', 'closed']),
  locked: z.boolean(),
  slow_mode_seconds: z.number().int(),
  cross_talk: z.boolean(),
  /** The live meeting's format and where it is; empty for an open room. */
  format: z.array(formatSectionSchema),
  section: z.number().int().min(0),
  section_started_at: z.string().nullable(),
  /** Minutes per share; 0 = no limit. */
  share_minutes: z.number().int(),
  /** Pseudonyms with a raised hand, in the order they raised it. */
  queue: z.array(z.string()),
  sharer: z.string().nullable(),
  share_started_at: z.string().nullable(),
  closes_at: z.string().nullable(),
});
export type RoomState = z.infer<typeof roomStateSchema>;

export const presenceSchema = z.object({
  t: z.literal('presence'),
  room: roomId,
  /** Facilitators, members and moderators in the room now, by pseudonym (moderators are named, not hidden). */
  people: z.array(z.object({ handle: z.string(), role: z.enum(['facilitator', 'member', 'moderator']) })),
  /** Observers are counted, not named. */
  observers: z.number().int().min(0),
});
export type Presence = z.infer<typeof presenceSchema>;

export const serverFrameSchema = z.discriminatedUnion('t', [
  roomEventSchema,
  /**
   * The answer to `join`. `seq` is the room's last sequence now; `history` (a fresh join) or the events that
   * follow (a resume) bring the client up to it. `you` is what this member may do here.
   */
  z.object({
    t: z.literal('joined'),
    room: roomId,
    seq: z.number().int().min(0),
    state: roomStateSchema,
    history: z.array(messageViewSchema),
    you: z.object({
      handle: z.string(),
      role: z.enum(['facilitator', 'member', 'observer', 'moderator']),
      muted: z.boolean(),
    }),
  }),
  z.object({ t: z.literal('state'), state: roomStateSchema }),
  presenceSchema,
  /** A send was stored with this sequence (a repeated nonce gets the first one's). */
  z.object({ t: z.literal('ack'), room: roomId, nonce: z.string(), seq: z.number().int().positive() }),
  /** You were muted or unmuted in this room. */
  z.object({ t: z.literal('muted'), room: roomId, muted: z.boolean() }),
  /** The room is closed to you: the meeting ended, or a facilitator removed you. */
  z.object({ t: z.literal('closed'), room: roomId, reason: z.enum(['ended', 'removed', 'left_group']) }),
  z.object({
    t: z.literal('error'),
    code: z.string(),
    message: z.string(),
    room: roomId.optional(),
    nonce: z.string().optional(),
    /** Seconds to wait (rate limits, slow mode). */
    retry_after: z.number().int().optional(),
  }),
  z.object({ t: z.literal('hb') }),
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;

/** WebSocket close codes the server uses (4000–4999 are the application's, RFC 6455 §7.4.2). */
export const CLOSE_CODES = {
  /** The session ended (signed out, expired, account deleted): do not reconnect until signed in again. */
  sessionEnded: 4001,
  /** Too many frames (over the rate limit again and again): reconnect after a pause. */
  tooFast: 4008,
  /** A frame over CHAT_LIMITS.frameMaxBytes (RFC 6455's "message too big", sent by the WebSocket layer itself). */
  tooBig: 1009,
  /** The server is shutting down or restarting: reconnect (to another instance). */
  goingAway: 1001,
} as const;
