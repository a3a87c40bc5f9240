import { describe, expect, it } from 'vitest';
import type { ProofVerification } from './api.js';
import { proofVerdict, statementDate } from './proof-verdict.js';

const statement = {
  v: 1 as const,
  id: 'a'.repeat(32),
  site: 'https://kinship.example',
  group: 'Evening Harbour',
  meeting: 'Thursday sharing',
  date: '2025-03-09',
  pseudonym: 'sam',
  issued_at: '2025-03-10T10:00:00.000Z',
};
const proof = (over: Partial<ProofVerification>): ProofVerification => ({
  id: statement.id,
  status: 'issued',
  valid: true,
  message: '',
  statement,
  statement_text: JSON.stringify(statement),
  signature: 'sig',
  key_id: 'k',
  verify_url: '',
  ...over,
});

describe('what the proof page says', () => {
  it('says valid only for an issued proof whose signature verified', () => {
    expect(proofVerdict(proof({}))).toBe('valid');
    expect(proofVerdict(proof({ valid: false }))).toBe('invalid');
    expect(proofVerdict(proof({ statement: null }))).toBe('invalid');
  });

  it('says revoked, not issued yet, or unknown', () => {
    expect(proofVerdict(proof({ status: 'revoked', valid: false, statement: null }))).toBe('revoked');
    expect(proofVerdict(proof({ status: 'requested', valid: false, statement: null }))).toBe('requested');
    expect(proofVerdict(null)).toBe('unknown');
  });

  it('keeps the meeting’s own date whatever the reader’s time zone', () => {
    expect(statementDate('2025-03-09', 'en-US')).toBe('Sunday, March 9, 2025');
    expect(statementDate('not a date', 'en')).toBe('not a date');
  });
});
