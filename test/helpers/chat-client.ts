import WebSocket from 'ws';
import type { ClientFrame, ServerFrame } from '../../src/shared/chat-protocol.js';

/** The public origin `testConfig()` gives (PUBLIC_URL unset, port 3000): what a page of the site sends as Origin. */
export const TEST_ORIGIN = 'http://localhost:3000';

/**
 * A real `ws` client on /ws that records every frame it gets, as a browser tab would see them.
 */
export class ChatClient {
  readonly frames: ServerFrame[] = [];
  closeCode: number | undefined;
  readonly closed: Promise<number>;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as ServerFrame);
      this.wake();
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code) => {
        this.closeCode = code;
        this.wake();
        resolve(code);
      }),
    );
  }

  /**
   * Opens a socket with the session cookie; rejects with the HTTP status when the upgrade is refused. `origin: null`
   * sends no Origin header (no browser does that).
   */
  static open(baseUrl: string, cookie: string | undefined, origin: string | null = TEST_ORIGIN): Promise<ChatClient> {
    const headers: Record<string, string> = {};
    if (cookie) headers.cookie = `kinship_session=${cookie}`;
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`, { headers, ...(origin ? { origin } : {}) });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new ChatClient(ws)));
      ws.once('unexpected-response', (_req, res) => reject(new UpgradeRefused(res.statusCode ?? 0)));
      ws.once('error', reject);
    });
  }

  send(f: ClientFrame | Record<string, unknown>): void {
    this.ws.send(JSON.stringify(f));
  }

  of<T extends ServerFrame['t']>(t: T): Extract<ServerFrame, { t: T }>[] {
    return this.frames.filter((f): f is Extract<ServerFrame, { t: T }> => f.t === t);
  }

  /** Waits until `predicate` holds over the frames so far. */
  async until(predicate: (frames: ServerFrame[]) => boolean, ms = 5000, what = 'frames'): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate(this.frames)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.frames.slice(-5))}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
  }

  /** Waits for the first frame of type `t` after `from` frames, matching `match`. */
  async next<T extends ServerFrame['t']>(t: T, match: (f: Extract<ServerFrame, { t: T }>) => boolean = () => true, from = 0): Promise<Extract<ServerFrame, { t: T }>> {
    let found: Extract<ServerFrame, { t: T }> | undefined;
    await this.until(
      (fs) => {
        found = fs.slice(from).find((f): f is Extract<ServerFrame, { t: T }> => f.t === t && match(f as Extract<ServerFrame, { t: T }>));
        return found !== undefined;
      },
      5000,
      t,
    );
    return found!;
  }

  async join(room: number, after?: number): Promise<Extract<ServerFrame, { t: 'joined' }>> {
    const from = this.frames.length;
    this.send({ t: 'join', room, ...(after !== undefined ? { after } : {}) });
    await this.until((fs) => fs.slice(from).some((f) => (f.t === 'joined' && f.room === room) || f.t === 'error'), 5000, 'joined');
    const answer = this.frames.slice(from).find((f) => (f.t === 'joined' && f.room === room) || f.t === 'error')!;
    if (answer.t === 'error') throw new Error(`join refused: ${answer.code}`);
    return answer as Extract<ServerFrame, { t: 'joined' }>;
  }

  /** Sends a message and waits for its ack or error. */
  async post(room: number, body: string, nonce = `n-${Math.random().toString(36).slice(2)}`): Promise<ServerFrame> {
    const from = this.frames.length;
    this.send({ t: 'send', room, nonce, body });
    await this.until((fs) => fs.slice(from).some((f) => (f.t === 'ack' || f.t === 'error') && f.nonce === nonce), 5000, 'ack');
    return this.frames.slice(from).find((f) => (f.t === 'ack' || f.t === 'error') && f.nonce === nonce)!;
  }

  /** Sends a frame and waits for an error or a quiet moment; returns the error if one came. */
  async act(f: ClientFrame, quietMs = 150): Promise<Extract<ServerFrame, { t: 'error' }> | undefined> {
    const from = this.frames.length;
    this.send(f);
    await new Promise((r) => setTimeout(r, quietMs));
    return this.frames.slice(from).find((x): x is Extract<ServerFrame, { t: 'error' }> => x.t === 'error');
  }

  events(room: number): Extract<ServerFrame, { t: 'event' }>[] {
    return this.of('event').filter((e) => e.room === room);
  }

  close(): void {
    this.ws.close();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}

export class UpgradeRefused extends Error {
  constructor(readonly status: number) {
    super(`upgrade refused with ${status}`);
  }
}

/** Waits a little for frames that should NOT come (asserting absence needs a pause). */
export const settle = (ms = 200) => new Promise((r) => setTimeout(r, ms));
