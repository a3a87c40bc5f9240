import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { FacilitatorAction, MessageView, Presence, RoomState, ServerFrame } from '../../../../shared/chat-protocol.js';
import { ChatClient, type ConnectionState, type NetworkStatus, type PendingSend } from '../chat/chat-client.js';

/** What the member may do here, from `joined.you` (the server decides; the page only explains). */
export interface You {
  handle: string;
  role: 'facilitator' | 'member' | 'observer' | 'moderator';
  muted: boolean;
}

export interface RoomError {
  code: string;
  message: string;
  retryAfter?: number;
}

export interface RoomView {
  connection: ConnectionState;
  /** Messages in the order they were posted (creation sequence). */
  messages: MessageView[];
  state: RoomState | null;
  presence: Presence | null;
  you: You | null;
  pending: PendingSend[];
  /** Why the room closed to this member, if it did. */
  closed: 'ended' | 'removed' | 'left_group' | null;
  error: RoomError | null;
  /** When this member's last message was stored (epoch ms), for the slow-mode countdown. */
  lastSentAt: number | null;
  /** Until when the server asked this member to wait (slow mode, rate limit), epoch ms. */
  retryAt: number | null;
}

export interface RoomActions {
  send: (body: string) => void;
  retry: (nonce: string) => void;
  discard: (nonce: string) => void;
  edit: (message: number, body: string) => boolean;
  remove: (message: number) => boolean;
  hand: (raised: boolean) => boolean;
  facilitate: (action: FacilitatorAction, target?: string | number, value?: number) => boolean;
  reconnectNow: () => void;
  dismissError: () => void;
}

/** Messages kept in memory for a long-open room; older ones fall off the top. */
const KEEP_MESSAGES = 500;

type Action = { frame: ServerFrame; at: number } | { pending: PendingSend[] } | { dismiss: true };
type Data = Omit<RoomView, 'connection' | 'messages'> & { byId: Map<number, MessageView> };

const initial: Data = {
  byId: new Map(),
  state: null,
  presence: null,
  you: null,
  pending: [],
  closed: null,
  error: null,
  lastSentAt: null,
  retryAt: null,
};

function reduce(data: Data, action: Action): Data {
  if ('dismiss' in action) return { ...data, error: null };
  if ('pending' in action) return { ...data, pending: action.pending };
  const { frame } = action;
  switch (frame.t) {
    case 'joined': {
      const byId = new Map(data.byId);
      for (const m of frame.history) byId.set(m.id, m);
      return { ...data, byId: trim(byId), state: frame.state, you: frame.you, closed: null, error: null };
    }
    case 'event': {
      if (!frame.message || frame.kind === 'skip') return data;
      // Edits, deletions, hiding and pins carry the message as it now is; a change to one no longer held is moot.
      if (frame.kind !== 'message' && !data.byId.has(frame.message.id)) return data;
      const byId = new Map(data.byId).set(frame.message.id, frame.message);
      return { ...data, byId: trim(byId) };
    }
    case 'state':
      return { ...data, state: frame.state };
    case 'presence':
      return { ...data, presence: frame };
    case 'muted':
      return data.you ? { ...data, you: { ...data.you, muted: frame.muted } } : data;
    case 'closed':
      return { ...data, closed: frame.reason };
    case 'ack':
      return { ...data, lastSentAt: action.at };
    case 'error': {
      const retryAt = frame.retry_after ? action.at + frame.retry_after * 1000 : data.retryAt;
      // A refused send is shown on the message itself (the outbox); other refusals on the page.
      if (frame.nonce) return { ...data, retryAt };
      const error = { code: frame.code, message: frame.message, ...(frame.retry_after ? { retryAfter: frame.retry_after } : {}) };
      return { ...data, retryAt, error };
    }
    default:
      return data;
  }
}

function trim(byId: Map<number, MessageView>): Map<number, MessageView> {
  if (byId.size <= KEEP_MESSAGES) return byId;
  const keep = [...byId.values()].sort((a, b) => a.seq - b.seq).slice(-KEEP_MESSAGES);
  return new Map(keep.map((m) => [m.id, m]));
}

const browserNetwork: NetworkStatus = {
  isOnline: () => navigator.onLine,
  subscribe: (onChange) => {
    window.addEventListener('online', onChange);
    window.addEventListener('offline', onChange);
    return () => {
      window.removeEventListener('online', onChange);
      window.removeEventListener('offline', onChange);
    };
  },
};

/** `/ws` on this site, `wss:` when the page is on https. */
export function socketUrl(): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`;
}

/**
 * One room over one chat client (created here, closed when the page goes). `onIncoming` hears each new message
 * posted by someone else, for the page's announcer. `enabled` false (a closed room) connects nothing.
 */
export function useRoom(
  room: number,
  { enabled, onIncoming }: { enabled: boolean; onIncoming?: (message: MessageView) => void },
): RoomView & RoomActions {
  const [data, dispatch] = useReducer(reduce, initial);
  const [connection, setConnection] = useState<ConnectionState>({ status: 'connecting' });
  const clientRef = useRef<ChatClient | null>(null);
  const youRef = useRef<string | null>(null);
  const incomingRef = useRef(onIncoming);
  useEffect(() => {
    incomingRef.current = onIncoming;
    youRef.current = data.you?.handle ?? null;
  });

  useEffect(() => {
    if (!enabled) return;
    const client = new ChatClient({ url: socketUrl(), WebSocket, network: browserNetwork });
    clientRef.current = client;
    client.subscribe((event) => {
      if (event.type === 'connection') return setConnection(event.state);
      if (event.type === 'outbox') return event.room === room && dispatch({ pending: event.pending });
      const { frame } = event;
      const about = frame.t === 'state' ? frame.state.room : 'room' in frame ? frame.room : undefined;
      if (about !== undefined && about !== room) return;
      dispatch({ frame, at: Date.now() });
      if (frame.t === 'event' && frame.kind === 'message' && frame.message && frame.message.author !== youRef.current)
        incomingRef.current?.(frame.message);
    });
    client.join(room);
    client.start();
    return () => {
      client.close();
      clientRef.current = null;
    };
  }, [room, enabled]);

  const messages = useMemo(() => [...data.byId.values()].sort((a, b) => a.seq - b.seq), [data.byId]);
  const command = useCallback((frame: Parameters<ChatClient['command']>[0]) => clientRef.current?.command(frame) ?? false, []);
  const actions = useMemo<RoomActions>(
    () => ({
      send: (body) => void clientRef.current?.send(room, body),
      retry: (nonce) => clientRef.current?.retry(nonce),
      discard: (nonce) => clientRef.current?.discard(nonce),
      edit: (message, body) => command({ t: 'edit', room, message, body }),
      remove: (message) => command({ t: 'delete', room, message }),
      hand: (raised) => command({ t: 'hand', room, raised }),
      facilitate: (action, target, value) =>
        command({
          t: 'facilitate',
          room,
          action,
          ...(target !== undefined ? { target } : {}),
          ...(value !== undefined ? { value } : {}),
        }),
      reconnectNow: () => clientRef.current?.reconnectNow(),
      dismissError: () => dispatch({ dismiss: true }),
    }),
    [room, command],
  );
  const { byId: _byId, ...rest } = data;
  return { ...rest, connection, messages, ...actions };
}
