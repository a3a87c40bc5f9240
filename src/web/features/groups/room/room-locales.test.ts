import { describe, expect, it } from 'vitest';
import { formatSectionSchema } from '../../../../shared/chat-protocol.js';
import en from '../../../i18n/locales/en.json';
import es from '../../../i18n/locales/es.json';
import { localeKeys as keys } from '../../../i18n/locale-keys.js';
import { REPORT_REASONS } from './api.js';
import { SLOW_MODE_CHOICES } from './slow-mode.js';

describe('the room speaks English and Spanish', () => {
  const english = keys(en.room);
  it('has every English room text in Spanish, and nothing Spanish alone', () => {
    expect([...keys(es.room)].sort()).toEqual([...english].sort());
    expect(es.markdown.externalLink).toBeTruthy();
  });

  it('has a text for every value the page looks up by name', () => {
    const wanted = [
      ...['observer', 'muted', 'locked', 'crossTalk', 'waitForCall', 'slowMode', 'closed', 'removed', 'signedOut'].map(
        (r) => `block.${r}`,
      ),
      ...['connecting', 'open', 'reconnecting', 'offline', 'ended'].map((s) => `connection.${s}`),
      ...['ended', 'removed', 'left_group'].map((s) => `closed.${s}`),
      ...['not-found', 'signed-out', 'forbidden', 'error'].flatMap((s) => [`problem.${s}.title`, `problem.${s}.body`]),
      ...formatSectionSchema.shape.kind.options.map((k) => `format.kinds.${k}`),
      ...REPORT_REASONS.map((r) => `report.reasons.${r}`),
      ...SLOW_MODE_CHOICES.map((s) => `tools.slow.${s}`),
      ...['facilitator', 'member', 'observer', 'moderator'].map((r) => `roles.${r}`),
    ];
    expect(wanted.filter((k) => !english.has(k))).toEqual([]);
  });
});
