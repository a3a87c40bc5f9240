/**
 * A tiny PDF 1.4 writer for one page of Helvetica text (a proof of attendance), with no dependency. The standard 14
 * fonts need no embedding, but they only cover WinAnsi (about Latin-1): text outside it is transliterated by
 * `toWinAnsi` (accents dropped; other characters written as [U+XXXX]), so the file is always valid, and the exact
 * pseudonym is on the verification page the PDF links to.
 */
export interface PdfLine {
  text: string;
  size?: number;
  /** Extra space before the line, in points. */
  gap?: number;
}

/** Text as PDF WinAnsi bytes (Latin-1 here): printable Latin-1 kept, accents stripped, the rest as [U+XXXX]. */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) {
      out += ch;
      continue;
    }
    const bare = ch.normalize('NFKD').replace(/\p{M}/gu, '');
    if (bare !== '' && [...bare].every((c) => c.codePointAt(0)! >= 0x20 && c.codePointAt(0)! <= 0x7e)) out += bare;
    else if (code < 0x20 || code === 0x7f) out += ' ';
    else out += `[U+${code.toString(16).toUpperCase().padStart(4, '0')}]`;
  }
  return out;
}

/** A PDF literal string: backslash, parentheses escaped (PDF 1.7 §7.3.4.2). */
const literal = (text: string) => `(${toWinAnsi(text).replace(/[\\()]/g, (c) => `\\${c}`)})`;

/** Splits text into lines of at most `width` characters, at spaces where it can. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    for (let w = word; w.length > 0; w = w.slice(width)) {
      const piece = w.slice(0, width);
      if (line === '') line = piece;
      else if (line.length + 1 + piece.length <= width) line += ` ${piece}`;
      else {
        out.push(line);
        line = piece;
      }
    }
  }
  if (line !== '') out.push(line);
  return out;
}

/** One A4 page with the lines from the top, as a PDF file. */
export function buildPdf(lines: PdfLine[], title: string): Buffer {
  let y = 790;
  const ops: string[] = ['BT'];
  for (const l of lines) {
    const size = l.size ?? 11;
    y -= (l.gap ?? 0) + size * 1.35;
    ops.push(`/F1 ${size} Tf`, `1 0 0 1 56 ${y.toFixed(1)} Tm`, `${literal(l.text)} Tj`);
  }
  ops.push('ET');
  const content = ops.join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    `<< /Title ${literal(title)} /Producer (Kinship) >>`,
  ];
  // Latin-1 throughout, so string lengths are byte offsets.
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
