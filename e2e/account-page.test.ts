import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, chromiumPath, cspViolations, recordCspViolations, siteAndBrowser } from './helpers/harness.js';
import { apiFromPage, signInFromPage, signUpFromPage, STRONG_PASSWORD } from './helpers/accounts.js';
import { codeAt } from '../test/helpers/totp.js';

const NEW_PASSWORD = 'harbour violet seventeen kites';

interface SessionJson {
  account: { handle: string; language: string; time_zone: string | null; discreet: boolean } | null;
  second_factor: boolean;
}

/** A new browser context signed up as `handle`, on the account page. */
async function signedUpOnAccount(
  browser: Browser,
  baseUrl: string,
  handle: string,
  viewport = { width: 1280, height: 900 },
  colorScheme: 'light' | 'dark' = 'light',
) {
  const context = await browser.newContext({ viewport, colorScheme });
  await recordCspViolations(context);
  const page = await context.newPage();
  await signUpFromPage(page, baseUrl, handle, STRONG_PASSWORD);
  await page.goto(`${baseUrl}/account`);
  await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
  return { context, page };
}

const session = (page: Page) => apiFromPage<SessionJson>(page, 'GET', '/api/session').then((r) => r.body);

describe.runIf(chromiumPath)('the account page in real Chromium', () => {
  const { site, browser } = siteAndBrowser();

  it('asks a signed-out visitor to sign in, and comes back here after', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${site().baseUrl}/account`);
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    expect(await page.getByRole('main').getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe(
      '/sign-in?next=/account',
    );
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  for (const [viewport, scheme] of [
    [{ width: 320, height: 640 }, 'dark'],
    [{ width: 1280, height: 900 }, 'light'],
  ] as const) {
    it(`passes axe at ${viewport.width} px (${scheme} scheme), with the authenticator set-up and new recovery codes open`, async () => {
      const { context, page } = await signedUpOnAccount(browser(), site().baseUrl, `axe-${viewport.width}`, viewport, scheme);
      await page.getByRole('heading', { name: 'Where you are signed in' }).waitFor();
      await page.getByText('This device', { exact: true }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
      await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
      await page.getByRole('button', { name: 'Make new codes' }).click();
      await page.getByRole('region', { name: 'Two-step sign-in' }).getByLabel('Your password').fill(STRONG_PASSWORD);
      await page.getByRole('button', { name: 'Make new codes' }).click();
      await page.getByRole('heading', { name: 'Your new recovery codes' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      // Nothing on the page needs a sideways scroll on a small phone (WCAG 1.4.10).
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      expect(await cspViolations(page)).toEqual([]);
      await context.close();
    });
  }

  it('saves language, time zone and discreet mode; they hold after a reload and the interface follows the language', async () => {
    const { context, page } = await signedUpOnAccount(browser(), site().baseUrl, 'settles-in');
    await page.getByLabel('Language', { exact: true }).last().selectOption('es');
    await page.getByLabel('Time zone').selectOption('America/Mexico_City');
    await page.getByLabel('Discreet mode', { exact: true }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tu cuenta' }).waitFor();
    await page.getByText('Tus ajustes están guardados.').waitFor();
    expect(await session(page)).toMatchObject({
      account: { language: 'es', time_zone: 'America/Mexico_City', discreet: true },
    });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Tu cuenta' }).waitFor();
    expect(await page.getByLabel('Zona horaria').inputValue()).toBe('America/Mexico_City');
    expect(await page.getByLabel('Modo discreto', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('Idioma', { exact: true }).last().inputValue()).toBe('es');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('adds and removes an e-mail address, and accepts the guidelines', async () => {
    const { context, page } = await signedUpOnAccount(browser(), site().baseUrl, 'mail-later');
    const email = page.getByLabel('E-mail address (optional)');
    await email.fill('not an address');
    await page.getByRole('button', { name: 'Save e-mail' }).click();
    // The summary takes focus and the field says what is wrong.
    await page.getByRole('alert').filter({ hasText: 'Please check the field marked below.' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.getAttribute('aria-describedby')).toContain('-error');
    await email.fill('me@example.org');
    await page.getByRole('button', { name: 'Save e-mail' }).click();
    await page.getByText('Your e-mail address is saved.').waitFor();
    await page.getByRole('button', { name: 'Remove e-mail' }).click();
    await page.getByText('Your e-mail address is removed.').waitFor();
    expect(await email.inputValue()).toBe('');
    await page.getByRole('button', { name: 'Accept the guidelines' }).click();
    await page.getByText(/You accepted the community guidelines \(version \d{4}-\d{2}\) on/).waitFor();
    await context.close();
  });

  it('changes the password with the keyboard, showing what is wrong first', async () => {
    const { context, page } = await signedUpOnAccount(browser(), site().baseUrl, 'new-words');
    await page.getByLabel('Current password').focus();
    await page.keyboard.type('not my password at all');
    await page.keyboard.press('Tab');
    await page.keyboard.type('password1234');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert').filter({ hasText: 'Please check' });
    await alert.waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    // The current password was checked first.
    await page.getByText('This is not right. Please check it and try again.').waitFor();

    await page.getByLabel('Current password').fill(STRONG_PASSWORD);
    await page.getByLabel('New password').fill('password1234');
    await page.getByLabel('New password').press('Enter');
    // The server's own feedback on an easy password is shown next to the field.
    await page.locator('[id$="-error"]').filter({ hasNotText: 'This is not right' }).first().waitFor();
    expect(await page.getByLabel('New password').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByLabel('New password').press('Enter');
    await page.getByText('Your password is changed. Other devices are signed out.').waitFor();
    // Still signed in here, and the new password is the one that works.
    expect((await session(page)).account?.handle).toBe('new-words');
    const other = await browser().newContext();
    const otherPage = await other.newPage();
    await otherPage.goto(`${site().baseUrl}/help`);
    await signInFromPage(otherPage, 'new-words', NEW_PASSWORD);
    expect((await session(otherPage)).account?.handle).toBe('new-words');
    await other.close();
    await context.close();
  });

  it('lists sessions with this device marked, ends another one, and signs out everywhere', async () => {
    const { context, page } = await signedUpOnAccount(browser(), site().baseUrl, 'two-places');
    const phone = await browser().newContext({
      userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/605.1',
    });
    const phonePage = await phone.newPage();
    await phonePage.goto(`${site().baseUrl}/help`);
    await signInFromPage(phonePage, 'two-places', STRONG_PASSWORD);
    await page.reload();
    const list = page.getByRole('heading', { name: 'Where you are signed in' }).locator('..').getByRole('listitem');
    await expect.poll(() => list.count()).toBe(2);
    expect(await list.filter({ hasText: 'This device' }).count()).toBe(1);
    const end = page.getByRole('button', { name: /^End session on/ });
    expect(await end.count()).toBe(1);
    await end.click();
    await page.getByText(/The session on .* has ended\./).waitFor();
    expect(await list.count()).toBe(1);
    // Focus stayed in the section, not lost to the page's start.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    expect((await session(phonePage)).account).toBeNull();
    await phone.close();

    // Keyboard: the confirmation opens on "Cancel", Escape closes it and returns focus to the button.
    const everywhere = page.getByRole('button', { name: 'Sign out everywhere' });
    await everywhere.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Sign out on every device?' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Sign out everywhere');
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('You are signed out on every device.').waitFor();
    expect(await page.getByRole('main').getByRole('link', { name: 'Sign in' }).isVisible()).toBe(true);
    expect((await session(page)).account).toBeNull();
    await context.close();
  });

  it('turns on the authenticator app with a code, and makes new recovery codes to copy and download', async () => {
    const { context, page } = await signedUpOnAccount(browser(), site().baseUrl, 'second-step');
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const svg = page.getByRole('img', { name: 'QR code for your authenticator app' });
    await svg.waitFor();
    expect(await svg.locator('path').getAttribute('d')).toMatch(/^M\d+ \d+h\d+v1h-\d+z/);
    expect(await page.getByRole('link', { name: /Or open it in an authenticator app/ }).getAttribute('href')).toMatch(
      /^otpauth:\/\/totp\/Kinship%3Asecond-step\?secret=/,
    );
    const secret = (await page.locator('code').first().textContent())!.replace(/\s/g, '');
    await page.getByLabel('Code from the app').fill('12');
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByText('Enter the 6 digits the app shows.').waitFor();
    await page.getByLabel('Code from the app').fill(codeAt(secret, new Date()));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByText('Two-step sign-in with your app is on.').waitFor();
    expect(await page.getByText('On. When you sign in, you also enter a code from your app.').isVisible()).toBe(true);
    expect((await session(page)).second_factor).toBe(true);

    await page.getByRole('button', { name: 'Make new codes' }).click();
    const password = page.getByRole('region', { name: 'Two-step sign-in' }).getByLabel('Your password');
    await password.fill('wrong password here');
    await page.getByRole('button', { name: 'Make new codes' }).click();
    await page.getByText('This is not right. Please check it and try again.').waitFor();
    await password.fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Make new codes' }).click();
    const shown = page.getByRole('region', { name: 'Your new recovery codes' });
    await shown.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('region');
    const codes = await shown.locator('li code').allTextContents();
    expect(codes).toHaveLength(10);
    await page.getByText('You have 10 codes left.').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download as a text file' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('kinship-recovery-codes-second-step.txt');
    const text = await readFile(await download.path(), 'utf8');
    for (const code of codes) expect(text).toContain(code);
    await page.getByRole('button', { name: 'I have kept them' }).click();
    expect(await shown.count()).toBe(0);
    await context.close();
  });

  it('downloads everything as JSON and a part as CSV', async () => {
    const { context, page } = await signedUpOnAccount(browser(), site().baseUrl, 'takes-it-all');
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download everything (JSON)' }).click(),
    ]);
    const data = JSON.parse(await readFile(await json.path(), 'utf8')) as { account: { handle: string }; sections: object };
    expect(data.account.handle).toBe('takes-it-all');
    expect(Object.keys(data.sections)).toContain('sessions');
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download sessions (CSV)' }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe('kinship-sessions.csv');
    expect(await readFile(await csv.path(), 'utf8')).toMatch(/^label,created_at,last_seen_at,expires_at/);
    await context.close();
  });

  for (const posts of ['delete', 'keep'] as const) {
    it(`deletes the account (posts: ${posts}); the old password no longer signs in`, async () => {
      const handle = `leaving-${posts}`;
      const { context, page } = await signedUpOnAccount(browser(), site().baseUrl, handle);
      const remove = page.getByRole('button', { name: 'Delete my account' });
      await remove.click();
      await page.getByRole('alert').filter({ hasText: 'Please check the 3 fields marked below.' }).waitFor();
      await page.getByLabel(posts === 'delete' ? 'Delete my group posts' : 'Keep them under "former member"').check();
      await page.getByRole('region', { name: 'Delete your account' }).getByLabel('Your password').fill(STRONG_PASSWORD);
      await page.getByLabel('I understand my account will be deleted').check();
      await remove.click();
      const done = page.getByRole('heading', { level: 1, name: 'Your account is deleted' });
      await done.waitFor();
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      await page
        .getByText(posts === 'delete' ? 'Your group posts are deleted.' : 'Your group posts stay, shown under "former member"', {
          exact: false,
        })
        .waitFor();
      expect(await axeViolations(page)).toEqual([]);
      expect((await session(page)).account).toBeNull();
      const again = await apiFromPage<{ status?: string }>(page, 'POST', '/api/auth/sign-in', {
        handle,
        password: STRONG_PASSWORD,
      });
      expect(again.body.status).not.toBe('signed_in');
      expect((await session(page)).account).toBeNull();
      await context.close();
    });
  }
});
