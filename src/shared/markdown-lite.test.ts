import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isExternalLink,
  markdownText,
  parseInline,
  parseMarkdownLite,
  type BlockNode,
  type InlineNode,
  type ParseStats,
} from './markdown-lite.js';

const text = (t: string): InlineNode => ({ type: 'text', text: t });
const para = (...children: InlineNode[]): BlockNode => ({ type: 'paragraph', children });
const blocks = (input: string) => parseMarkdownLite(input).blocks;

/** Every node type the subset may produce; anything else in a tree is a bug. */
function walk(nodes: InlineNode[], visit: (n: InlineNode) => void) {
  for (const n of nodes) {
    visit(n);
    if (n.type === 'em' || n.type === 'strong') walk(n.children, visit);
  }
}
function allInline(input: string): InlineNode[] {
  const out: InlineNode[] = [];
  for (const b of blocks(input))
    for (const line of b.type === 'paragraph' ? [b.children] : b.items) walk(line, (n) => out.push(n));
  return out;
}
function isSubsequence(small: string, big: string): boolean {
  let j = 0;
  for (let i = 0; i < big.length && j < small.length; i++) if (big[i] === small[j]) j++;
  return j === small.length;
}

describe('markdown-lite: the subset', () => {
  it('reads emphasis, strong, and both nested', () => {
    expect(parseInline('a *b* _c_ **d**')).toEqual([
      text('a '),
      { type: 'em', children: [text('b')] },
      text(' '),
      { type: 'em', children: [text('c')] },
      text(' '),
      { type: 'strong', children: [text('d')] },
    ]);
    expect(parseInline('***both***')).toEqual([{ type: 'em', children: [{ type: 'strong', children: [text('both')] }] }]);
    expect(parseInline('**bold _and em_**')).toEqual([
      { type: 'strong', children: [text('bold '), { type: 'em', children: [text('and em')] }] },
    ]);
  });

  it('leaves snake_case, spaced and escaped markers as text', () => {
    expect(parseInline('snake_case_name')).toEqual([text('snake_case_name')]);
    expect(parseInline('2 * 3 * 4')).toEqual([text('2 * 3 * 4')]);
    expect(parseInline('\\*not em\\*')).toEqual([text('*not em*')]);
    expect(parseInline('****')).toEqual([text('****')]);
  });

  it('reads bullet and numbered lists, paragraphs and line breaks', () => {
    expect(blocks('Hello\nthere\n\n- one\n* two\n\n3. three\n4. four\nafter')).toEqual([
      para(text('Hello'), { type: 'break' }, text('there')),
      { type: 'list', ordered: false, start: 1, items: [[text('one')], [text('two')]] },
      { type: 'list', ordered: true, start: 3, items: [[text('three')], [text('four')]] },
      para(text('after')),
    ]);
    expect(blocks('\n\n\n')).toEqual([]);
    expect(blocks('-not a list')).toEqual([para(text('-not a list'))]);
  });

  it('links bare http(s) URLs without trailing punctuation, and [text](url)', () => {
    expect(parseInline('see https://example.org/a_b.')).toEqual([
      text('see '),
      { type: 'link', href: 'https://example.org/a_b', text: 'https://example.org/a_b' },
      text('.'),
    ]);
    expect(parseInline('(https://en.wikipedia.org/wiki/Foo_(bar))')).toEqual([
      text('('),
      { type: 'link', href: 'https://en.wikipedia.org/wiki/Foo_(bar)', text: 'https://en.wikipedia.org/wiki/Foo_(bar)' },
      text(')'),
    ]);
    expect(parseInline('[our site](http://kinship.example/groups) ok')).toEqual([
      { type: 'link', href: 'http://kinship.example/groups', text: 'our site' },
      text(' ok'),
    ]);
  });

  it('tells this site from other hosts', () => {
    expect(isExternalLink('https://kinship.example/rooms/1', 'kinship.example')).toBe(false);
    expect(isExternalLink('https://evil.example/', 'kinship.example')).toBe(true);
  });
});

describe('markdown-lite: hostile input stays text', () => {
  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '[click](javascript:alert(1))',
    '[click](JaVaScRiPt:alert(1))',
    '[x](data:text/html;base64,PHNjcmlwdD4=)',
    '[relative](/account)',
    '[proto-relative](//evil.example)',
    'javascript:alert(1)',
    '[x](ftp://files.example/a)',
  ])('%s makes no link and no markup', (input) => {
    const nodes = allInline(input);
    expect(nodes.every((n) => n.type === 'text')).toBe(true);
    expect(markdownText(parseMarkdownLite(input))).toBe(input.replace(/\\/g, ''));
  });

  it('takes only the innermost of nested brackets as a link', () => {
    expect(parseInline('[a [b](https://x.example) c]')).toEqual([
      text('[a '),
      { type: 'link', href: 'https://x.example/', text: 'b' },
      text(' c]'),
    ]);
    // Not a bracket link (the text holds brackets), but the bare URL inside is still one.
    expect(parseInline('[[[x]]](https://x.example)')).toEqual([
      text('[[[x]]]('),
      { type: 'link', href: 'https://x.example/', text: 'https://x.example' },
      text(')'),
    ]);
  });

  it('keeps unbalanced markers literal', () => {
    expect(parseInline('**open *and _never closed')).toEqual([text('**open *and _never closed')]);
    expect(parseInline('*a **b* c**')).toEqual([{ type: 'em', children: [text('a **b')] }, text(' c**')]);
  });

  it.each([
    ['4,000 asterisks', '*'.repeat(4000)],
    ['alternating openers', '*a '.repeat(1333)],
    ['4,000 brackets', '['.repeat(2000) + ']('.repeat(1000)],
    ['mixed markers', '*_**['.repeat(1000)],
    ['a long URL run', 'https://' + 'a'.repeat(3992)],
    ['URLs that never parse', 'http://%'.repeat(500)],
    ['many list lines', '- x\n'.repeat(1000)],
  ])('does linear work on %s', (_name, input) => {
    const stats: ParseStats = { steps: 0 };
    parseMarkdownLite(input, stats);
    // Each character is visited by a bounded number of passes; quadratic work would be millions of steps.
    expect(stats.steps).toBeLessThanOrEqual(8 * input.length + 16);
  });
});

const markupFree = fc.string({ unit: fc.constantFrom(...'abc XYZ,;!?é😀'.split('')), maxLength: 200 });
const anyMarkup = fc.string({
  unit: fc.constantFrom(...'ab *_[]()\\-1.\n:/h'.split(''), 'http://', 'https://x.example'),
  maxLength: 300,
});

describe('markdown-lite: properties', () => {
  it('shows text without markup exactly as written', () => {
    fc.assert(
      fc.property(markupFree, (s) => {
        const shown = markdownText(parseMarkdownLite(s));
        expect(shown).toBe(s.trim() === '' ? '' : s);
      }),
    );
  });

  it('never invents text, only makes the allowed nodes, links only to http(s), and stays linear', () => {
    fc.assert(
      fc.property(anyMarkup, (s) => {
        const stats: ParseStats = { steps: 0 };
        const doc = parseMarkdownLite(s, stats);
        // What a reader sees is the input with markers removed: a subsequence of it.
        expect(isSubsequence(markdownText(doc), s)).toBe(true);
        for (const n of allInline(s)) {
          expect(['text', 'em', 'strong', 'link', 'break']).toContain(n.type);
          if (n.type === 'link') expect(new URL(n.href).protocol).toMatch(/^https?:$/);
          if (n.type === 'em' || n.type === 'strong') expect(n.children.length).toBeGreaterThan(0);
        }
        expect(stats.steps).toBeLessThanOrEqual(8 * s.length + 16);
      }),
      { numRuns: 500 },
    );
  });

  it('reads back what the subset writes (emphasis, strong, links round-trip)', () => {
    const word = fc.stringMatching(/^[a-z]{1,8}$/);
    const pair = (md: string, node: InlineNode) => ({ md, node });
    const piece = fc.oneof(
      word.map((w) => pair(w, text(w))),
      word.map((w) => pair(`*${w}*`, { type: 'em', children: [text(w)] })),
      word.map((w) => pair(`**${w}**`, { type: 'strong', children: [text(w)] })),
      word.map((w) => pair(`[${w}](https://${w}.example/)`, { type: 'link', href: `https://${w}.example/`, text: w })),
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), (pieces) => {
        const md = pieces.map((p) => p.md).join(' ');
        const expected: InlineNode[] = [];
        pieces.forEach((p, i) => {
          if (i > 0) expected.push(text(' '));
          expected.push(structuredClone(p.node));
        });
        // Adjacent text nodes are merged by the parser.
        const merged = expected.reduce<InlineNode[]>((acc, n) => {
          const last = acc[acc.length - 1];
          if (n.type === 'text' && last?.type === 'text') last.text += n.text;
          else acc.push(n);
          return acc;
        }, []);
        expect(parseInline(md)).toEqual(merged);
      }),
    );
  });
});
