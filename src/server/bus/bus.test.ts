import { afterEach, describe, expect, inject, it } from 'vitest';
import type {} from '../../../test/setup/provided-context.js';
import type { Bus } from './bus.js';
import { createMemoryBus } from './memory-bus.js';
import { createRedisBus } from './redis-bus.js';

const redisUrl = inject('redisUrl');

const waitFor = async (predicate: () => boolean, ms = 3000) => {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

type Factory = () => Promise<Bus>;
const factories: [string, Factory][] = [['memory', () => Promise.resolve(createMemoryBus())]];
// Every Redis bus in a test gets its own prefix, so parallel test files never cross.
let prefixCounter = 0;
const testPrefix = `kt${process.pid}-`;
if (redisUrl) factories.push(['redis', () => createRedisBus(redisUrl, { prefix: `${testPrefix}${prefixCounter}:` })]);

describe.each(factories)('%s bus', (_name, make) => {
  const open: Bus[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((b) => b.close()));
    prefixCounter++;
  });

  it('delivers payloads to every subscriber of a channel, in publish order', async () => {
    const bus = await make();
    open.push(bus);
    const a: unknown[] = [];
    const b: unknown[] = [];
    await bus.subscribe('room:1', (p) => a.push(p));
    await bus.subscribe('room:1', (p) => b.push(p));
    for (let i = 0; i < 20; i++) await bus.publish('room:1', { seq: i });
    await waitFor(() => a.length === 20 && b.length === 20);
    expect(a).toEqual(Array.from({ length: 20 }, (_, i) => ({ seq: i })));
    expect(b).toEqual(a);
  });

  it('keeps channels apart and stops delivering after unsubscribe', async () => {
    const bus = await make();
    open.push(bus);
    const got: unknown[] = [];
    const other: unknown[] = [];
    const off = await bus.subscribe('room:a', (p) => got.push(p));
    await bus.subscribe('room:b', (p) => other.push(p));
    await bus.publish('room:a', 'first');
    await waitFor(() => got.length === 1);
    await off();
    await bus.publish('room:a', 'second');
    await bus.publish('room:b', 'marker');
    await waitFor(() => other.length === 1);
    expect(got).toEqual(['first']);
  });

  it('a throwing subscriber does not stop the others', async () => {
    const bus = await make();
    open.push(bus);
    const got: unknown[] = [];
    await bus.subscribe('c', () => {
      throw new Error('bad handler');
    });
    await bus.subscribe('c', (p) => got.push(p));
    await bus.publish('c', { ok: true });
    await waitFor(() => got.length === 1);
    expect(got).toEqual([{ ok: true }]);
  });

  it('delivers a snapshot: changing the object after publishing does not change what subscribers get', async () => {
    const bus = await make();
    open.push(bus);
    const seen: unknown[] = [];
    await bus.subscribe('m', (p) => seen.push(p));
    const original = { n: 1 };
    await bus.publish('m', original);
    original.n = 99;
    await waitFor(() => seen.length === 1);
    expect(seen).toEqual([{ n: 1 }]);
  });

  it('refuses to publish after close', async () => {
    const bus = await make();
    await bus.close();
    expect(bus.healthy()).toBe(false);
    await expect(bus.publish('x', 1)).rejects.toThrow('closed');
  });
});

describe.runIf(redisUrl)('redis bus across instances', () => {
  it('a message published on one instance reaches subscribers on another, and only on its channel', async () => {
    const prefix = `${testPrefix}cross:`;
    const one = await createRedisBus(redisUrl!, { prefix });
    const two = await createRedisBus(redisUrl!, { prefix });
    try {
      const payloads: unknown[] = [];
      const elsewhere: unknown[] = [];
      await two.subscribe('room:42', (p) => payloads.push(p));
      await two.subscribe('room:43', (p) => elsewhere.push(p));
      for (const text of ['hello', 'from', 'instance one']) await one.publish('room:42', { text });
      await waitFor(() => payloads.length === 3);
      expect(payloads).toEqual([{ text: 'hello' }, { text: 'from' }, { text: 'instance one' }]);
      expect(elsewhere).toEqual([]);
      expect(one.healthy() && two.healthy()).toBe(true);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});

describe('redis bus start-up', () => {
  it('fails fast with a clear message, without the password, when Redis is unreachable', async () => {
    const { freePort } = await import('../../../test/setup/free-port.js');
    const port = await freePort();
    await expect(createRedisBus(`redis://:hunter2@127.0.0.1:${port}`)).rejects.toThrow(
      new RegExp(`^Could not connect to Redis at 127\\.0\\.0\\.1:${port} \\(REDIS_URL\\)`),
    );
    await expect(createRedisBus(`redis://:hunter2@127.0.0.1:${port}`)).rejects.not.toThrow(/hunter2/);
  });
});
