import type { ProofVerification } from './api.js';

/** What the page says first: valid, revoked, not issued yet, signature does not match, or no such proof. */
export type ProofVerdict = 'valid' | 'invalid' | 'revoked' | 'requested' | 'unknown';

/** The verdict from the server's answer (null: the server knows no proof with this id). */
export function proofVerdict(proof: ProofVerification | null): ProofVerdict {
  if (!proof) return 'unknown';
  if (proof.status === 'revoked') return 'revoked';
  if (proof.status === 'requested') return 'requested';
  return proof.valid && proof.statement !== null ? 'valid' : 'invalid';
}

/**
 * A statement's date (YYYY-MM-DD, the meeting's local date in its group's zone) in words, without moving it to
 * another day: it is read as a calendar date in UTC, not as a moment.
 */
export function statementDate(date: string, locale: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(d);
}
