import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { startMailCatcher, type CaughtMail } from '../test/helpers/mail-catcher.js';
import { codeAt } from '../test/helpers/totp.js';
import { apiPost, signUpViaApi } from './helpers/auth-pages.js';
import { axeViolations, chromiumPath, launchBrowser, siteAndBrowser, startSite, type Site } from './helpers/harness.js';

/** Waits for the mail to `to` (the server sends it after answering) and returns it. */
async function mailTo(mails: CaughtMail[], to: string): Promise<CaughtMail> {
  for (let i = 0; i < 100; i++) {
    const mail = mails.find((m) => m.to.includes(to));
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to}`);
}

/** The reset link in a mail, as the person would click it. */
function resetLink(mail: CaughtMail): string {
  const link = /https?:\/\/\S+\/reset\?token=[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no reset link in: ${mail.text}`);
  return link;
}

async function addEmail(context: BrowserContext, base: string, csrf: string, email: string): Promise<void> {
  await apiPost(context, `${base}/api/account`, csrf, { email }, 'PATCH');
}

describe.runIf(chromiumPath)('password reset by e-mail in real Chromium', () => {
  const { site, browser } = siteAndBrowser();

  it('is offered only where the site sends e-mail; recovery codes always are', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${site().baseUrl}/sign-in`);
    await page.getByRole('link', { name: 'Forgot your password? Use a recovery code' }).waitFor();
    expect(await page.getByRole('link', { name: 'Get a reset link by e-mail' }).count()).toBe(0);
    await page.goto(`${site().baseUrl}/forgot`);
    await page.getByText('This site cannot send e-mails.').waitFor();
    expect(await page.getByRole('textbox').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Use a recovery code' }).count()).toBe(1);
    await context.close();
  });
});

describe.runIf(chromiumPath)('password reset by e-mail in real Chromium, with a real SMTP server', () => {
  let site: Site;
  let browserInstance: Browser;
  let catcher: Awaited<ReturnType<typeof startMailCatcher>>;
  const browser = () => browserInstance;
  beforeAll(async () => {
    catcher = await startMailCatcher();
    site = await startSite({ config: { mail: { smtpUrl: catcher.url, from: 'Kinship <no-reply@localhost>' } } });
    browserInstance = await launchBrowser();
  });
  afterAll(async () => {
    await browserInstance?.close();
    await site?.close();
    await catcher?.close();
  });

  it('asks for a link, answers the same whatever the address, and the link arrives by e-mail', async () => {
    const base = site.baseUrl;
    const setup = await browser().newContext();
    const account = await signUpViaApi(setup, base);
    const email = `${account.handle.toLowerCase()}@example.org`;
    await addEmail(setup, base, account.csrf, email);
    await setup.close();

    const context = await browser().newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByRole('link', { name: 'Get a reset link by e-mail' }).click();
    await page.getByRole('heading', { level: 1, name: 'Forgot your password?' }).waitFor();
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByRole('alert').getByText('Enter your e-mail address.').waitFor();
    // An address no account has gets the same answer, and no mail.
    await page.getByLabel('E-mail').fill('nobody-here@example.org');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText('If an account has this e-mail, a link is on its way.', { exact: false }).waitFor();
    await page.goto(`${base}/forgot`);
    await page.getByLabel('E-mail').fill(email.toUpperCase());
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText('If an account has this e-mail, a link is on its way.', { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const mail = await mailTo(catcher.mails, email);
    expect(resetLink(mail)).toContain(`${base}/reset?token=`);
    expect(catcher.mails.some((m) => m.to.includes('nobody-here@example.org'))).toBe(false);
    await context.close();
  });

  it('takes the token out of the address bar, sets the password, and asks for the second factor where there is one', async () => {
    const base = site.baseUrl;
    // An account with an authenticator app and an e-mail address.
    const setup = await browser().newContext();
    const account = await signUpViaApi(setup, base);
    const email = `${account.handle.toLowerCase()}@example.org`;
    await addEmail(setup, base, account.csrf, email);
    const totp = await apiPost<{ challenge: string; secret: string }>(setup, `${base}/api/account/totp/setup`, account.csrf);
    await apiPost(setup, `${base}/api/account/totp/enable`, account.csrf, {
      challenge: totp.challenge,
      code: codeAt(totp.secret, new Date()),
    });
    await setup.close();

    const context = await browser().newContext();
    const page = await context.newPage();
    // A link that is not (or no longer) valid.
    await page.goto(`${base}/reset?token=${'x'.repeat(43)}`);
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await page.waitForURL(`${base}/reset`);
    await page.getByLabel('New password').fill('copper kettle singing 19 hills');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('alert').getByText('This reset link has expired or was already used.', { exact: false }).waitFor();

    // The real link, from the real mail.
    await page.goto(`${base}/forgot`);
    await page.getByLabel('E-mail').fill(email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText('If an account has this e-mail, a link is on its way.', { exact: false }).waitFor();
    const link = resetLink(await mailTo(catcher.mails, email));
    await page.goto(link);
    await page.waitForURL(`${base}/reset`);
    expect(await page.evaluate(() => location.href)).not.toContain('token');
    await page.getByLabel('New password').fill('copper kettle singing 19 hills');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('heading', { level: 1, name: 'One more step' }).waitFor();
    await page.getByLabel('Code from your app').fill(codeAt(totp.secret, new Date(), 1));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your password is changed' }).waitFor();
    await page.getByRole('button', { name: `Account menu for ${account.handle}` }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // The link worked once.
    await page.goto(link);
    await page.getByLabel('New password').fill('another copper kettle 20 hills');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('alert').getByText('This reset link has expired or was already used.', { exact: false }).waitFor();
    await context.close();
  });
});
