import { HandlerRegistry, type Bus, type BusHandler, type Unsubscribe } from './bus.js';

/** The default bus for a single instance: delivery within this process only. */
export function createMemoryBus(onError: (err: unknown) => void = () => undefined): Bus {
  const handlers = new HandlerRegistry();
  let closed = false;
  return {
    kind: 'memory',
    publish(channel, payload) {
      if (closed) return Promise.reject(new Error('bus is closed'));
      // Serialise now, deliver later: publishers never run subscriber code
      // re-entrantly, and later changes to the published object are not seen.
      const json = JSON.stringify(payload);
      queueMicrotask(() => handlers.dispatch(channel, JSON.parse(json), onError));
      return Promise.resolve();
    },
    subscribe(channel: string, handler: BusHandler): Promise<Unsubscribe> {
      handlers.add(channel, handler);
      return Promise.resolve(() => {
        handlers.remove(channel, handler);
        return Promise.resolve();
      });
    },
    healthy: () => !closed,
    close() {
      closed = true;
      handlers.clear();
      return Promise.resolve();
    },
  };
}
