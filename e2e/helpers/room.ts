import type { BrowserContext, Locator, Page } from 'playwright-core';
import WebSocket from 'ws';
import { openDatabase } from '../../src/server/db/index.js';
import { insertGrant } from '../../src/server/modules/accounts/repository/accounts.js';
import { codeAt } from '../../test/helpers/totp.js';
import { apiPost, signUpViaApi, uniqueHandle, type ApiAccount } from './auth-pages.js';

/*
 * The room page (`/rooms/:id`, src/web/features/groups/room) as the live-meeting e2e test reads it, by role and
 * label wherever the page gives one; and the set-up that only an operator or the API can do.
 */

/** The parts of the room page a person looks at. */
export function roomParts(page: Page) {
  const queue = page.getByRole('region', { name: 'Sharing', exact: true });
  const format = page.getByRole('region', { name: 'Meeting format' });
  return {
    connection: page.locator('.room-connection').getByRole('status'),
    presence: page.getByRole('region', { name: /^In the room/ }),
    people: page.locator('.room-people .room-person'),
    format,
    currentSection: format.locator('[aria-current="step"]'),
    timers: format.getByRole('timer'),
    queue,
    queued: queue.locator('.room-queue > li > span:first-child'),
    sharer: queue.locator('.room-sharer'),
    composer: page.getByLabel('Your message'),
    send: page.getByRole('button', { name: 'Send', exact: true }),
    block: page.locator('.room-block'),
    announcer: page.locator('[aria-live="polite"]'),
    closedNotice: page.locator('.room-closed'),
    /** The bodies of the messages stored and shown (not those still on their way). */
    bodies: page.locator('.room-list > li.room-message:not(.room-pending) .room-body'),
  };
}

/** How many messages on the page read exactly `text`. */
export async function countMessages(page: Page, text: string): Promise<number> {
  const all = await roomParts(page).bodies.allTextContents();
  return all.filter((b) => b.trim() === text).length;
}

/**
 * Moves focus with Tab alone until `target` has it (keyboard operability: the control is in the tab order and
 * reachable), then leaves it there. Fails when it is not reached within `max` presses.
 */
export async function tabTo(page: Page, target: Locator, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${String(target)} was not reached with Tab in ${max} presses`);
}

/** From now on, records each connection status the page shows (its words, in order, without repeats). */
export async function recordConnectionStates(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { connectionStates: string[] };
    w.connectionStates = [];
    const read = () => {
      const text = document.querySelector('.room-connection [role="status"]')?.firstChild?.textContent ?? '';
      if (text && w.connectionStates[w.connectionStates.length - 1] !== text) w.connectionStates.push(text);
    };
    read();
    new MutationObserver(read).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

export function connectionStates(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { connectionStates?: string[] }).connectionStates ?? []);
}

/**
 * A new account in `context` holding a facilitator grant (written as an admin would give it) and signed in with a
 * second factor (TOTP turned on in this session), as creating a group and facilitating demand.
 */
export async function facilitatorAccount(context: BrowserContext, baseUrl: string, databaseUrl: string): Promise<ApiAccount> {
  const account = await signUpViaApi(context, baseUrl, uniqueHandle('guide'));
  const me = (await (await context.request.get(`${baseUrl}/api/account`)).json()) as { id: number };
  const database = openDatabase(databaseUrl);
  try {
    await insertGrant(database.db, me.id, 'facilitator', 'kinship-e2e', new Date().toISOString());
  } finally {
    await database.close();
  }
  const totp = await apiPost<{ challenge: string; secret: string }>(context, `${baseUrl}/api/account/totp/setup`, account.csrf);
  await apiPost(context, `${baseUrl}/api/account/totp/enable`, account.csrf, {
    challenge: totp.challenge,
    code: codeAt(totp.secret, new Date()),
  });
  // Turning on a second factor renews the session, and its CSRF token with it.
  const session = (await (await context.request.get(`${baseUrl}/api/session`)).json()) as { csrf_token: string };
  return { ...account, csrf: session.csrf_token };
}

/**
 * Joins `room` over a raw socket with the cookies of `context` and sends one message; resolves with the server's
 * answer to it (`ack` or `error`). What the server does, whatever the page would have allowed.
 */
export async function sendRaw(
  context: BrowserContext,
  baseUrl: string,
  room: number,
  body: string,
): Promise<Record<string, unknown>> {
  const cookie = (await context.cookies(baseUrl)).map((c) => `${c.name}=${c.value}`).join('; ');
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`, { headers: { cookie, origin: new URL(baseUrl).origin } });
  const nonce = `raw-${Date.now().toString(36)}`;
  try {
    return await new Promise((resolve, reject) => {
      socket.on('error', reject);
      socket.on('open', () => socket.send(JSON.stringify({ t: 'join', room })));
      socket.on('message', (data: Buffer) => {
        const frame = JSON.parse(data.toString()) as Record<string, unknown>;
        if (frame.t === 'joined') socket.send(JSON.stringify({ t: 'send', room, nonce, body }));
        else if ((frame.t === 'ack' || frame.t === 'error') && frame.nonce === nonce) resolve(frame);
        else if (frame.t === 'error') reject(new Error(`the room answered ${JSON.stringify(frame)}`));
      });
    });
  } finally {
    socket.terminate();
  }
}
