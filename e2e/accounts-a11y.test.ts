import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { apiPost, fillSignIn, overflowsSideways, signUpViaApi, STRONG_PASSWORD, uniqueHandle } from './helpers/auth-pages.js';
import { axeViolations, chromiumPath, siteAndBrowser } from './helpers/harness.js';
import { codeAt } from '../test/helpers/totp.js';

const QUICK_EXIT = 'https://www.bbc.com/weather';

/** Stops the quick exit's navigation before it leaves the machine, and records it. */
async function catchQuickExit(context: BrowserContext): Promise<string[]> {
  const seen: string[] = [];
  await context.route('https://www.bbc.com/**', async (route) => {
    seen.push(route.request().url());
    await route.abort();
  });
  return seen;
}

/** Waits until the page has left the site (the aborted quick exit ends on the browser's error page). */
const left = (page: Page) =>
  page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() && !frame.url().startsWith('http:') });

const iconHref = (page: Page) =>
  page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel~="icon"]')?.getAttribute('href'));

describe.runIf(chromiumPath)('accounts pages: accessibility, keyboard, discreet mode', () => {
  const { site, browser } = siteAndBrowser();

  for (const viewport of [
    { width: 320, height: 640 },
    { width: 1280, height: 800 },
  ]) {
    it(`every new page passes axe and fits a ${viewport.width} px screen, in each of its states`, async () => {
      const context = await browser().newContext({ viewport });
      const page = await context.newPage();
      const check = async (what: string) => {
        expect(await axeViolations(page), what).toEqual([]);
        expect(await overflowsSideways(page), what).toBe(false);
      };
      for (const [path, heading] of [
        ['/sign-up', 'Create an account'],
        ['/sign-in', 'Sign in'],
        ['/recover', 'Get back in with a recovery code'],
        ['/forgot', 'Forgot your password?'],
        ['/reset?token=abc', 'Choose a new password'],
        ['/guidelines', 'Community guidelines'],
      ] as const) {
        await page.goto(site().baseUrl + path);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        await check(path);
      }
      // The reset token leaves the address bar at once.
      expect(new URL(page.url()).search).toBe('');

      // A form with errors.
      await page.goto(`${site().baseUrl}/sign-up`);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('alert').first().waitFor();
      await check('sign-up errors');

      // The recovery codes.
      await page.getByLabel('Nickname (handle)').fill(uniqueHandle('axe'));
      await page.getByLabel('Password', { exact: true }).fill(STRONG_PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('heading', { level: 1, name: 'Save your recovery codes' }).waitFor();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText('Please save your codes').waitFor();
      await check('recovery codes');

      // Signed in, the header's menu open.
      await page.goto(`${site().baseUrl}/guidelines`);
      const menu = page.getByRole('button', { name: /^Account menu for / });
      await menu.click();
      await page.getByRole('link', { name: 'Account', exact: true }).waitFor();
      await check('account menu');
      // Escape closes it and gives focus back to its button.
      await page.keyboard.press('Escape');
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await menu.evaluate((el) => el === document.activeElement)).toBe(true);

      // The second step of signing in.
      const setup = await browser().newContext();
      const account = await signUpViaApi(setup, site().baseUrl);
      const totp = await apiPost<{ challenge: string; secret: string }>(
        setup,
        `${site().baseUrl}/api/account/totp/setup`,
        account.csrf,
      );
      await apiPost(setup, `${site().baseUrl}/api/account/totp/enable`, account.csrf, {
        challenge: totp.challenge,
        code: codeAt(totp.secret, new Date()),
      });
      await setup.close();
      const fresh = await browser().newContext({ viewport });
      const other = await fresh.newPage();
      await other.goto(`${site().baseUrl}/sign-in`);
      await fillSignIn(other, account.handle, account.password);
      await other.getByRole('heading', { level: 1, name: 'One more step' }).waitFor();
      expect(await axeViolations(other), 'second step').toEqual([]);
      expect(await overflowsSideways(other), 'second step').toBe(false);
      await fresh.close();

      // Discreet mode: the quick exit in the header.
      await page.getByLabel('Discreet mode on this device').check();
      await page.getByRole('button', { name: 'Quick exit' }).waitFor();
      await check('discreet mode');
      await context.close();
    });
  }

  it('signs up with the keyboard alone', async () => {
    const context = await browser().newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    const handle = uniqueHandle('keys');
    await page.goto(`${site().baseUrl}/sign-up`);
    await page.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
    const focusedName = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el?.getAttribute('name') || el?.id || el?.textContent || '';
      });
    // Tab until the nickname field, as someone starting from the top of the page would.
    for (let i = 0; i < 40 && (await focusedName()) !== 'handle'; i++) await page.keyboard.press('Tab');
    expect(await focusedName()).toBe('handle');
    await page.keyboard.type(handle);
    await page.keyboard.press('Tab');
    expect(await focusedName()).toBe('password');
    await page.keyboard.type(STRONG_PASSWORD);
    await page.keyboard.press('Tab'); // "Show password"
    await page.keyboard.press('Space');
    expect(await page.getByLabel('Password', { exact: true }).getAttribute('type')).toBe('text');
    await page.keyboard.press('Tab');
    expect(await focusedName()).toBe('email');
    await page.keyboard.press('Tab'); // language
    await page.keyboard.press('Tab'); // time zone
    await page.keyboard.press('Tab'); // guidelines box
    await page.keyboard.press('Space');
    expect(await page.getByLabel('I accept the community guidelines').isChecked()).toBe(true);
    await page.keyboard.press('Tab'); // link to the guidelines
    await page.keyboard.press('Tab');
    expect(await focusedName()).toBe('Create account');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Save your recovery codes' }).waitFor();
    // Copy, Download, the box, Continue.
    for (let i = 0; i < 10 && (await page.evaluate(() => (document.activeElement as HTMLInputElement).type)) !== 'checkbox'; i++)
      await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await focusedName()).toBe('Continue');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${site().baseUrl}/account`);
    await page.getByRole('button', { name: `Account menu for ${handle}` }).waitFor();
    await context.close();
  });

  it('discreet mode on this device: a neutral title and icon on every page, and a quick exit by button or Escape twice', async () => {
    const context = await browser().newContext({ viewport: { width: 320, height: 640 } });
    const exits = await catchQuickExit(context);
    const page = await context.newPage();
    await page.goto(`${site().baseUrl}/help`);
    await page.getByRole('heading', { level: 1, name: 'Get help now' }).waitFor();
    expect(await page.title()).toBe('Get help now · Kinship');
    expect(await iconHref(page)).toBe('/icon.svg');
    expect(await page.getByRole('button', { name: 'Quick exit' }).count()).toBe(0);

    await page.getByLabel('Discreet mode on this device').check();
    await page.waitForFunction(() => document.title === 'Notes');
    expect(await iconHref(page)).toBe('/neutral-icon.svg');
    const icon = await context.request.get(`${site().baseUrl}/neutral-icon.svg`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toContain('image/svg+xml');

    // Every page, and after a reload (the switch is kept on this device).
    for (const path of ['/', '/saved', '/sign-in', '/guidelines', '/no-such-page']) {
      await page.goto(site().baseUrl + path);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForFunction(() => document.title === 'Notes');
      expect(await iconHref(page), path).toBe('/neutral-icon.svg');
    }
    // In the app's own navigation too.
    await page.getByRole('link', { name: 'Get help now' }).click();
    await page.getByRole('heading', { level: 1, name: 'Get help now' }).waitFor();
    expect(await page.title()).toBe('Notes');

    // The button: reachable by keyboard, named, and it replaces this page in the history.
    const exit = page.getByRole('button', { name: 'Quick exit' });
    await exit.focus();
    expect(await exit.evaluate((el) => el === document.activeElement && el.tabIndex >= 0)).toBe(true);
    await Promise.all([left(page), page.keyboard.press('Enter')]);
    expect(exits).toEqual([QUICK_EXIT]);
    // location.replace: the page that was on screen left the history, so "Back" goes to the one before it. The
    // aborted exit swaps the tab to Chromium's error page in another process; going back during that swap fails
    // ("not attached"), so it waits for the error page to settle and tries again.
    await page.waitForLoadState('load');
    for (let attempt = 0; ; attempt++) {
      try {
        await page.goBack();
        break;
      } catch (err) {
        if (attempt >= 4) throw err;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    expect(page.url()).toBe(`${site().baseUrl}/no-such-page`);

    // Escape twice.
    await page.goto(`${site().baseUrl}/saved`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.keyboard.press('Escape');
    await page.waitForTimeout(100);
    expect(exits).toHaveLength(1);
    await Promise.all([left(page), page.keyboard.press('Escape')]);
    expect(exits).toEqual([QUICK_EXIT, QUICK_EXIT]);

    // Off again: the page's own title and icon come back.
    await page.goto(`${site().baseUrl}/saved`);
    await page.getByLabel('Discreet mode on this device').uncheck();
    await page.waitForFunction(() => document.title !== 'Notes');
    expect(await page.title()).toBe('Saved meetings · Kinship');
    expect(await iconHref(page)).toBe('/icon.svg');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.waitForTimeout(200);
    expect(exits).toHaveLength(2);
    await context.close();
  });

  it("discreet mode from the account's setting", async () => {
    const context = await browser().newContext();
    const account = await signUpViaApi(context, site().baseUrl);
    await apiPost(context, `${site().baseUrl}/api/account`, account.csrf, { discreet: true }, 'PATCH');
    const page = await context.newPage();
    await page.goto(`${site().baseUrl}/meetings`);
    await page.getByRole('button', { name: 'Quick exit' }).waitFor();
    await page.waitForFunction(() => document.title === 'Notes');
    expect(await iconHref(page)).toBe('/neutral-icon.svg');
    expect(await page.getByLabel('Discreet mode on this device').isChecked()).toBe(false);
    expect(await page.getByText('Discreet mode is on for your account.').count()).toBe(1);
    await context.close();
  });
});
