import { Redis } from 'ioredis';
import { HandlerRegistry, type Bus, type BusHandler, type Unsubscribe } from './bus.js';

/**
 * Redis pub/sub bus for several instances. A subscribed Redis connection can do
 * nothing but (un)subscribe, so publishing uses a second connection. Each
 * channel maps to one Redis channel under a prefix, so a deployment can share
 * a Redis server with others, and a room's traffic only reaches instances
 * that have someone in that room (as the Socket.IO sharded adapter does).
 */
export async function createRedisBus(
  url: string,
  { prefix = 'kinship:', onError = () => undefined }: { prefix?: string; onError?: (err: unknown) => void } = {},
): Promise<Bus> {
  const options = { lazyConnect: true, maxRetriesPerRequest: 3, enableAutoPipelining: true };
  const pub = new Redis(url, options);
  const sub = new Redis(url, options);
  // ioredis reconnects by itself; an unhandled 'error' event would crash us.
  pub.on('error', onError);
  sub.on('error', onError);
  try {
    await Promise.all([pub.connect(), sub.connect()]);
  } catch (err) {
    // Stop the reconnect timers, or they would keep a failed start-up alive.
    pub.disconnect();
    sub.disconnect();
    const { hostname, port } = new URL(url); // never the password
    const reason = err instanceof Error ? err.message : 'unknown error';
    throw new Error(`Could not connect to Redis at ${hostname}:${port || 6379} (REDIS_URL): ${reason}`, { cause: err });
  }

  const handlers = new HandlerRegistry();
  sub.on('message', (redisChannel: string, message: string) => {
    const channel = redisChannel.slice(prefix.length);
    let payload: unknown;
    try {
      payload = JSON.parse(message);
    } catch (err) {
      onError(err);
      return;
    }
    handlers.dispatch(channel, payload, onError);
  });

  const pending = new Map<string, Promise<unknown>>();
  let closed = false;
  return {
    kind: 'redis',
    async publish(channel, payload) {
      if (closed) throw new Error('bus is closed');
      await pub.publish(prefix + channel, JSON.stringify(payload));
    },
    async subscribe(channel: string, handler: BusHandler): Promise<Unsubscribe> {
      // A second subscriber to a channel still being subscribed waits for the
      // same confirmation, so it too misses nothing published afterwards.
      if (handlers.add(channel, handler)) {
        const confirmed = sub.subscribe(prefix + channel).finally(() => pending.delete(channel));
        pending.set(channel, confirmed);
      }
      await pending.get(channel);
      return async () => {
        if (handlers.remove(channel, handler) && !closed) await sub.unsubscribe(prefix + channel);
      };
    },
    healthy: () => !closed && pub.status === 'ready' && sub.status === 'ready',
    async close() {
      if (closed) return;
      closed = true;
      handlers.clear();
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
