import { readFile } from 'node:fs/promises';
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { getTypesForLanguage } from '@code4recovery/spec';
import { axeViolations, chromiumPath, foreignRequests, recordRequests, siteAndBrowser } from './helpers/harness.js';

// Two meetings of the aasepia feed: one in person in Malvern (closed, speaker, wheelchair access, a Venmo handle),
// one online only (a Zoom link and a dial-in number with the meeting id after pauses).
const IN_PERSON = 'meeting-225-lancaster-ave-malvern-pa-19355-usa-2-090000';
const ONLINE = 'shoulder-shoulder-group-Sun12am';

interface Found {
  id: number;
  name: string;
}

const SPEC_CODES = new Set(Object.keys(getTypesForLanguage('en')));

describe.runIf(chromiumPath)('meeting page and saved meetings in the app, in real Chromium', () => {
  const { site, browser } = siteAndBrowser({ fixture: 'aasepia', timezone: 'America/New_York' });
  let inPerson: Found;
  let online: Found;

  beforeAll(async () => {
    const find = async (query: string, slug: string): Promise<Found> => {
      const res = await site().app.inject(`/api/meetings?${query}&tz=America/New_York&limit=100`);
      const hit = res.json<{ results: { meeting: Found & { slug: string } }[] }>().results.find((r) => r.meeting.slug === slug);
      if (!hit) throw new Error(`fixture meeting ${slug} not found`);
      return { id: hit.meeting.id, name: hit.meeting.name };
    };
    inPerson = await find('lat=40.0362&lng=-75.5138&radius=5&day=2&online=exclude', IN_PERSON);
    online = await find('day=0&online=only&q=Shoulder', ONLINE);
  });

  it('takes the server\'s page over showing the meeting at once, not "loading" while it asks the API again', async () => {
    // No service worker: its requests would pass by the route below.
    const context = await browser().newContext({ timezoneId: 'America/Chicago', serviceWorkers: 'block' });
    const page = await context.newPage();
    // The app's own request for the meeting is held back: until it is answered, only the embedded answer can draw.
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let asked = false;
    await page.route(
      (url) => url.pathname === `/api/meetings/${inPerson.id}`,
      async (route) => {
        asked = true;
        await held;
        await route.continue();
      },
    );
    await page.goto(`${site().baseUrl}/meetings/${inPerson.id}`);
    // The Save button exists only in the app (the server's page has none): the app has drawn the meeting.
    await page.getByRole('button', { name: 'Save on this device' }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(inPerson.name);
    expect(await page.getByText('Loading the meeting').count()).toBe(0);
    expect(asked).toBe(true);
    release();
    await context.close();
  });

  /** A page of the app at `path`, once the app (not only the server's HTML) has drawn the meeting. */
  async function openMeeting(id: number, options: BrowserContextOptions = {}): Promise<Page> {
    const context = await browser().newContext(options);
    const page = await context.newPage();
    await page.goto(`${site().baseUrl}/meetings/${id}`);
    await page.getByRole('button', { name: /Save on this device|Guardar en este dispositivo/ }).waitFor();
    return page;
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    for (const viewport of [
      { width: 360, height: 640 },
      { width: 1280, height: 800 },
    ]) {
      it(`shows the meeting with every type in words and passes axe (${colorScheme}, ${viewport.width}px)`, async () => {
        const page = await openMeeting(inPerson.id, { colorScheme, viewport });
        const urls = recordRequests(page.context());
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(inPerson.name);
        expect(await page.title()).toBe(`${inPerson.name} · Kinship`);
        const types = await page.locator('.meeting-types dt').allTextContents();
        expect(types).toEqual(expect.arrayContaining(['Closed', 'Speaker', 'Wheelchair Access']));
        for (const name of types) expect(SPEC_CODES.has(name), `bare code ${name}`).toBe(false);
        expect(await page.getByText('One or more members tell their story of recovery.').isVisible()).toBe(true);
        const access = page.getByRole('region', { name: 'Accessibility' });
        expect(await access.getByText('Wheelchair Access').isVisible()).toBe(true);
        const directions = page.getByRole('link', { name: 'Directions (opens your maps app)' });
        expect(await directions.getAttribute('href')).toMatch(/^geo:40\.\d+,-75\.\d+\?q=225%20Lancaster%20Ave/);
        expect(await page.getByRole('link', { name: 'Venmo: @example-group-589' }).getAttribute('href')).toBe(
          'https://venmo.com/example-group-589',
        );
        expect(await page.locator('.meeting-next li').count()).toBeGreaterThan(0);
        expect(foreignRequests(urls, site().baseUrl)).toEqual([]);
        expect(await axeViolations(page)).toEqual([]);
        await page.context().close();
      });
    }
  }

  it('gives one-tap joining for an online meeting, and labels the group’s own zone for a viewer elsewhere', async () => {
    const page = await openMeeting(online.id, { timezoneId: 'America/Chicago' });
    expect(await page.getByRole('link', { name: 'Join with Zoom' }).getAttribute('href')).toMatch(
      /^https:\/\/us02web\.zoom\.us\//,
    );
    expect(await page.getByRole('link', { name: /^Call in:/ }).getAttribute('href')).toBe('tel:+13017158592,,503536771%23');
    expect(await page.getByText('PW - Shoulder1').isVisible()).toBe(true);
    expect(
      await page.getByText(/^The group keeps Eastern Time\. The times below are in yours \(Central Time\)\.$/).isVisible(),
    ).toBe(true);
    expect(await page.locator('.meeting-next li').first().textContent()).toMatch(/ 12:00\sAM E[SD]T for the group$/);
    expect(await page.getByRole('region', { name: 'Where' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('downloads an .ics file that parses and names the meeting', async () => {
    const page = await openMeeting(inPerson.id);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Add to calendar (.ics file)' }).click(),
    ]);
    const text = await readFile(await download.path(), 'utf8');
    const calendar = ICAL.Component.fromString(text);
    const summaries = calendar.getAllSubcomponents('vevent').map((e) => e.getFirstPropertyValue('summary'));
    expect(summaries).toContain(inPerson.name);
    await page.context().close();
  });

  it('saves a meeting on the device: listed under Saved, still there after a reload, and removable', async () => {
    const page = await openMeeting(inPerson.id, { viewport: { width: 360, height: 640 } });
    const save = page.getByRole('button', { name: 'Save on this device' });
    expect(await save.getAttribute('aria-pressed')).toBe('false');
    await save.click();
    expect(await save.getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('status').filter({ hasText: 'Saved on this device.' }).waitFor();

    await page.getByRole('navigation').getByRole('link', { name: 'Saved' }).click();
    await page.getByRole('heading', { level: 1, name: 'Saved meetings' }).waitFor();
    const link = page.getByRole('link', { name: inPerson.name });
    await link.waitFor();
    expect(await page.getByText('Every Tuesday at 9:00 AM').isVisible()).toBe(true);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await axeViolations(page)).toEqual([]);
    }

    await page.reload();
    await link.waitFor();
    expect(await page.title()).toBe('Saved meetings · Kinship');
    await link.click();
    await page.getByRole('heading', { level: 1, name: inPerson.name }).waitFor();
    expect(await page.getByRole('button', { name: 'Save on this device' }).getAttribute('aria-pressed')).toBe('true');

    await page.goBack();
    await page.getByRole('button', { name: `Remove ${inPerson.name} from saved meetings` }).click();
    await page.getByText('You have not saved any meetings yet.').waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'was removed' }).isVisible()).toBe(true);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await axeViolations(page)).toEqual([]);
    }
    await page.context().close();
  });

  it('updates the saved list in another tab', async () => {
    const page = await openMeeting(inPerson.id);
    const list = await page.context().newPage();
    await list.goto(`${site().baseUrl}/saved`);
    await list.getByText('You have not saved any meetings yet.').waitFor();
    await page.getByRole('button', { name: 'Save on this device' }).click();
    await list.getByRole('link', { name: inPerson.name }).waitFor();
    await page.context().close();
  });

  it('survives a corrupt saved list', async () => {
    const context = await browser().newContext();
    await context.addInitScript(() => localStorage.setItem('kinship.saved', '{"v":1,"meetings":[{"id":"x"}'));
    const page = await context.newPage();
    await page.goto(`${site().baseUrl}/saved`);
    await page.getByText('You have not saved any meetings yet.').waitFor();
    await context.close();
  });

  it('switches to Spanish from the header', async () => {
    const page = await openMeeting(inPerson.id);
    await page.getByLabel('Language').selectOption('es');
    await page.getByRole('heading', { level: 2, name: 'Qué tipo de reunión es' }).waitFor();
    expect(await page.getByRole('button', { name: 'Guardar en este dispositivo' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Cómo llegar (abre tu aplicación de mapas)' }).isVisible()).toBe(true);
    expect(await page.getByText('Uno o más miembros cuentan su historia de recuperación.').isVisible()).toBe(true);
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Guardadas' }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('reports a correction: errors next to the fields, then a confirmation, all passing axe', async () => {
    const page = await openMeeting(inPerson.id);
    await page.getByRole('button', { name: 'Write a correction' }).click();
    const kind = page.getByLabel('What is wrong?');
    await kind.waitFor();
    expect(await page.getByLabel('How can they reply to you? (optional)').getAttribute('maxlength')).toBe('200');
    expect(await page.getByLabel('What should it say?').getAttribute('maxlength')).toBe('2000');
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await axeViolations(page)).toEqual([]);
    }

    await page.getByRole('button', { name: 'Send the correction' }).click();
    await page.getByText('Choose what is wrong.').waitFor();
    expect(await kind.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await kind.getAttribute('aria-invalid')).toBe('true');
    const described = (await kind.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${described}"]`).textContent()).toBe('Choose what is wrong.');
    expect(await page.getByText('Say what should change.').isVisible()).toBe(true);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await axeViolations(page)).toEqual([]);
    }

    await kind.selectOption('time');
    await page.getByLabel('What should it say?').fill('It starts at 9:30 now.');
    await page.getByRole('button', { name: 'Send the correction' }).click();
    const status = page.getByRole('status').filter({ hasText: 'Thank you. Your correction was sent' });
    await status.waitFor();
    expect(await status.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('keeps what was written when sending fails, and sends it on retry', async () => {
    const page = await openMeeting(inPerson.id);
    await page.route('**/corrections', (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', { name: 'Write a correction' }).click();
    await page.getByLabel('What is wrong?').selectOption('online');
    await page.getByLabel('What should it say?').fill('The link changed.');
    await page.getByRole('button', { name: 'Send the correction' }).click();
    await page.getByRole('alert').filter({ hasText: 'could not be sent' }).waitFor();
    expect(await page.getByLabel('What should it say?').inputValue()).toBe('The link changed.');
    expect(await axeViolations(page)).toEqual([]);
    await page.unroute('**/corrections');
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('status').filter({ hasText: 'Thank you. Your correction was sent' }).waitFor();
    await page.context().close();
  });

  it('says when a meeting is not found, and offers a retry when the network fails', async () => {
    // The service worker would answer a failed request with its last copy of the meeting (which is right offline),
    // so it is kept out to see the page's own error state.
    const context = await browser().newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${site().baseUrl}/`);
    await page.evaluate(() => {
      history.pushState({}, '', '/meetings/999999');
      dispatchEvent(new PopStateEvent('popstate'));
    });
    await page.getByRole('heading', { level: 1, name: 'Meeting not found' }).waitFor();
    expect(await page.title()).toBe('Meeting not found · Kinship');
    expect(await axeViolations(page)).toEqual([]);

    let fail = true;
    await page.route(
      (url) => url.pathname === `/api/meetings/${inPerson.id}`,
      (route) => (fail ? route.abort('internetdisconnected') : route.fallback()),
    );
    await page.evaluate((id) => {
      history.pushState({}, '', `/meetings/${id}`);
      dispatchEvent(new PopStateEvent('popstate'));
    }, inPerson.id);
    await page.getByRole('alert').filter({ hasText: 'Check your connection' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    fail = false;
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { level: 1, name: inPerson.name }).waitFor();
    await context.close();
  });
});
