import { describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { codeAt } from '../test/helpers/totp.js';
import { apiPost, signUpViaApi } from './helpers/auth-pages.js';
import { axeViolations, chromiumPath, siteAndBrowser } from './helpers/harness.js';

/**
 * The e-mail reset pages. The reset routes (POST /api/auth/reset-request, /api/auth/reset, `accounts.email_reset` in
 * /api/meta) need a mail server, which the e2e site does not configure, so the browser's requests to them are
 * answered here as those routes answer (their own tests cover them against a local SMTP server); the second step
 * after a reset is the real one (a real challenge from a real sign-in).
 */
async function offerEmailReset(context: BrowserContext): Promise<void> {
  await context.route('**/api/meta', async (route) => {
    const real = await route.fetch();
    const body = (await real.json()) as Record<string, unknown>;
    await route.fulfill({ response: real, json: { ...body, accounts: { email_reset: true } } });
  });
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

  it('asks for a link, and answers the same whatever the address', async () => {
    const context = await browser().newContext({ viewport: { width: 320, height: 640 } });
    await offerEmailReset(context);
    const asked: unknown[] = [];
    await context.route('**/api/auth/reset-request', async (route) => {
      asked.push(route.request().postDataJSON());
      await route.fulfill({ status: 202, json: { ok: true } });
    });
    const page = await context.newPage();
    await page.goto(`${site().baseUrl}/sign-in`);
    await page.getByRole('link', { name: 'Get a reset link by e-mail' }).click();
    await page.getByRole('heading', { level: 1, name: 'Forgot your password?' }).waitFor();
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByRole('alert').getByText('Enter your e-mail address.').waitFor();
    await page.getByLabel('E-mail').fill('someone@example.org');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText('If an account has this e-mail, a link is on its way.', { exact: false }).waitFor();
    expect(asked).toEqual([{ email: 'someone@example.org' }]);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('takes the token out of the address bar, sets the password, and asks for the second factor where there is one', async () => {
    const base = site().baseUrl;
    // A real second step: an account with an authenticator app, and the challenge of a real sign-in.
    const setup = await browser().newContext();
    const account = await signUpViaApi(setup, base);
    const totp = await apiPost<{ challenge: string; secret: string }>(setup, `${base}/api/account/totp/setup`, account.csrf);
    await apiPost(setup, `${base}/api/account/totp/enable`, account.csrf, {
      challenge: totp.challenge,
      code: codeAt(totp.secret, new Date()),
    });
    await setup.close();
    const step = (await (
      await fetch(`${base}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ handle: account.handle, password: account.password }),
      })
    ).json()) as { status: string; challenge: string; methods: string[] };
    expect(step.status).toBe('second_factor');

    const context = await browser().newContext();
    const sent: unknown[] = [];
    await context.route('**/api/auth/reset', async (route) => {
      const body = route.request().postDataJSON() as { token: string; new_password: string };
      sent.push(body);
      if (body.token !== 'good-token') {
        await route.fulfill({
          status: 400,
          json: { error: { code: 'reset_token_invalid', message: 'This link has expired.' } },
        });
      } else await route.fulfill({ status: 200, json: step });
    });
    const page = await context.newPage();

    await page.goto(`${base}/reset?token=old-token`);
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await page.waitForURL(`${base}/reset`);
    await page.getByLabel('New password').fill('copper kettle singing 19 hills');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('alert').getByText('This reset link has expired or was already used.', { exact: false }).waitFor();

    await page.goto(`${base}/reset?token=good-token`);
    await page.waitForURL(`${base}/reset`);
    expect(await page.evaluate(() => location.href)).not.toContain('good-token');
    await page.getByLabel('New password').fill('copper kettle singing 19 hills');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('heading', { level: 1, name: 'One more step' }).waitFor();
    expect(sent.at(-1)).toEqual({ token: 'good-token', new_password: 'copper kettle singing 19 hills' });
    await page.getByLabel('Code from your app').fill(codeAt(totp.secret, new Date(), 1));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your password is changed' }).waitFor();
    await page.getByRole('button', { name: `Account menu for ${account.handle}` }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
