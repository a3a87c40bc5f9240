import { describe, expect, it } from 'vitest';
import { checkPdfStructure } from '../../../../../test/helpers/pdf-structure.js';
import { buildPdf, toWinAnsi, wrap } from './pdf.js';

describe('the tiny PDF writer', () => {
  it('writes a structurally sound one-page file whose text can be found in it', () => {
    const pdf = buildPdf([{ text: 'Proof of attendance', size: 20 }, { text: 'Pseudonym: río-azul (a) \\ b' }], 'Proof');
    checkPdfStructure(pdf);
    const text = pdf.toString('latin1');
    expect(text).toContain('/BaseFont /Helvetica');
    // Parentheses and backslashes are escaped; Latin-1 stays as it is.
    expect(text).toContain('(Pseudonym: r\xedo-azul \\(a\\) \\\\ b) Tj');
  });

  it('transliterates what Helvetica cannot show, so the file stays valid', () => {
    expect(toWinAnsi('Zoë')).toBe('Zoë');
    expect(toWinAnsi('Łukasz Dvořák')).toBe('[U+0141]ukasz Dvorák');
    expect(toWinAnsi('Мария')).toBe('[U+041C][U+0430][U+0440][U+0438][U+044F]');
    expect(toWinAnsi('sober 🙂')).toBe('sober [U+1F642]');
    expect(toWinAnsi('line\nbreak')).toBe('line break');
    const pdf = buildPdf([{ text: 'Мария 🙂 (ok)' }], 'Мария');
    checkPdfStructure(pdf);
    expect([...pdf].every((b) => b < 0x80 || b >= 0xa0 || b === 0xe2 || b === 0xe3 || b === 0xcf || b === 0xd3)).toBe(true);
  });

  it('wraps at spaces, and cuts words longer than a line', () => {
    expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });
});
