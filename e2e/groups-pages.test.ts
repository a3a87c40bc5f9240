import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, chromiumPath, siteAndBrowser } from './helpers/harness.js';
import { apiFromPage, signUpFromPage, STRONG_PASSWORD } from './helpers/accounts.js';
import { overflowsSideways, uniqueHandle } from './helpers/auth-pages.js';
import { codeAt } from '../test/helpers/totp.js';
import { openDatabase } from '../src/server/db/index.js';
import { insertGrant } from '../src/server/modules/accounts/repository/accounts.js';

/*
 * The group pages (issue 7) in real Chromium against the real server: a facilitator starts a group and schedules a
 * live meeting through the pages; another person browses the directory, reads the group and joins it; a request to
 * an approval group is approved on the manage page. Every page passes axe and fits a 360 px screen.
 */
describe.runIf(chromiumPath)('the group pages in real Chromium', () => {
  const { site, browser } = siteAndBrowser();

  /** A new person with a facilitator grant and TOTP on (so this session counts as signed in with a second step). */
  async function facilitator(b: Browser, checkRefusal = false): Promise<{ context: BrowserContext; page: Page; handle: string }> {
    const context = await b.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Europe/Madrid', locale: 'en-GB' });
    const page = await context.newPage();
    const handle = uniqueHandle('fac');
    await signUpFromPage(page, site().baseUrl, handle, STRONG_PASSWORD);
    const me = await apiFromPage<{ id: number }>(page, 'GET', '/api/account');
    const database = openDatabase(site().databaseUrl);
    try {
      await insertGrant(database.db, me.body.id, 'facilitator', 'any-group', new Date().toISOString());
    } finally {
      await database.close();
    }
    if (checkRefusal) {
      // With the role but no second step, the page says so and leads to the account's two-step part.
      await page.goto(`${site().baseUrl}/groups/new`);
      await page.getByText('Two-step sign-in needed').waitFor();
      await page.getByRole('link', { name: 'Set up two-step sign-in on your account page' }).click();
      await page.getByRole('heading', { level: 2, name: 'Two-step sign-in' }).waitFor();
      expect(new URL(page.url()).hash).toBe('#two-factor');
    }
    const setup = await apiFromPage<{ challenge: string; secret: string }>(page, 'POST', '/api/account/totp/setup');
    const enabled = await apiFromPage(page, 'POST', '/api/account/totp/enable', {
      challenge: setup.body.challenge,
      code: codeAt(setup.body.secret, new Date()),
    });
    expect(enabled.status).toBe(200);
    return { context, page, handle };
  }

  const check = async (page: Page, what: string) => {
    expect(await axeViolations(page), what).toEqual([]);
    expect(await overflowsSideways(page), what).toBe(false);
  };

  it('a facilitator starts a group and schedules a meeting; someone else finds it, reads it and joins', async () => {
    const base = site().baseUrl;
    const fac = await facilitator(browser());
    const page = fac.page;

    // The directory links to "Start a group" for a facilitator.
    await page.goto(`${base}/groups`);
    await page.getByRole('heading', { level: 1, name: 'Online groups' }).waitFor();
    await page.getByText('There are no online groups yet.').waitFor();
    await page.getByRole('link', { name: 'Start a group' }).click();
    await page.getByRole('heading', { level: 1, name: 'Start a group' }).waitFor();
    // Suggested code of conduct and the browser's zone are filled in; a missing name is said before sending.
    expect(await page.getByLabel('Code of conduct').inputValue()).toContain('What is said here stays here');
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Europe/Madrid');
    await page.getByRole('button', { name: 'Create the group' }).click();
    await page.getByRole('alert').getByText('Please check the 2 fields marked below.').waitFor();
    await check(page, '/groups/new with errors');

    await page.getByLabel('Name').fill('Harbour Lights');
    await page.getByLabel('Description').fill('A calm evening group for anyone in recovery.\nWe meet online every week.');
    await page.getByLabel('Approach').selectOption('secular');
    await page.getByLabel('Fellowship (optional)').fill('LifeRing');
    await page.getByText('Meeting Guide types (0 chosen)').click();
    await page.getByLabel('Open', { exact: true }).check();
    await page.getByLabel('Keep it for a number of days').check();
    await page.getByLabel('Days to keep it').fill('7');
    await page.getByRole('button', { name: 'Create the group' }).click();
    await page.getByRole('heading', { level: 1, name: 'Harbour Lights' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/groups/harbour-lights');
    await page.getByText('You are a facilitator of this group.').waitFor();
    await page.getByText('Live-meeting chat is kept for 7 days after the meeting, then deleted.').waitFor();

    // Manage: schedule a weekly meeting, reordering its format from the keyboard.
    await page.getByRole('link', { name: 'Manage this group' }).click();
    await page.getByRole('heading', { level: 1, name: 'Manage Harbour Lights' }).waitFor();
    await check(page, '/groups/:slug/manage');
    await page.getByRole('button', { name: 'Schedule a live meeting' }).click();
    const form = page.getByRole('form', { name: 'New live meeting' });
    await form.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('New live meeting');
    await form.getByLabel('Title', { exact: true }).fill('Tuesday check-in');
    await form.getByLabel('Day of the week').selectOption({ label: 'Tuesday' });
    await form.getByLabel('Start time').fill('19:00');
    const titles = () => form.locator('input[id$="-title"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(await titles()).toEqual(['Welcome', 'Reading', 'Check-in round', 'Topic and sharing', 'Closing']);
    await form.getByRole('button', { name: 'Move Reading down' }).focus();
    await page.keyboard.press('Enter');
    expect(await titles()).toEqual(['Welcome', 'Check-in round', 'Reading', 'Topic and sharing', 'Closing']);
    await form.getByText('Reading moved to position 3 of 5.').waitFor({ state: 'attached' });
    // Focus stays with the moved section.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move Reading down');
    await form.getByLabel('Section 3: reading text').fill('We read the group’s own welcome.');
    await check(page, 'meeting form');
    await form.getByRole('button', { name: 'Schedule the meeting' }).click();
    await page.getByText('Tuesday check-in is scheduled.').waitFor();
    await page.getByRole('heading', { level: 3, name: 'Tuesday check-in' }).waitFor();
    expect(await page.getByText('Every Tuesday at 19:00 (Europe/Madrid time)').count()).toBe(1);

    // Someone else, on a phone in New York, signed out: the directory, the group, then joining.
    const other = await browser().newContext({
      viewport: { width: 360, height: 740 },
      timezoneId: 'America/New_York',
      locale: 'en-US',
    });
    const phone = await other.newPage();
    await phone.goto(`${base}/`);
    await phone.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Online groups' }).click();
    await phone.getByRole('link', { name: 'Harbour Lights' }).waitFor();
    const card = phone.getByRole('listitem').filter({ has: phone.getByRole('link', { name: 'Harbour Lights' }) });
    expect(await card.textContent()).toMatch(/Secular.*LifeRing.*English.*Anyone may join.*1 member/);
    await check(phone, '/groups');
    await phone.getByLabel('Words in the name or description').fill('nothing like this');
    await phone.getByRole('button', { name: 'Search' }).click();
    await phone.getByText('No group matches this search.', { exact: false }).waitFor();
    await phone.getByLabel('Words in the name or description').fill('calm');
    await phone.getByRole('button', { name: 'Search' }).click();
    await phone.getByRole('link', { name: 'Harbour Lights' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Harbour Lights' }).waitFor();
    // Tuesday 19:00 in Madrid is Tuesday 13:00 in New York (1:00 PM).
    await phone
      .getByText(/Tuesday, \w+ \d+ at 1:00 PM \(your time\) · 7:00 PM in Europe\/Madrid/)
      .first()
      .waitFor();
    await phone.getByRole('link', { name: 'Sign in to join' }).waitFor();
    expect(await phone.getByRole('link', { name: 'Create an account' }).last().getAttribute('href')).toBe(
      '/sign-up?next=%2Fgroups%2Fharbour-lights',
    );
    await check(phone, '/groups/:slug signed out');

    await signUpFromPage(phone, base, uniqueHandle('joiner'), STRONG_PASSWORD);
    await phone.reload();
    const join = phone.getByRole('region', { name: 'Join this group' });
    await join.getByRole('button', { name: 'Join the group' }).click();
    await join.getByRole('alert').getByText('Please read the code of conduct and tick the box').waitFor();
    await check(phone, 'join form with an error');
    await join.getByLabel('An observer').check();
    await join.getByLabel('I have read and accept the code of conduct').check();
    await join.getByRole('button', { name: 'Join the group' }).click();
    await phone.getByText('Welcome. You are now in this group.').waitFor();
    await phone.getByText('You are an observer in this group', { exact: false }).waitFor();
    await phone.getByRole('link', { name: 'Open room (chat any time)' }).waitFor();
    expect(await phone.getByRole('link', { name: 'Discussion threads' }).getAttribute('href')).toBe(
      '/groups/harbour-lights/threads',
    );
    await check(phone, '/groups/:slug as an observer');
    await phone.emulateMedia({ colorScheme: 'dark' });
    await check(phone, '/groups/:slug as an observer, dark scheme');
    await phone.emulateMedia({ colorScheme: 'light' });

    // The facilitator changes the code of conduct: the observer is asked to accept it again.
    await page.getByRole('textbox', { name: 'Code of conduct' }).fill('Be kind. What is said here stays here. Be on time.');
    await page.getByText('every member will be asked to accept the new version').first().waitFor();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page
      .getByRole('dialog', { name: 'Save the new code of conduct?' })
      .getByRole('button', { name: 'Save changes' })
      .click();
    await page.getByText('The code of conduct is now version 2.').waitFor();
    await phone.reload();
    await phone.getByRole('heading', { name: 'The code of conduct has changed' }).waitFor();
    await phone.getByLabel('I have read and accept the code of conduct').check();
    await phone.getByRole('button', { name: 'Accept the new code of conduct' }).click();
    await phone.getByText('You accepted the current code of conduct.', { exact: false }).waitFor();
    await other.close();
    await fac.context.close();
  });

  it('a request to an approval group waits for a facilitator, who approves it on the manage page', async () => {
    const base = site().baseUrl;
    const fac = await facilitator(browser(), true);
    const made = await apiFromPage<{ slug: string }>(fac.page, 'POST', '/api/groups', {
      name: 'Quiet Harbour',
      description: 'Approval needed.',
      approach: 'open',
      language: 'en',
      time_zone: 'Europe/London',
      code_of_conduct: 'Be kind.',
      visibility: 'approval',
    });
    expect(made.status).toBe(201);

    const other = await browser().newContext({ viewport: { width: 360, height: 740 } });
    const phone = await other.newPage();
    const handle = uniqueHandle('asker');
    await signUpFromPage(phone, base, handle, STRONG_PASSWORD);
    await phone.goto(`${base}/groups/${made.body.slug}`);
    await phone.getByText('Approval: a facilitator reviews each request to join').waitFor();
    await phone.getByLabel('I have read and accept the code of conduct').check();
    await phone.getByRole('button', { name: 'Ask to join' }).click();
    await phone.getByText('Request sent. A facilitator will review it.').waitFor();
    await phone.getByText('Your request to join was sent.', { exact: false }).waitFor();
    // Members' links are not offered before approval.
    expect(await phone.getByRole('link', { name: 'Discussion threads' }).count()).toBe(0);

    await fac.page.goto(`${base}/groups/${made.body.slug}/manage`);
    await fac.page.getByRole('heading', { level: 3, name: 'Request waiting (1)' }).waitFor();
    await fac.page.setViewportSize({ width: 360, height: 740 });
    await check(fac.page, '/groups/:slug/manage with a request at 360 px');
    await fac.page.getByRole('button', { name: `Approve ${handle}` }).click();
    await fac.page.getByText(`${handle} is now in the group.`).waitFor();
    await fac.page.getByRole('heading', { level: 3, name: 'In the group (2)' }).waitFor();

    await phone.reload();
    await phone.getByText('You are a member of this group.').waitFor();
    await phone.getByRole('link', { name: 'Open room (chat any time)' }).waitFor();

    // A member without the role is told why they cannot manage, and cannot start a group.
    await phone.goto(`${base}/groups/${made.body.slug}/manage`);
    await phone.getByText("Only for this group's facilitators").waitFor();
    await phone.goto(`${base}/groups/new`);
    await phone.getByText('Starting a group needs a facilitator role').waitFor();
    await check(phone, '/groups/new refused');
    await other.close();
    await fac.context.close();
  });
});
