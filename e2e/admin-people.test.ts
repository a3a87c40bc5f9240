import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, chromiumPath, siteAndBrowser } from './helpers/harness.js';
import { apiFromPage, signInFromPage, signUpFromPage, STRONG_PASSWORD } from './helpers/accounts.js';
import { codeAt } from '../test/helpers/totp.js';
import { openDatabase } from '../src/server/db/index.js';
import { createSiteAdmin } from '../src/server/modules/accounts/admin-service.js';

const REFUSAL = 'You need the site admin role with two-step sign-in.';

describe.runIf(chromiumPath)('the people page in real Chromium', () => {
  const { site, browser } = siteAndBrowser();

  /** Signs in the site admin with the password alone. */
  async function signedInAdmin(b: Browser, viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await b.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(`${site().baseUrl}/help`);
    await signInFromPage(page, 'site-keeper', STRONG_PASSWORD);
    return page;
  }

  it('refuses a site admin without a second step; signed in with TOTP they give and take a role, seen in the list and the audit log', async () => {
    const database = openDatabase(site().databaseUrl);
    try {
      await createSiteAdmin(database, { handle: 'site-keeper', password: STRONG_PASSWORD });
    } finally {
      await database.close();
    }
    const member = await browser().newContext();
    const memberPage = await member.newPage();
    await signUpFromPage(memberPage, site().baseUrl, 'plain-member', STRONG_PASSWORD);

    const page = await signedInAdmin(browser());
    await page.goto(`${site().baseUrl}/admin/people`);
    await page.getByText(REFUSAL).waitFor();
    await page.getByText('this session was not signed in with a second step', { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Turn on TOTP, sign out, and sign in again with the password and a code.
    const setup = await apiFromPage<{ challenge: string; secret: string }>(page, 'POST', '/api/account/totp/setup');
    const enable = await apiFromPage(page, 'POST', '/api/account/totp/enable', {
      challenge: setup.body.challenge,
      code: codeAt(setup.body.secret, new Date()),
    });
    expect(enable.status).toBe(200);
    await apiFromPage(page, 'POST', '/api/auth/sign-out');
    // The enrolment used this step's code, and a code works once: the next step's is the one the app shows next.
    await signInFromPage(page, 'site-keeper', STRONG_PASSWORD, () => codeAt(setup.body.secret, new Date(), 1));

    await page.goto(`${site().baseUrl}/admin/people`);
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    const accounts = page.getByRole('table', { name: 'Accounts, by handle' });
    await accounts.waitFor();
    expect(await accounts.getByRole('rowheader').allTextContents()).toEqual(['plain-member', 'site-keeper']);
    // Handles, roles, two-step state: never an e-mail address.
    expect(await accounts.getByRole('row', { name: /site-keeper/ }).textContent()).toContain('Site admin');

    await page.getByLabel('Find by handle').fill('plain');
    await page.getByRole('button', { name: 'Find' }).click();
    await expect.poll(() => accounts.getByRole('rowheader').allTextContents()).toEqual(['plain-member']);

    // With the keyboard: open the member's roles, choose a role, confirm in the dialog.
    await page.getByRole('button', { name: 'Manage roles for plain-member' }).focus();
    await page.keyboard.press('Enter');
    const editor = page.getByRole('region', { name: 'Roles of plain-member' });
    await editor.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Roles of plain-member');
    await editor.getByLabel('Role').selectOption('facilitator');
    await editor.getByRole('button', { name: 'Give role' }).click();
    await editor.getByText('Say which group or organisation.').waitFor();
    await editor.getByLabel('Role').selectOption('moderator');
    await editor.getByRole('button', { name: 'Give role' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Give plain-member the role Moderator?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Their sessions end now');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await editor.getByText('plain-member now has the role Moderator.').waitFor();
    expect(await accounts.getByRole('row', { name: /plain-member/ }).textContent()).toContain('Moderator');
    // The lists and the open editor pass axe on a desktop and on a small phone, with nothing to scroll sideways
    // but the tables' own scrolling regions.
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });

    const audit = page.getByRole('table', { name: 'Newest entries' });
    await expect
      .poll(async () => (await audit.getByRole('row').nth(1).textContent()) ?? '')
      .toMatch(/site-keeper.*Role given.*plain-member.*role: Moderator/);
    // The member's sessions ended with the change.
    expect((await apiFromPage<{ account: unknown }>(memberPage, 'GET', '/api/session')).body.account).toBeNull();

    await editor.getByRole('button', { name: 'Remove the role Moderator' }).click();
    await page
      .getByRole('dialog', { name: 'Take the role Moderator from plain-member?' })
      .getByRole('button', { name: 'Remove' })
      .click();
    await editor.getByText('plain-member no longer has the role Moderator.').waitFor();
    await expect.poll(async () => (await audit.getByRole('row').nth(1).textContent()) ?? '').toMatch(/Role taken away/);
    await member.close();
    await page.context().close();
  });

  it('tells a plain member they need the site admin role with two-step sign-in', async () => {
    const context = await browser().newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await signUpFromPage(page, site().baseUrl, 'just-a-member', STRONG_PASSWORD);
    await page.goto(`${site().baseUrl}/admin/people`);
    await page.getByText(REFUSAL).waitFor();
    await page.getByText('This page is only for site admins.', { exact: false }).waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    // The server refuses it anyway.
    expect((await apiFromPage(page, 'GET', '/api/admin/accounts')).status).toBe(403);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
