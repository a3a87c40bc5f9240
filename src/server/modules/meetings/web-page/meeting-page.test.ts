import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../../../../../test/helpers/app.js';
import { dialectCases } from '../../../../../test/helpers/databases.js';
import { startPageApp, type PageApp } from '../../../../../test/helpers/meeting-pages.js';

const jsonLd = (body: string) => {
  const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(body);
  return JSON.parse(m![1]!) as Record<string, unknown> & { location: unknown; eventSchedule: Record<string, unknown> };
};

describe.each(dialectCases())('GET /meetings/:id as server-rendered HTML on $name', (kind) => {
  let site: PageApp;
  let app: FastifyInstance;
  let ids: Record<string, number>;

  beforeAll(async () => {
    site = await startPageApp(kind);
    ({ app, ids } = site);
  });
  afterAll(() => site.close());

  const page = (path: string, headers: Record<string, string> = {}) =>
    app.inject({ url: path, headers: { accept: 'text/html', ...headers } });

  it('renders the meeting inside the app shell: title, description, canonical, types in words, directions', async () => {
    const res = await page(`/meetings/${ids['tuesday-serenity']}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const body = res.body;
    expect(body).toContain('<html lang="en"');
    expect(body).toContain('<title>Tuesday Serenity · Kinship</title>');
    expect(body).toMatch(/<meta name="description" content="Every Tuesday, 7:00\sPM to 8:00\sPM · In person · St. Luke Church"/);
    expect(body).toContain(`<link rel="canonical" href="https://kinship.example.org/meetings/${ids['tuesday-serenity']}"`);
    expect(body).toContain('<h1 id="meeting-title">Tuesday Serenity</h1>');
    // The app's script still loads; the "needs JavaScript" notice is gone, since this page does not.
    expect(body).toContain('/assets/index-test.js');
    expect(body).not.toContain('<noscript>');
    for (const words of [
      'Open: anyone is welcome',
      'Discussion',
      'Women',
      'Wheelchair Access',
      'Eastern Time (America/New_York)',
    ])
      expect(body).toContain(words);
    expect(body).not.toMatch(/<li>[OXWD]<\/li>/);
    expect(body).toContain('href="geo:40.0362,-75.5138?q=40.0362,-75.5138(St.%20Luke%20Church)"');
    expect(body).toContain('https://www.openstreetmap.org/?mlat=40.0362&amp;mlon=-75.5138');
    expect(body).toContain(`href="/api/meetings/${ids['tuesday-serenity']}/calendar.ics"`);
    expect(body).toContain('href="https://venmo.com/serenity-group"');
    expect(body).toContain('Parking behind the hall');
    expect(body).toContain(`action="/api/meetings/${ids['tuesday-serenity']}/corrections"`);
    // Two upcoming Tuesdays at least, as <time> elements in the meeting's zone.
    expect(body.match(/<time datetime="[^"]+T19:00:00-0[45]:00">/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('adds schema.org Event JSON-LD with the weekly schedule and the place', async () => {
    const ld = jsonLd((await page(`/meetings/${ids['tuesday-serenity']}`)).body);
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: 'Tuesday Serenity',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      eventSchedule: {
        '@type': 'Schedule',
        repeatFrequency: 'P1W',
        byDay: ['https://schema.org/Tuesday'],
        startTime: '19:00:00',
        scheduleTimezone: 'America/New_York',
      },
      location: { '@type': 'Place', name: 'St. Luke Church', geo: { '@type': 'GeoCoordinates', latitude: 40.0362 } },
    });
    expect(ld.startDate).toMatch(/T19:00:00-0[45]:00$/);
  });

  it('escapes a hostile name everywhere, and it cannot leave the JSON-LD script', async () => {
    const res = await page(`/meetings/${ids.hostile}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<img src=x');
    expect(res.body).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    // The two data scripts (JSON-LD, and the API's answer for the app) each close once, where they end: the name
    // cannot close either early.
    const head = res.body.slice(res.body.indexOf('application/ld+json'), res.body.indexOf('</head>'));
    expect(head.match(/<\/script/gi)).toHaveLength(2);
    const embedded = /<script type="application\/json" id="kinship-meeting">([\s\S]*?)<\/script>/.exec(res.body)?.[1];
    expect((JSON.parse(embedded!) as { id: number; name: string }).name).toBe('</script><img src=x onerror=alert(1)>');
    const parsed = jsonLd(res.body);
    expect(parsed.name).toBe('</script><img src=x onerror=alert(1)>');
    expect(parsed.eventAttendanceMode).toBe('https://schema.org/OnlineEventAttendanceMode');
    expect(parsed.location).toEqual({ '@type': 'VirtualLocation', url: 'https://zoom.us/j/123456789' });
  });

  it('shows how to join online: the link, one-tap dialling with pauses kept, and the passcode', async () => {
    const body = (await page(`/meetings/${ids.hostile}`)).body;
    expect(body).toContain('href="https://zoom.us/j/123456789"');
    // The product's own name, as the app writes it (src/shared/conference-providers.ts), not the provider id.
    expect(body).toContain('Join the online meeting on Zoom');
    expect(body).toContain('href="tel:+16465588656,,123456789%23"');
    expect(body).toContain('Passcode: 1234');
    expect(body).toContain('Closed: for people who want');
    expect(body).toContain('Spanish');
    expect(body).not.toContain('Directions (opens your maps app)');
  });

  it('speaks Spanish by Accept-Language, and the kinship.lang cookie wins over it', async () => {
    const es = await page(`/meetings/${ids['tuesday-serenity']}`, { 'accept-language': 'es-MX,es;q=0.9,en;q=0.5' });
    expect(es.body).toContain('<html lang="es"');
    expect(es.body).toContain('Cómo llegar (abre tu aplicación de mapas)');
    for (const words of ['Abierta', 'Discusión', 'Mujeres', 'Acceso en silla de ruedas', 'Cada martes', 'Informar de un error'])
      expect(es.body).toContain(words);
    expect(es.headers.vary).toMatch(/accept-language/);
    const cookie = await page(`/meetings/${ids['tuesday-serenity']}`, {
      'accept-language': 'es',
      cookie: 'a=b; kinship.lang=en',
    });
    expect(cookie.body).toContain('<html lang="en"');
    const fallback = await page(`/meetings/${ids['tuesday-serenity']}`, { 'accept-language': 'fr, de;q=0.5' });
    expect(fallback.body).toContain('<html lang="en"');
  });

  it('answers an unknown, malformed or deleted meeting with the HTML not-found page, not an error', async () => {
    for (const path of ['/meetings/999999', '/meetings/abc', '/meetings/99999999999999']) {
      const res = await page(path);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('<h1>Meeting not found</h1>');
      expect(res.body).toContain('<main id="main"');
    }
    await site.database.db
      .updateTable('meetings')
      .set({ deleted_at: new Date().toISOString() })
      .where('id', '=', ids.hostile!)
      .execute();
    expect((await page(`/meetings/${ids.hostile}`)).statusCode).toBe(404);
    await site.database.db.updateTable('meetings').set({ deleted_at: null }).where('id', '=', ids.hostile!).execute();
  });
});

describe('without a built web app (API only)', () => {
  it('keeps answering /meetings/:id with the JSON not-found, as before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kinship-noweb-'));
    const app = await buildTestApp({ databaseUrl: `sqlite:${join(dir, 'k.db')}`, webRoot: join(dir, 'none') });
    try {
      const res = await app.inject({ url: '/meetings/1', headers: { accept: 'text/html' } });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'not_found' } });
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
