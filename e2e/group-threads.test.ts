import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, chromiumPath, siteAndBrowser } from './helpers/harness.js';
import { apiFromPage, signInFromPage, signUpFromPage, STRONG_PASSWORD } from './helpers/accounts.js';
import { overflowsSideways } from './helpers/auth-pages.js';
import { codeAt } from '../test/helpers/totp.js';
import { groupBody } from '../test/helpers/groups.js';
import { seedLiveRoom } from '../test/helpers/live-groups.js';
import { openDatabase } from '../src/server/db/index.js';
import { insertGrant } from '../src/server/modules/accounts/repository/accounts.js';

/*
 * Discussion threads, coping strategies, blocking, reports and proofs of attendance in real Chromium (issue 7):
 * two members in two browser contexts and a facilitator set up through the API.
 */
describe.runIf(chromiumPath)('group threads and proofs in real Chromium', () => {
  const { site, browser } = siteAndBrowser();
  const stamp = Date.now().toString(36).slice(-5);
  const names = { fac: `fac${stamp}`, ana: `ana${stamp}`, ben: `ben${stamp}`, obs: `obs${stamp}` };
  let slug = '';

  /** A new context signed up as `handle` (and, for a facilitator, given the grant and a second factor). */
  async function person(b: Browser, handle: string, viewport = { width: 1100, height: 900 }): Promise<Page> {
    const page = await (await b.newContext({ viewport })).newPage();
    await signUpFromPage(page, site().baseUrl, handle, STRONG_PASSWORD);
    return page;
  }
  /** A fresh context signed in as an existing member: each accessibility scan starts from a new context. */
  async function signedIn(handle: string, viewport = { width: 1100, height: 900 }): Promise<Page> {
    const page = await (await browser().newContext({ viewport })).newPage();
    await page.goto(`${site().baseUrl}/help`);
    await signInFromPage(page, handle, STRONG_PASSWORD);
    return page;
  }
  async function facilitator(): Promise<Page> {
    const page = await person(browser(), names.fac);
    const me = await apiFromPage<{ id: number }>(page, 'GET', '/api/account');
    const database = openDatabase(site().databaseUrl);
    try {
      await insertGrant(database.db, me.body.id, 'facilitator', 'groups', new Date().toISOString());
    } finally {
      await database.close();
    }
    const setup = await apiFromPage<{ challenge: string; secret: string }>(page, 'POST', '/api/account/totp/setup');
    const enabled = await apiFromPage(page, 'POST', '/api/account/totp/enable', {
      challenge: setup.body.challenge,
      code: codeAt(setup.body.secret, new Date()),
    });
    expect(enabled.status).toBe(200);
    return page;
  }
  async function join(page: Page, as: 'member' | 'observer' = 'member') {
    const group = await apiFromPage<{ conduct_version: number }>(page, 'GET', `/api/groups/${slug}`);
    const res = await apiFromPage(page, 'POST', `/api/groups/${slug}/membership`, {
      as,
      conduct_version: group.body.conduct_version,
    });
    expect(res.status).toBe(200);
  }
  const url = (path: string) => `${site().baseUrl}${path}`;

  it('a member starts a thread, another replies and reacts, the author marks it helpful; report, block, unblock', async () => {
    const fac = await facilitator();
    const made = await apiFromPage<{ slug: string }>(fac, 'POST', '/api/groups', groupBody({ name: `Harbour ${stamp}` }));
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    slug = made.body.slug;
    const ana = await person(browser(), names.ana);
    const ben = await person(browser(), names.ben);
    await join(ana);
    await join(ben);

    // Ana starts a thread; an empty form is refused with a summary, and the fields say why.
    await ana.goto(url(`/groups/${slug}/threads`));
    await ana.getByRole('heading', { level: 1, name: 'Threads' }).waitFor();
    await ana.getByText('No threads yet.').waitFor();
    await ana.getByRole('button', { name: 'Start a thread' }).click();
    await ana.getByRole('button', { name: 'Post the thread' }).click();
    await ana.getByText('Please check the 2 fields marked below.').waitFor();
    expect(await ana.getByLabel('Title').getAttribute('aria-invalid')).toBe('true');
    await ana.getByLabel('Title').fill('What helps in the evenings?');
    await ana.getByLabel('Your post').fill('Evenings are **hard** for me. <img src=x onerror="window.pwned=1">');
    await ana
      .getByText(/^\d+ characters left$/)
      .first()
      .waitFor();
    await ana.getByRole('button', { name: 'Post the thread' }).click();
    await ana.getByRole('heading', { level: 1, name: 'What helps in the evenings?' }).waitFor();
    expect(ana.url()).toMatch(/\/threads\/\d+$/);
    const threadUrl = ana.url();
    // Markdown is drawn as elements; the HTML stays text.
    await ana.locator('article strong', { hasText: 'hard' }).waitFor();
    await ana.getByText('<img src=x onerror="window.pwned=1">', { exact: false }).waitFor();
    expect(await ana.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();

    // Ben sees it in the list (replies, reactions), opens it, gives support and replies.
    await ben.goto(url(`/groups/${slug}/threads`));
    await ben.getByRole('link', { name: 'What helps in the evenings?' }).click();
    const support = ben.getByRole('group', { name: `Support for the post from ${names.ana}` });
    const withYou = support.getByRole('button', { name: /With you/ });
    expect(await withYou.getAttribute('aria-pressed')).toBe('false');
    await withYou.click();
    await expect.poll(() => withYou.getAttribute('aria-pressed')).toBe('true');
    expect(await withYou.textContent()).toContain('1');
    await ben.getByLabel('Your reply').fill('A walk after dinner, then a call to a friend.');
    await ben.getByRole('button', { name: 'Post the reply' }).click();
    await ben.getByText('Your reply was posted.').waitFor();
    await ben.getByText('A walk after dinner, then a call to a friend.').waitFor();
    // He edits a second reply in place, then deletes it: asked first, a placeholder keeps its place.
    await ben.getByLabel('Your reply').fill('Sorry, wrong thraed.');
    await ben.getByRole('button', { name: 'Post the reply' }).click();
    const second = ben.getByRole('listitem').filter({ hasText: 'wrong thraed' });
    await second.getByText('Actions').click();
    await second.getByRole('button', { name: 'Edit' }).click();
    await ben.getByLabel('Edit your post').fill('Sorry, wrong thread.');
    await ben.getByRole('button', { name: 'Save' }).click();
    const edited = ben.getByRole('listitem').filter({ hasText: 'Sorry, wrong thread.' });
    await edited.getByText('(edited)').waitFor();
    await edited.getByText('Actions').click();
    await ben.getByRole('button', { name: 'Delete' }).click();
    const sureDelete = ben.getByRole('dialog', { name: 'Delete this post?' });
    await sureDelete.getByRole('button', { name: 'Delete' }).click();
    await ben.getByText('This post was deleted.').waitFor();
    expect(await ben.getByText('Sorry, wrong thread.').count()).toBe(0);

    // The list shows the reply count and the support given.
    await ana.goto(url(`/groups/${slug}/threads`));
    const listed = ana.getByRole('listitem').filter({ hasText: 'What helps in the evenings?' });
    await listed.getByText('2 replies').waitFor();
    await listed.getByText('With you 1').waitFor();

    // Ana (the thread's author) marks Ben's reply as a helpful coping strategy; it shows on the strategies page.
    await ana.goto(threadUrl);
    const mark = ana.getByRole('button', { name: 'Helpful coping strategy' });
    expect(await mark.getAttribute('aria-pressed')).toBe('false');
    await mark.click();
    await expect.poll(() => mark.getAttribute('aria-pressed')).toBe('true');
    await ana.locator('.threads-helpful-badge').waitFor();
    await ana.getByRole('link', { name: 'Coping strategies' }).click();
    await ana.getByRole('heading', { level: 1, name: 'Coping strategies' }).waitFor();
    await ana.getByText('A walk after dinner, then a call to a friend.').waitFor();
    await ana.getByRole('link', { name: 'What helps in the evenings?' }).click();
    await ana.getByText('A walk after dinner', { exact: false }).waitFor();
    expect(await ana.evaluate(() => document.activeElement?.id)).toMatch(/^post-\d+$/);

    // Ben reports Ana's post: "someone may hurt themselves" shows the help lines; the facilitators get it.
    await ben.reload();
    await ben.locator('article').getByText('Actions').click();
    await ben.getByRole('button', { name: 'Report', exact: true }).click();
    const dialog = ben.getByRole('dialog', { name: 'Report a post' });
    await dialog.getByLabel('Someone may hurt themselves').check();
    await dialog.getByRole('heading', { name: 'If someone is in danger now' }).waitFor();
    await dialog.getByRole('button', { name: 'Send report' }).click();
    await dialog.getByText('Thank you. The facilitators and moderators will look at it.').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    const reports = await apiFromPage<{ reports: { reason: string; post_id: number | null }[] }>(
      fac,
      'GET',
      `/api/groups/${slug}/reports`,
    );
    expect(reports.body.reports.map((r) => r.reason)).toEqual(['self_harm']);

    // Ben blocks Ana from her post's menu: the dialog says what blocking does; her post becomes a placeholder and
    // her thread leaves his list.
    await ben.locator('article').getByText('Actions').click();
    await ben.getByRole('button', { name: `Block ${names.ana}` }).click();
    const confirm = ben.getByRole('dialog', { name: `Block ${names.ana}?` });
    expect(await confirm.textContent()).toContain('is not told');
    await confirm.getByRole('button', { name: 'Block', exact: true }).click();
    await ben.getByText(`You blocked ${names.ana}.`).waitFor();
    await ben.getByText('A post by someone you blocked.').waitFor();
    expect(await ben.getByText('Evenings are').count()).toBe(0);
    await ben.goto(url(`/groups/${slug}/threads`));
    await ben.getByText('No threads yet.').waitFor();

    // On the account page he sees whom he blocked, and unblocks her.
    await ben.goto(url('/account'));
    const blocks = ben.getByRole('region', { name: 'Blocked members' });
    await blocks.getByRole('heading', { name: names.ana }).waitFor();
    await blocks.getByRole('button', { name: `Unblock ${names.ana}` }).click();
    await blocks.getByText(`You unblocked ${names.ana}.`).waitFor();
    await blocks.getByText('You have not blocked anyone.').waitFor();
    await ben.goto(url(`/groups/${slug}/threads`));
    await ben.getByRole('link', { name: 'What helps in the evenings?' }).waitFor();

    // Accessibility: each page from a fresh context, on a desktop and at 360 px.
    for (const path of [`/groups/${slug}/threads`, new URL(threadUrl).pathname, `/groups/${slug}/strategies`]) {
      for (const width of [1100, 360]) {
        const page = await signedIn(names.ben, { width, height: 800 });
        await page.goto(url(path));
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.locator('.threads-page').waitFor();
        expect(await axeViolations(page), `${path} at ${width}`).toEqual([]);
        expect(await overflowsSideways(page), `${path} at ${width}`).toBe(false);
        await page.context().close();
      }
    }
    for (const p of [fac, ana, ben]) await p.context().close();
  });

  it('tells an observer and a non-member why they cannot post, with the way to the group page', async () => {
    const obs = await person(browser(), names.obs, { width: 360, height: 800 });
    await obs.goto(url(`/groups/${slug}/threads`));
    await obs.getByRole('heading', { level: 1, name: 'Members only' }).waitFor();
    expect(await obs.getByRole('link', { name: "Go to the group's page" }).getAttribute('href')).toBe(`/groups/${slug}`);
    await join(obs, 'observer');
    await obs.goto(url(`/groups/${slug}/threads`));
    await obs.getByText('You are observing: you can read, but not post.', { exact: false }).waitFor();
    expect(await obs.getByRole('button', { name: 'Start a thread' }).count()).toBe(0);
    await obs.getByRole('link', { name: 'What helps in the evenings?' }).click();
    await obs.getByText('You are observing', { exact: false }).waitFor();
    // Observers read support given, but have no buttons to give it.
    await obs.getByText('With you 1').waitFor();
    expect(await obs.getByRole('button', { name: /With you/ }).count()).toBe(0);
    expect(await overflowsSideways(obs)).toBe(false);
    await obs.context().close();
  });

  it('a proof issued through the API says valid on its public page, and revoked after the member revokes it', async () => {
    // A second facilitator of the group (grant, place and second factor), who issues the proof.
    const lead = await person(browser(), `lead${stamp}`);
    const me = await apiFromPage<{ id: number }>(lead, 'GET', '/api/account');
    const database = openDatabase(site().databaseUrl);
    let roomId = 0;
    try {
      const group = await database.db
        .selectFrom('support_groups')
        .select('id')
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow();
      await insertGrant(database.db, me.body.id, 'facilitator', 'groups', new Date().toISOString());
      const now = new Date().toISOString();
      await database.db
        .insertInto('group_members')
        .values({
          group_id: group.id,
          account_id: me.body.id,
          role: 'facilitator',
          status: 'active',
          conduct_version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      roomId = (await seedLiveRoom(database.db, group.id, { title: 'Thursday sharing' })).roomId;
    } finally {
      await database.close();
    }
    const setup = await apiFromPage<{ challenge: string; secret: string }>(lead, 'POST', '/api/account/totp/setup');
    await apiFromPage(lead, 'POST', '/api/account/totp/enable', {
      challenge: setup.body.challenge,
      code: codeAt(setup.body.secret, new Date()),
    });

    const ana = await signedIn(names.ana);
    expect((await apiFromPage(ana, 'PUT', `/api/rooms/${roomId}/attendance`)).status).toBe(200);
    const asked = await apiFromPage<{ id: string }>(ana, 'POST', `/api/rooms/${roomId}/proof-request`);
    expect(asked.status).toBe(201);
    const issued = await apiFromPage(lead, 'POST', `/api/proofs/${asked.body.id}/issue`);
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);

    // Anyone, signed out, on a phone.
    const visitor = await (await browser().newContext({ viewport: { width: 360, height: 800 } })).newPage();
    await visitor.goto(url(`/proofs/${asked.body.id}`));
    await visitor.getByText('Valid.').waitFor();
    await visitor.getByText(`${names.ana} attended "Thursday sharing"`, { exact: false }).waitFor();
    expect(await visitor.getByRole('link', { name: 'Download the PDF' }).getAttribute('href')).toBe(
      `/api/proofs/${asked.body.id}/pdf`,
    );
    expect(await visitor.getByRole('link', { name: '/api/proofs/key' }).count()).toBe(1);
    expect(await axeViolations(visitor)).toEqual([]);
    expect(await overflowsSideways(visitor)).toBe(false);
    // Printed, only the proof is on the page.
    await visitor.emulateMedia({ media: 'print' });
    expect(await visitor.locator('.site-header').isVisible()).toBe(false);
    expect(await visitor.getByRole('button', { name: 'Print this page' }).isVisible()).toBe(false);
    await visitor.emulateMedia({ media: 'screen' });

    // Ana's account page lists the record and the proof, with its link; she revokes the proof.
    await ana.goto(url('/account'));
    const part = ana.getByRole('region', { name: 'Attendance and proofs' });
    await part
      .getByRole('heading', { name: /Thursday sharing/ })
      .first()
      .waitFor();
    expect(await part.getByRole('link', { name: 'Verification page' }).getAttribute('href')).toBe(`/proofs/${asked.body.id}`);
    const scan = await signedIn(names.ana, { width: 360, height: 800 });
    await scan.goto(url('/account'));
    await scan.getByRole('region', { name: 'Attendance and proofs' }).getByRole('link', { name: 'Verification page' }).waitFor();
    await scan.getByRole('region', { name: 'Blocked members' }).getByText('You have not blocked anyone.').waitFor();
    expect(await axeViolations(scan)).toEqual([]);
    expect(await overflowsSideways(scan)).toBe(false);
    await scan.context().close();

    await part.getByRole('button', { name: /^Revoke the proof of Thursday sharing/ }).click();
    const sure = ana.getByRole('dialog', { name: 'Revoke this proof?' });
    await sure.getByRole('button', { name: 'Revoke' }).click();
    await part.getByText('The proof was revoked.').waitFor();
    await visitor.reload();
    await visitor.getByText('Revoked.').waitFor();
    expect(await visitor.getByText(names.ana).count()).toBe(0);

    // Withdrawing the attendance record asks first, then the record is gone.
    await part.getByRole('button', { name: /^Withdraw the record of Thursday sharing/ }).click();
    await ana.getByRole('dialog', { name: 'Withdraw this attendance record?' }).getByRole('button', { name: 'Withdraw' }).click();
    await part.getByText('You have not recorded any meetings.').waitFor();

    await visitor.goto(url(`/proofs/${'0'.repeat(32)}`));
    await visitor.getByText('Unknown proof.').waitFor();
    for (const p of [lead, ana, visitor]) await p.context().close();
  });
});
