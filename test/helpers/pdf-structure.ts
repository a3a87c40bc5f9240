import { expect } from 'vitest';

/** Checks the file's structure as a reader does: startxref → xref table → each object at its stated offset. */
export function checkPdfStructure(pdf: Buffer): void {
  const text = pdf.toString('latin1');
  expect(text.startsWith('%PDF-1.4\n')).toBe(true);
  expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
  const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(text)![1]);
  expect(text.slice(startxref, startxref + 4)).toBe('xref');
  const header = /^xref\n0 (\d+)\n/.exec(text.slice(startxref))!;
  const count = Number(header[1]);
  const entries = text
    .slice(startxref + header[0].length)
    .split('\n')
    .slice(0, count);
  expect(entries[0]).toBe('0000000000 65535 f ');
  for (let i = 1; i < count; i++) {
    expect(entries[i]).toMatch(/^\d{10} 00000 n $/);
    const offset = Number(entries[i]!.slice(0, 10));
    expect(text.slice(offset, offset + `${i} 0 obj`.length)).toBe(`${i} 0 obj`);
  }
  const trailer = /trailer\n<< \/Size (\d+) \/Root (\d+) 0 R/.exec(text)!;
  expect(Number(trailer[1])).toBe(count);
  // The content stream's declared length is its real length.
  const stream = /<< \/Length (\d+) >>\nstream\n([\s\S]*?)\nendstream/.exec(text)!;
  expect(Buffer.byteLength(stream[2]!, 'latin1')).toBe(Number(stream[1]));
}
