import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { codeAt } from '../test/helpers/totp.js';
import { apiPost, fillSignIn, signUpViaApi, STRONG_PASSWORD, uniqueHandle } from './helpers/auth-pages.js';
import {
  chromiumPath,
  cspViolations,
  foreignRequests,
  recordCspViolations,
  recordRequests,
  siteAndBrowser,
} from './helpers/harness.js';

describe.runIf(chromiumPath)('accounts in real Chromium', () => {
  const { site, browser } = siteAndBrowser();

  it('signs up, shows the recovery codes once (copy, download, a required "saved" box), then is signed in; signs out and back in', async () => {
    const context = await browser().newContext({ viewport: { width: 360, height: 640 }, acceptDownloads: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site().baseUrl });
    const urls = recordRequests(context);
    await recordCspViolations(context);
    const page = await context.newPage();
    const handle = uniqueHandle('river');
    await page.goto(`${site().baseUrl}/`);
    await page.getByRole('link', { name: 'Create account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
    // The nickname is explained as one, and never a real name; the e-mail as for resets only.
    const handleField = page.getByLabel('Nickname (handle)');
    expect(await handleField.getAttribute('aria-describedby')).toBeTruthy();
    expect(await page.getByText('Never use your real name.').count()).toBe(1);
    expect(await page.getByText('Only used to reset your password').count()).toBe(1);
    // Time zone and language come from the browser.
    expect(await page.getByLabel('Time zone').inputValue()).toBe(
      await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
    );
    expect(await page.getByLabel('Language of your account').inputValue()).toBe('en');

    await handleField.fill(handle);
    await page.getByLabel('Password', { exact: true }).fill(STRONG_PASSWORD);
    await page.getByLabel('I accept the community guidelines').check();
    await page.getByRole('button', { name: 'Create account' }).click();

    const title = page.getByRole('heading', { level: 1, name: 'Save your recovery codes' });
    await title.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Save your recovery codes');
    const codes = await page.locator('.code-list code').allTextContents();
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/);
    expect(await page.getByText('You will see these codes only once.').count()).toBe(1);

    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByText('The codes are copied.').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    for (const code of codes) expect(copied).toContain(code);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download as .txt' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('kinship-recovery-codes.txt');
    const file = await readFile(await download.path(), 'utf8');
    for (const code of codes) expect(file).toContain(code);

    // Going on needs the box ticked.
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Please save your codes and tick this box to go on.').waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe('checkbox');
    await page.getByLabel('I have saved these codes').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${site().baseUrl}/account`);

    // Signed in: the header names the handle; the account's guidelines were accepted with the current version.
    const menu = page.getByRole('button', { name: `Account menu for ${handle}` });
    await menu.waitFor();
    const session = (await (await context.request.get(`${site().baseUrl}/api/session`)).json()) as {
      account: { handle: string; guidelines: { version: string } | null; language: string; time_zone: string | null };
    };
    expect(session.account).toMatchObject({ handle, guidelines: { version: '2026-11' }, language: 'en' });
    expect(session.account.time_zone).toBe(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone));

    // The codes are not shown again.
    await page.goto(`${site().baseUrl}/sign-up`);
    await page.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
    expect(await page.locator('.code-list').count()).toBe(0);

    // Sign out from the header's menu.
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
    expect(await page.getByRole('link', { name: 'Sign in' }).count()).toBe(1);
    expect(
      ((await (await context.request.get(`${site().baseUrl}/api/session`)).json()) as { account: unknown }).account,
    ).toBeNull();

    // And back in, returning to the page named by ?next=.
    await page.goto(`${site().baseUrl}/saved`);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL(`${site().baseUrl}/sign-in?next=%2Fsaved`);
    await fillSignIn(page, handle, STRONG_PASSWORD);
    await page.waitForURL(`${site().baseUrl}/saved`);
    await menu.waitFor();

    expect(await cspViolations(page)).toEqual([]);
    expect(foreignRequests(urls, site().baseUrl)).toEqual([]);
    await context.close();
  });

  it('announces a wrong password in a focused summary, then a lock-out as "try again in N minutes"', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    const { handle } = await signUpViaApi(await browser().newContext(), site().baseUrl);
    await page.goto(`${site().baseUrl}/sign-in`);
    await fillSignIn(page, handle, 'not the password at all');
    const alert = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await alert.getByText('That nickname and password do not match.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('error-summary');

    // Four more wrong passwords lock the handle: the sixth try is throttled, and the page says how long to wait.
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${site().baseUrl}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ handle, password: `wrong ${i}` }),
      });
      expect(res.status).toBe(401);
    }
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page
      .getByRole('alert')
      .getByText(/^Too many attempts\. Please try again in \d+ minutes?\.$/)
      .waitFor();
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('error-summary');
    await context.close();
  });

  it('shows why a sign-up is refused on the field itself: a taken handle, a guessable password, a bad handle', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    const { handle } = await signUpViaApi(await browser().newContext(), site().baseUrl);
    await page.goto(`${site().baseUrl}/sign-up`);
    const handleField = page.getByLabel('Nickname (handle)');
    const password = page.getByLabel('Password', { exact: true });

    await handleField.fill('no spaces allowed');
    await password.fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page
      .getByRole('alert')
      .getByRole('link', { name: /^Nickname \(handle\): Use only letters/ })
      .waitFor();
    expect(await handleField.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await handleField.getAttribute('aria-describedby'))!.split(' ');
    const texts = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(texts.join(' ')).toContain('Use only letters A to Z');
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    // The summary's link takes focus to the field.
    await page
      .getByRole('alert')
      .getByRole('link', { name: /^Password:/ })
      .click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('password');

    await handleField.fill(handle.toUpperCase());
    await password.fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('alert').getByText('That nickname is taken. Please choose another.').waitFor();
    expect(await handleField.getAttribute('aria-invalid')).toBe('true');

    await handleField.fill(uniqueHandle('fresh'));
    await password.fill('passwordpassword');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page
      .getByRole('alert')
      .getByText(/This password would be easy to guess/)
      .waitFor();
    const passwordHelp = (await password.getAttribute('aria-describedby'))!.split(' ');
    expect(passwordHelp.some((id) => id.endsWith('-error'))).toBe(true);
    await context.close();
  });

  it('signs in with a code from the authenticator app, or a recovery code instead', async () => {
    const setup = await browser().newContext();
    const account = await signUpViaApi(setup, site().baseUrl);
    const base = site().baseUrl;
    const totp = await apiPost<{ challenge: string; secret: string }>(setup, `${base}/api/account/totp/setup`, account.csrf);
    await apiPost(setup, `${base}/api/account/totp/enable`, account.csrf, {
      challenge: totp.challenge,
      code: codeAt(totp.secret, new Date()),
    });
    await setup.close();

    const context = await browser().newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${base}/sign-in?next=/saved`);
    await fillSignIn(page, account.handle, account.password);
    await page.getByRole('heading', { level: 1, name: 'One more step' }).waitFor();
    const code = page.getByLabel('Code from your app');
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    // A wrong code is announced, and the step stays open.
    await code.fill('000000');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('alert').getByText('That code did not work.', { exact: false }).waitFor();
    // The next step's code (the one enabling the app used this one's).
    await code.fill(codeAt(totp.secret, new Date(), 1));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${base}/saved`);
    await page.getByRole('button', { name: `Account menu for ${account.handle}` }).waitFor();
    const state = (await (await context.request.get(`${base}/api/session`)).json()) as { second_factor: boolean };
    expect(state.second_factor).toBe(true);
    await context.close();

    const other = await browser().newContext();
    const second = await other.newPage();
    await second.goto(`${base}/sign-in`);
    await fillSignIn(second, account.handle, account.password);
    await second.getByRole('button', { name: 'Use a recovery code instead' }).click();
    const recovery = second.getByLabel('Recovery code');
    expect(await second.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('recovery_code');
    await recovery.fill(account.codes[0]!.toUpperCase());
    await second.getByRole('button', { name: 'Continue' }).click();
    await second.waitForURL(`${base}/account`);
    await second.getByRole('button', { name: `Account menu for ${account.handle}` }).waitFor();
    await other.close();
  });

  it('sets a new password with a recovery code, signed in afterwards; the old password stops working', async () => {
    const account = await signUpViaApi(await browser().newContext(), site().baseUrl);
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${site().baseUrl}/sign-in`);
    await page.getByRole('link', { name: 'Forgot your password? Use a recovery code' }).click();
    await page.getByRole('heading', { level: 1, name: 'Get back in with a recovery code' }).waitFor();
    // No e-mail reset on this installation: /forgot is not offered.
    expect(await page.getByRole('link', { name: /by e-mail/ }).count()).toBe(0);
    await page.getByLabel('Nickname (handle)').fill(account.handle);
    await page.getByLabel('Recovery code').fill(account.codes[3]!);
    const newPassword = 'copper kettle singing 19 hills';
    await page.getByLabel('New password').fill(newPassword);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your password is changed' }).waitFor();
    expect(await page.getByText('You have 9 recovery codes left.', { exact: false }).count()).toBe(1);
    await page.getByRole('button', { name: `Account menu for ${account.handle}` }).waitFor();

    const old = await fetch(`${site().baseUrl}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ handle: account.handle, password: account.password }),
    });
    expect(old.status).toBe(401);
    // The code was used up.
    const again = await fetch(`${site().baseUrl}/api/auth/recover`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ handle: account.handle, recovery_code: account.codes[3], new_password: newPassword }),
    });
    expect(again.status).toBe(401);
    await context.close();
  });

  it('ignores a ?next= that leaves the site', async () => {
    const account = await signUpViaApi(await browser().newContext(), site().baseUrl);
    for (const next of ['//evil.example', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      const context = await browser().newContext();
      const urls = recordRequests(context);
      const page = await context.newPage();
      await page.goto(`${site().baseUrl}/sign-in?next=${encodeURIComponent(next)}`);
      await fillSignIn(page, account.handle, account.password);
      await page.getByRole('button', { name: `Account menu for ${account.handle}` }).waitFor();
      await page.waitForURL(`${site().baseUrl}/account`);
      expect(foreignRequests(urls, site().baseUrl), next).toEqual([]);
      await context.close();
    }
  });

  it('speaks Spanish when the page does: the form and its error summary', async () => {
    const context = await browser().newContext({ locale: 'es-ES' });
    const page = await context.newPage();
    const { handle } = await signUpViaApi(await browser().newContext(), site().baseUrl);
    await page.goto(`${site().baseUrl}/sign-in`);
    await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
    await page.getByLabel('Apodo (nombre de usuario)').fill(handle);
    await page.getByLabel('Contraseña', { exact: true }).fill('no es la contraseña');
    await page.getByRole('button', { name: 'Iniciar sesión', exact: true }).click();
    await page.getByRole('alert').getByText('El apodo y la contraseña no coinciden.', { exact: false }).waitFor();
    expect(await page.getByRole('alert').getByRole('heading').textContent()).toBe('Hay un problema');
    await context.close();
  });

  it("switches to the account's own language on signing in, on an English browser", async () => {
    const setup = await browser().newContext();
    const account = await signUpViaApi(setup, site().baseUrl);
    await apiPost(setup, `${site().baseUrl}/api/account`, account.csrf, { language: 'es' }, 'PATCH');
    await setup.close();
    const context = await browser().newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${site().baseUrl}/sign-in`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await fillSignIn(page, account.handle, account.password);
    await page.waitForFunction(() => document.documentElement.lang === 'es');
    await page.getByRole('button', { name: `Menú de la cuenta de ${account.handle}` }).waitFor();
    await context.close();
  });

  it('hides the passkey buttons where the browser has no WebAuthn', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${site().baseUrl}/sign-in`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.getByRole('button', { name: 'Sign in with a passkey' }).count()).toBe(1);
    await context.addInitScript(() => {
      delete (window as { PublicKeyCredential?: unknown }).PublicKeyCredential;
    });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.getByRole('button', { name: 'Sign in with a passkey' }).count()).toBe(0);
    await context.close();
  });
});
