import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiFromPage, signUpFromPage, STRONG_PASSWORD } from './helpers/accounts.js';
import { fillSignIn, uniqueHandle } from './helpers/auth-pages.js';
import { chromiumPath, siteAndBrowser } from './helpers/harness.js';

/**
 * A page with Chromium's virtual authenticator (DevTools WebAuthn domain): a platform authenticator that holds
 * discoverable credentials and verifies the person, answering at once. Browsers refuse WebAuthn on an IP address, so
 * the site is opened as localhost (the server takes a loopback Host as its relying party).
 */
async function pageWithAuthenticator(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return page;
}

/** Adds a passkey to the signed-in account of `page`, as the account page would (the browser makes it). */
async function addPasskey(page: Page): Promise<void> {
  const options = await apiFromPage<{ options: unknown }>(page, 'POST', '/api/account/passkeys/options', {
    password: STRONG_PASSWORD,
  });
  expect(options.status).toBe(200);
  const response = await page.evaluate(async (json) => {
    const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(json as PublicKeyCredentialCreationOptionsJSON);
    const credential = (await navigator.credentials.create({ publicKey })) as PublicKeyCredential;
    return credential.toJSON();
  }, options.body.options);
  const added = await apiFromPage(page, 'POST', '/api/account/passkeys', { name: 'test key', response });
  expect(added.status).toBe(200);
}

describe.runIf(chromiumPath)('passkey sign-in in real Chromium', () => {
  const { site, browser } = siteAndBrowser();
  const local = () => site().baseUrl.replace('127.0.0.1', 'localhost');

  it('signs in with a passkey alone, and uses it as the second step after a password', async () => {
    const page = await pageWithAuthenticator(browser());
    const handle = uniqueHandle('key');
    await signUpFromPage(page, local(), handle, STRONG_PASSWORD);
    await addPasskey(page);
    expect((await apiFromPage(page, 'POST', '/api/auth/sign-out')).status).toBe(200);

    // Passwordless: no handle, no password.
    await page.goto(`${local()}/sign-in?next=/saved`);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.waitForURL(`${local()}/saved`);
    await page.getByRole('button', { name: `Account menu for ${handle}` }).waitFor();
    const state = await apiFromPage<{ second_factor: boolean }>(page, 'GET', '/api/session');
    expect(state.body.second_factor).toBe(true);
    expect((await apiFromPage(page, 'POST', '/api/auth/sign-out')).status).toBe(200);

    // After a password, the account's passkey is the second step.
    await page.goto(`${local()}/sign-in`);
    await fillSignIn(page, handle, STRONG_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'One more step' }).waitFor();
    // No authenticator app on this account: the code field asks for a recovery code, and the passkey is offered.
    await page.getByLabel('Recovery code').waitFor();
    await page.getByRole('button', { name: 'Use a passkey' }).click();
    await page.waitForURL(`${local()}/account`);
    await page.getByRole('button', { name: `Account menu for ${handle}` }).waitFor();
    await page.context().close();
  });

  it('says so when the passkey is not used, and the password still works', async () => {
    const page = await pageWithAuthenticator(browser());
    // No passkey on this authenticator for this site: the browser's ceremony fails.
    const handle = uniqueHandle('nokey');
    await signUpFromPage(page, local(), handle, STRONG_PASSWORD);
    expect((await apiFromPage(page, 'POST', '/api/auth/sign-out')).status).toBe(200);
    await page.goto(`${local()}/sign-in`);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page
      .getByRole('alert')
      .getByText(/passkey/)
      .waitFor();
    await fillSignIn(page, handle, STRONG_PASSWORD);
    await page.waitForURL(`${local()}/account`);
    await page.context().close();
  });
});
