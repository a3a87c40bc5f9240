import type { Bus } from './bus.js';
import { createMemoryBus } from './memory-bus.js';
import { createRedisBus } from './redis-bus.js';

export type { Bus, BusHandler, Unsubscribe } from './bus.js';

/** The Redis bus when `REDIS_URL` is set, otherwise the in-process one. */
export async function openBus(redisUrl: string | undefined, onError?: (err: unknown) => void): Promise<Bus> {
  return redisUrl ? createRedisBus(redisUrl, { onError }) : createMemoryBus(onError);
}
