import { describe, expect, it } from 'vitest';
import { SPEC_TYPES } from '../normalize/types.js';
import { FormatCatalog } from './formats.js';
import { SPEC_FORMAT_CODES, formatTypeOf, nawsCodeOf, specFormatId } from './spec-codes.js';

describe('BMLT format ids and codes', () => {
  it('has a frozen id for every type code the installed spec defines', () => {
    // When this fails after a spec upgrade, append the new codes to SPEC_FORMAT_CODES; never re-sort it.
    expect(Object.keys(SPEC_TYPES).filter((code) => specFormatId(code) === undefined)).toEqual([]);
    expect(new Set(SPEC_FORMAT_CODES).size).toBe(SPEC_FORMAT_CODES.length);
    expect([specFormatId('11'), specFormatId('C'), specFormatId('O'), specFormatId('Y')]).toEqual([1, 17, 59, 87]);
  });

  it('maps spec codes to NAWS codes where NAWS has one', () => {
    const pairs = { O: 'OPEN', C: 'CLOSED', BE: 'BEG', X: 'WCHR', D: 'DISC', SP: 'SPK', ST: 'STEP', MED: 'MED', CAN: 'CAN' };
    for (const [code, naws] of Object.entries(pairs)) expect(nawsCodeOf(code)).toBe(naws);
    expect([nawsCodeOf('LGBTQ'), nawsCodeOf('SM'), nawsCodeOf('CF'), nawsCodeOf('TC'), nawsCodeOf('LIT')]).toEqual([
      'GL',
      'SMOK',
      'CW',
      'TC',
      'LIT',
    ]);
    // Tradition Study is TRAD; the spec's T is Transgender, which NAWS has no code for.
    expect([nawsCodeOf('TR'), nawsCodeOf('T')]).toEqual(['TRAD', '']);
    expect([nawsCodeOf('S'), nawsCodeOf('ASL'), nawsCodeOf('B')]).toEqual(['LANG', 'LANG', '']);
    expect([formatTypeOf('O'), formatTypeOf('FR'), formatTypeOf('X'), formatTypeOf('SP'), formatTypeOf('W')]).toEqual([
      'O',
      'LANG',
      'FC2',
      'FC1',
      'FC3',
    ]);
  });

  it('gives custom types 1000 + their id, prefixing the source id only when codes clash', () => {
    const catalog = new FormatCatalog([
      { id: 1, source_id: 7, code: 'RF', name: 'Rotating Format', description: null },
      { id: 2, source_id: 8, code: 'rf', name: null, description: null },
      { id: 3, source_id: 7, code: 'SL', name: 'ASL', description: 'Sign language' },
      { id: 4, source_id: 8, code: 'ASBI', name: null, description: null },
    ]);
    expect([1001, 1002, 1003, 1004].map((id) => catalog.keyOf(id))).toEqual(['7-RF', '8-rf', '7-SL', 'ASBI']);
    expect(catalog.idsOf(7, ['O', 'C', 'NOT-A-CODE'], ['SL', 'RF', 'ASBI'])).toEqual([17, 59, 1001, 1003]);
    expect(catalog.entries([1004, 59, 1003], 'es')).toEqual([
      expect.objectContaining({ id: '59', key_string: 'O', name_string: 'Abierta', lang: 'es', world_id: 'OPEN' }),
      expect.objectContaining({ id: '1003', key_string: '7-SL', name_string: 'ASL', description_string: 'Sign language' }),
      expect.objectContaining({ id: '1004', key_string: 'ASBI', name_string: 'ASBI', world_id: '' }),
    ]);
  });
});
