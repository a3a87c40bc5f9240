import WebSocket from 'ws';
import type { ServerFrame } from '../../src/shared/chat-protocol.js';

/**
 * A chat client that does what the web client must (docs/groups.md step 5): keeps its last sequence and its
 * unacknowledged sends, and on a lost connection reconnects (here: to the next server in its list), joins with
 * `after` and re-sends the unacknowledged messages with their nonces. It records every event it gets, so a test
 * can count what was lost or duplicated.
 */
export class ResilientChat {
  /** Every message event received, in arrival order: [seq, body]. */
  readonly received: [number, string][] = [];
  /** Every sequence received (messages and other kinds), in arrival order. */
  readonly seqs: number[] = [];
  readonly acked = new Map<string, number>();
  readonly unacked = new Map<string, string>();
  reconnects = 0;
  private last = 0;
  private ws: WebSocket | undefined;
  private joined = false;
  private serverIndex = 0;
  private stopped = false;
  private counter = 0;

  constructor(
    readonly name: string,
    private readonly servers: string[],
    private readonly cookie: string,
    private readonly origin: string,
    private readonly room: number,
  ) {}

  get lastSeq(): number {
    return this.last;
  }

  /** Connects and joins; resolves once joined. */
  async start(): Promise<void> {
    await this.connect();
  }

  private connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${this.servers[this.serverIndex]!.replace(/^http/, 'ws')}/ws`, {
        headers: { cookie: `kinship_session=${this.cookie}` },
        origin: this.origin,
      });
      this.ws = ws;
      this.joined = false;
      ws.on('open', () => ws.send(JSON.stringify({ t: 'join', room: this.room, ...(this.last > 0 ? { after: this.last } : {}) })));
      ws.on('message', (data) => {
        const f = JSON.parse(data.toString()) as ServerFrame;
        if (f.t === 'joined') {
          this.joined = true;
          for (const [nonce, body] of this.unacked) ws.send(JSON.stringify({ t: 'send', room: this.room, nonce, body }));
          resolve();
        } else if (f.t === 'event') {
          this.seqs.push(f.seq);
          if (f.seq > this.last) this.last = f.seq;
          if (f.kind === 'message' && f.message?.body) this.received.push([f.seq, f.message.body]);
        } else if (f.t === 'ack') {
          this.acked.set(f.nonce, f.seq);
          this.unacked.delete(f.nonce);
        } else if (f.t === 'error' && f.code === 'rate_limited' && f.nonce) {
          // Re-sent after the pause it was told.
          const body = this.unacked.get(f.nonce);
          setTimeout(() => body && this.joined && ws.send(JSON.stringify({ t: 'send', room: this.room, nonce: f.nonce, body })), (f.retry_after ?? 1) * 1000);
        }
      });
      ws.on('error', () => undefined);
      ws.on('close', () => {
        this.joined = false;
        if (this.stopped) return;
        this.reconnects++;
        // The next server in the list, after a short jittered pause (the real client backs off exponentially).
        this.serverIndex = (this.serverIndex + 1) % this.servers.length;
        setTimeout(() => void this.connect().then(resolve, reject), 50 + Math.random() * 100);
      });
    });
  }

  /** Sends a message with a fresh nonce; kept as unacknowledged until its ack comes. */
  send(): string {
    const nonce = `${this.name}-${++this.counter}`;
    const body = `${this.name} says ${this.counter}`;
    this.unacked.set(nonce, body);
    if (this.joined) this.ws!.send(JSON.stringify({ t: 'send', room: this.room, nonce, body }));
    return body;
  }

  stop(): void {
    this.stopped = true;
    this.ws?.terminate();
  }
}
