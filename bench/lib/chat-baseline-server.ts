/**
 * The raw baseline of `bench:chat`: a bare `ws` broadcast server speaking the same frames as Kinship's /ws
 * (src/shared/chat-protocol.ts) with none of its work: no session, Origin or membership check, no validation, no
 * rate limit, no database, no bus. `join` answers `joined`; `send` answers `ack` and relays the body to every socket
 * in the room as an `event` carrying a message view of the same shape (so the frames are as large), serialised once
 * per message. Sequences are a counter in memory. What it sustains is the ceiling for this machine and these clients.
 *
 *   node --expose-gc --import tsx bench/lib/chat-baseline-server.ts   → prints {"port":N} when listening
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { CHAT_LIMITS } from '../../src/shared/chat-protocol.js';

interface BaselineRoom {
  seq: number;
  sockets: Set<WebSocket>;
}

const rooms = new Map<number, BaselineRoom>();
const roomOf = (id: number) => {
  let room = rooms.get(id);
  if (!room) rooms.set(id, (room = { seq: 0, sockets: new Set() }));
  return room;
};

const STATE = {
  kind: 'open',
  status: 'open',
  locked: false,
  slow_mode_seconds: 0,
  cross_talk: false,
  format: [],
  section: 0,
  section_started_at: null,
  share_minutes: 0,
  queue: [],
  sharer: null,
  share_started_at: null,
  closes_at: null,
};

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: CHAT_LIMITS.frameMaxBytes });
let people = 0;

wss.on('connection', (ws) => {
  const handle = `member-${++people}`;
  const joined = new Set<BaselineRoom>();
  ws.on('message', (data: Buffer) => {
    const f = JSON.parse(data.toString()) as { t: string; room: number; nonce?: string; body?: string };
    const room = roomOf(f.room);
    if (f.t === 'join') {
      room.sockets.add(ws);
      joined.add(room);
      const you = { handle, role: 'member', muted: false };
      ws.send(JSON.stringify({ t: 'joined', room: f.room, seq: room.seq, state: { room: f.room, ...STATE }, history: [], you }));
    } else if (f.t === 'send' && joined.has(room)) {
      const seq = ++room.seq;
      ws.send(JSON.stringify({ t: 'ack', room: f.room, nonce: f.nonce, seq }));
      const message = {
        id: seq,
        seq,
        author: handle,
        body: f.body,
        created_at: new Date().toISOString(),
        edited_at: null,
        deleted: false,
        hidden: false,
        pinned: false,
      };
      const event = JSON.stringify({ t: 'event', room: f.room, seq, kind: 'message', message });
      for (const s of room.sockets) s.send(event);
    }
  });
  ws.on('close', () => {
    for (const room of joined) room.sockets.delete(ws);
  });
});

wss.on('listening', () => {
  process.stdout.write(`${JSON.stringify({ port: (wss.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
