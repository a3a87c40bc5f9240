import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives a newcomer working defaults: port 3000 on an SQLite file, in-process bus, no map tiles', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBe('sqlite:./data/kinship.db');
    expect(c.redisUrl).toBeUndefined();
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.logLevel).toBe('info');
    expect(c.map.tileUrl).toBeUndefined();
  });

  it('accepts PostgreSQL, Redis and a tile template', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://kinship@db:5432/kinship',
      REDIS_URL: 'redis://cache:6379',
      MAP_TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png',
      PUBLIC_URL: 'https://kinship.example.org/',
      PORT: '8080',
    });
    expect(c.databaseUrl).toMatch(/^postgres:/);
    expect(c.redisUrl).toBe('redis://cache:6379');
    expect(c.map.tileUrl).toContain('{z}');
    expect(c.publicUrl).toBe('https://kinship.example.org');
    expect(c.port).toBe(8080);
  });

  it('treats an empty optional variable as unset', () => {
    expect(loadConfig({ REDIS_URL: '', MAP_TILE_URL: ' ' }).redisUrl).toBeUndefined();
  });

  it('lists every bad variable at once, naming each', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        LOG_LEVEL: 'loud',
        MAP_TILE_URL: 'https://t/{z}.png',
        REDIS_URL: 'http://x',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'MAP_TILE_URL', 'REDIS_URL']) expect(problems).toContain(name);
    expect((error as ConfigError).problems).toHaveLength(5);
  });
});
