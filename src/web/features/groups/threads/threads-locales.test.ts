import { describe, expect, it } from 'vitest';
import { CHAT_LIMITS } from '../../../../shared/chat-protocol.js';
import { REACTION_KINDS, THREAD_LIMITS } from '../../../../shared/thread-limits.js';
import en from '../../../i18n/locales/en.json';
import es from '../../../i18n/locales/es.json';
import { localeKeys as keys } from '../../../i18n/locale-keys.js';

describe('threads, proofs and the account page’s new parts speak English and Spanish', () => {
  it('has every English text in Spanish, and nothing Spanish alone', () => {
    expect([...keys(es.threads)].sort()).toEqual([...keys(en.threads)].sort());
    expect([...keys(es.proofs)].sort()).toEqual([...keys(en.proofs)].sort());
    for (const part of ['blocks', 'attendance'] as const)
      expect([...keys(es.account[part])].sort()).toEqual([...keys(en.account[part])].sort());
  });

  it('has a text for every value the pages look up by name', () => {
    const threads = keys(en.threads);
    const proofs = keys(en.proofs);
    const wanted = [
      ...['signedOut', 'notMember', 'pending', 'observer', 'conduct', 'archived'].map((g) => `gate.${g}`),
      ...['not-found', 'signed-out', 'forbidden', 'error'].flatMap((s) => [`problem.${s}.title`, `problem.${s}.body`]),
      ...REACTION_KINDS.map((k) => `reactions.${k}`),
    ];
    expect(wanted.filter((k) => !threads.has(k))).toEqual([]);
    const verdicts = ['valid', 'invalid', 'revoked', 'requested', 'unknown'].flatMap((v) => [`verdict.${v}`, `verdictBody.${v}`]);
    expect(verdicts.filter((k) => !proofs.has(k))).toEqual([]);
    expect(Object.keys(en.account.attendance.status).sort()).toEqual(['issued', 'requested', 'revoked']);
  });
});

describe('thread limits', () => {
  it('keep a post as long as a chat message (the limits live apart so the thread pages load no zod)', () => {
    expect(THREAD_LIMITS.bodyMax).toBe(CHAT_LIMITS.bodyMax);
  });
});
