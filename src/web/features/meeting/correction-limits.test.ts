import { describe, expect, it } from 'vitest';
import * as shared from '../../../shared/schemas/corrections.js';
import { CORRECTION_KINDS, CORRECTION_LIMITS } from './correction-limits.js';

describe('the correction form’s copies of the shared limits', () => {
  it('match the schema the server validates with', () => {
    expect(CORRECTION_KINDS).toEqual(shared.CORRECTION_KINDS);
    expect(CORRECTION_LIMITS).toEqual(shared.CORRECTION_LIMITS);
  });
});
