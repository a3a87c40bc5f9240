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
  it('names a bad secret-bearing variable but never prints its value (it can hold a password)', () => {
    let error: unknown;
    try {
      loadConfig({
        DATABASE_URL: 'mysql://dbuser:db-secret-1@x/k',
        REDIS_URL: 'http://:redis-secret-2@x',
        SMTP_URL: 'http://mailer:smtp-secret-3@mail.example.org',
        ADMIN_TOKEN: 'short-secret-4',
        MAIL_FROM: 'no address here',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = `${(error as ConfigError).message}\n${(error as ConfigError).problems.join('\n')}`;
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'ADMIN_TOKEN', 'MAIL_FROM']) expect(text).toContain(name);
    expect(text).not.toMatch(/secret-\d/);
    expect(text).toContain('value hidden');
  });

  it('reads the mail settings: SMTP off by default, a default sender', () => {
    expect(loadConfig({}).mail).toEqual({ smtpUrl: undefined, from: 'Kinship <no-reply@localhost>' });
    const config = loadConfig({ SMTP_URL: 'smtp://user:pass@mail.example.org:587', PUBLIC_URL: 'https://kinship.example.org' });
    expect(config.mail.smtpUrl).toBe('smtp://user:pass@mail.example.org:587');
    expect(config.publicUrlConfigured).toBe(true);
    expect(loadConfig({}).publicUrlConfigured).toBe(false);
  });
});
