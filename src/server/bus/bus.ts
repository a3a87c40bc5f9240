/**
 * Fan-out of events between the parts of one instance and, with Redis, across
 * instances. Channels are named by what they carry (`meetings.changed`) or by
 * room id (`room:<id>`). Payloads must be JSON-serialisable: the Redis bus
 * sends them as JSON, and the memory bus snapshots them the same way so that
 * code tested on one behaves the same on the other. Subscribers of one channel
 * share the delivered object and must treat it as read-only.
 */
export type BusHandler = (payload: unknown, channel: string) => void;
export type Unsubscribe = () => Promise<void>;

export interface Bus {
  readonly kind: 'memory' | 'redis';
  /** Sends a payload to every subscriber of the channel, on every instance. */
  publish(channel: string, payload: unknown): Promise<void>;
  /** Resolves once the subscription is active, so no later publish is missed. */
  subscribe(channel: string, handler: BusHandler): Promise<Unsubscribe>;
  /** True when the bus can deliver (always for memory; connected for Redis). */
  healthy(): boolean;
  close(): Promise<void>;
}

/** Subscribers per channel; shared bookkeeping of both implementations. */
export class HandlerRegistry {
  private readonly byChannel = new Map<string, Set<BusHandler>>();

  /** Adds a handler; returns true when it is the channel's first. */
  add(channel: string, handler: BusHandler): boolean {
    let set = this.byChannel.get(channel);
    const first = set === undefined;
    if (!set) this.byChannel.set(channel, (set = new Set()));
    set.add(handler);
    return first;
  }

  /** Removes a handler; returns true when the channel has none left. */
  remove(channel: string, handler: BusHandler): boolean {
    const set = this.byChannel.get(channel);
    if (!set) return false;
    set.delete(handler);
    if (set.size > 0) return false;
    this.byChannel.delete(channel);
    return true;
  }

  /**
   * Calls each handler; one throwing handler must not starve the others, so
   * errors go to `onError` instead of propagating.
   */
  dispatch(channel: string, payload: unknown, onError: (err: unknown) => void): void {
    const set = this.byChannel.get(channel);
    if (!set) return;
    for (const handler of [...set]) {
      try {
        handler(payload, channel);
      } catch (err) {
        onError(err);
      }
    }
  }

  clear(): void {
    this.byChannel.clear();
  }
}
