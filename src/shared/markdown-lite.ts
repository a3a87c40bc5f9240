/**
 * The tiny safe Markdown subset of chat messages, thread posts and readings (issue 7, "Message content"):
 * emphasis (`*x*`, `_x_`), strong (`**x**`), bullet lists (`- ` or `* `), numbered lists (`1. `), links (bare
 * http(s) URLs and `[text](http(s)://…)`), line breaks and paragraphs. A backslash before a marker keeps it literal.
 *
 * It returns a tree, never HTML: the page draws it with its own elements, so no input can become markup. Anything
 * outside the subset (HTML, images, `javascript:` or relative links, headings) stays literal text. Every step of
 * the parser moves forward through the input or settles a delimiter once, so it runs in linear time on any input
 * (a message is at most 4,000 characters; `ParseStats` lets the tests check the bound).
 */

export type InlineNode =
  | { type: 'text'; text: string }
  | { type: 'em'; children: InlineNode[] }
  | { type: 'strong'; children: InlineNode[] }
  /** `href` is an absolute http(s) URL (normalised by the URL parser); `text` is shown as written. */
  | { type: 'link'; href: string; text: string }
  | { type: 'break' };

export type BlockNode =
  { type: 'paragraph'; children: InlineNode[] } | { type: 'list'; ordered: boolean; start: number; items: InlineNode[][] };

export interface MarkdownDoc {
  type: 'doc';
  blocks: BlockNode[];
}

/** Counts the parser's steps, so tests can bound its work by the input's length. */
export interface ParseStats {
  steps: number;
}

/** Longest URL made into a link; a longer one stays text. */
const URL_MAX = 2048;
const BULLET = /^ {0,3}[-*] (?=\S)/;
const NUMBERED = /^ {0,3}(\d{1,9})\. (?=\S)/;

/** Parses `input` into the subset's tree. Never throws. */
export function parseMarkdownLite(input: string, stats: ParseStats = { steps: 0 }): MarkdownDoc {
  const lines = input.replace(/\r\n?/g, '\n').split('\n');
  const blocks: BlockNode[] = [];
  let paragraph: string[] | null = null;
  let list: { ordered: boolean; start: number; items: string[] } | null = null;
  const flush = () => {
    if (paragraph) blocks.push({ type: 'paragraph', children: parseLines(paragraph, stats) });
    if (list)
      blocks.push({
        type: 'list',
        ordered: list.ordered,
        start: list.start,
        items: list.items.map((l) => parseInline(l, stats)),
      });
    paragraph = null;
    list = null;
  };
  for (const line of lines) {
    stats.steps++;
    if (line.trim() === '') {
      flush();
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      const ordered = numbered !== null;
      if (!list || list.ordered !== ordered) {
        flush();
        list = { ordered, start: numbered ? Number(numbered[1]) : 1, items: [] };
      }
      list.items.push(line.slice((bullet ?? numbered)![0].length));
      continue;
    }
    if (list) flush();
    (paragraph ??= []).push(line);
  }
  flush();
  return { type: 'doc', blocks };
}

function parseLines(lines: string[], stats: ParseStats): InlineNode[] {
  const out: InlineNode[] = [];
  lines.forEach((line, i) => {
    if (i > 0) out.push({ type: 'break' });
    out.push(...parseInline(line, stats));
  });
  return out;
}

// ---- inline: tokens (text, delimiters, links), then delimiters are paired with a stack ----

type Marker = '**' | '*' | '_';
type Token =
  | { kind: 'text'; text: string }
  | { kind: 'link'; href: string; text: string }
  | { kind: 'delim'; marker: Marker; canOpen: boolean; canClose: boolean; match: number; opens: boolean };

const isSpace = (ch: string | undefined) => ch === undefined || /\s/.test(ch);
const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
/** Characters that end a URL: whitespace, brackets and quotes (so `[a](…)` and `<…>` never swallow the rest). */
const URL_STOP = /[\s()[\]<>"'`]/;

/** An absolute http(s) URL, normalised; null for any other scheme, a relative URL or one that does not parse. */
export function safeLinkHref(raw: string): string | null {
  if (raw.length > URL_MAX || !/^https?:\/\/[^/?#\s]/i.test(raw)) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** True when `href` points away from this site (`ownHost`: location.host), so the page marks it external. */
export function isExternalLink(href: string, ownHost: string): boolean {
  try {
    return new URL(href).host.toLowerCase() !== ownHost.toLowerCase();
  } catch {
    return true;
  }
}

/** Parses one line's inline content. */
export function parseInline(line: string, stats: ParseStats = { steps: 0 }): InlineNode[] {
  const tokens = tokenize(line, stats);
  pairDelimiters(tokens, stats);
  return buildTree(tokens, stats);
}

function tokenize(s: string, stats: ParseStats): Token[] {
  const tokens: Token[] = [];
  let text = '';
  const pushText = () => {
    if (text) tokens.push({ kind: 'text', text });
    text = '';
  };
  // The next ']' at or after each position, found in one backward pass, so each '[' finds its candidate in O(1).
  const nextClose = new Int32Array(s.length + 1).fill(-1);
  for (let i = s.length - 1; i >= 0; i--) nextClose[i] = s[i] === ']' ? i : nextClose[i + 1]!;
  let i = 0;
  while (i < s.length) {
    stats.steps++;
    const ch = s[i]!;
    if (ch === '\\' && i + 1 < s.length && /[*_[\]()\\-]/.test(s[i + 1]!)) {
      text += s[i + 1];
      i += 2;
      continue;
    }
    if (ch === '[') {
      const link = bracketLink(s, i, nextClose, stats);
      if (link) {
        pushText();
        tokens.push({ kind: 'link', href: link.href, text: link.text });
        i = link.end;
        continue;
      }
    }
    if ((ch === 'h' || ch === 'H') && !isWordChar(s[i - 1])) {
      const bare = bareUrl(s, i, stats);
      if (bare?.href) {
        pushText();
        tokens.push({ kind: 'link', href: bare.href, text: s.slice(i, bare.end) });
        i = bare.end;
        continue;
      }
      if (bare) {
        // Not a URL after all: the run is text, and is not scanned again from each 'http' inside it (linear time).
        text += s.slice(i, bare.end);
        i = bare.end;
        continue;
      }
    }
    if (ch === '*' || ch === '_') {
      // A run of exactly three that opens ('***x') is '*' then '**', so it closes as '**' then '*': em(strong(x)).
      const opensTriple = ch === '*' && s.startsWith('***', i) && s[i + 3] !== '*' && s[i - 1] !== '*' && isSpace(s[i - 1]);
      const marker: Marker = ch === '*' && s[i + 1] === '*' && !opensTriple ? '**' : ch;
      const before = s[i - 1];
      const after = s[i + marker.length];
      let canOpen = !isSpace(after);
      let canClose = !isSpace(before);
      // snake_case_words are not emphasis: '_' opens only after a non-word character and closes only before one.
      if (ch === '_') {
        canOpen &&= !isWordChar(before);
        canClose &&= !isWordChar(after);
      }
      pushText();
      tokens.push({ kind: 'delim', marker, canOpen, canClose, match: -1, opens: false });
      i += marker.length;
      continue;
    }
    text += ch;
    i++;
  }
  pushText();
  return tokens;
}

/**
 * `[text](url)` starting at `open`. The text is the run to the next ']' with no '[' inside (so only the innermost
 * bracket can be a link, and each ']' is examined by one '[' at most: linear); the URL must be safe.
 */
function bracketLink(s: string, open: number, nextClose: Int32Array, stats: ParseStats) {
  const close = nextClose[open + 1] ?? -1;
  if (close < 0 || s[close + 1] !== '(') return null;
  const inner = s.slice(open + 1, close);
  if (inner.includes('[') || inner.trim() === '' || inner.includes('\n')) return null;
  let j = close + 2;
  while (j < s.length && !URL_STOP.test(s[j]!)) {
    stats.steps++;
    j++;
  }
  if (s[j] !== ')') return null;
  const href = safeLinkHref(s.slice(close + 2, j));
  return href ? { href, text: inner, end: j + 1 } : null;
}

/**
 * A bare `http(s)://…` URL at `start`, without trailing punctuation (and a ')' it does not open); `href` null when
 * the run is not a safe URL. Null when no URL starts here.
 */
function bareUrl(s: string, start: number, stats: ParseStats) {
  if (!/^https?:\/\//i.test(s.slice(start, start + 8))) return null;
  let end = start;
  while (end < s.length && !/[\s<>"'`[\]]/.test(s[end]!)) {
    stats.steps++;
    end++;
  }
  // A ')' the URL does not open (Wikipedia-style "Foo_(bar)" keeps its own) and trailing punctuation are not part of it.
  let balance = 0;
  for (let k = start; k < end; k++) balance += s[k] === '(' ? 1 : s[k] === ')' ? -1 : 0;
  for (;;) {
    const last = s[end - 1];
    if (last !== undefined && '.,;:!?*_'.includes(last)) end--;
    else if (last === ')' && balance < 0) {
      end--;
      balance++;
    } else break;
  }
  return { href: safeLinkHref(s.slice(start, end)), end };
}

/** Pairs openers with closers of the same marker (innermost first); whatever stays unpaired is literal text. */
function pairDelimiters(tokens: Token[], stats: ParseStats) {
  const stack: number[] = [];
  const open: Record<Marker, number> = { '**': 0, '*': 0, _: 0 };
  tokens.forEach((token, index) => {
    stats.steps++;
    if (token.kind !== 'delim') return;
    const top = stack[stack.length - 1];
    // An empty pair (`**` `**`) is not emphasis.
    const emptyPair = top === index - 1 && (tokens[top] as { marker: Marker }).marker === token.marker;
    if (token.canClose && open[token.marker] > 0 && !emptyPair) {
      // Openers above the match are dropped (they stay literal); each is popped once, so this is linear overall.
      for (;;) {
        stats.steps++;
        const at = stack.pop()!;
        const opener = tokens[at] as Extract<Token, { kind: 'delim' }>;
        open[opener.marker]--;
        if (opener.marker === token.marker) {
          opener.match = index;
          opener.opens = true;
          token.match = at;
          return;
        }
      }
    }
    if (token.canOpen) {
      stack.push(index);
      open[token.marker]++;
    }
  });
}

function buildTree(tokens: Token[], stats: ParseStats): InlineNode[] {
  const root: InlineNode[] = [];
  const stack: InlineNode[][] = [root];
  const add = (node: InlineNode) => {
    const into = stack[stack.length - 1]!;
    const last = into[into.length - 1];
    if (node.type === 'text' && last?.type === 'text') last.text += node.text;
    else into.push(node);
  };
  for (const token of tokens) {
    stats.steps++;
    if (token.kind === 'text') add({ type: 'text', text: token.text });
    else if (token.kind === 'link') add({ type: 'link', href: token.href, text: token.text });
    else if (token.match < 0) add({ type: 'text', text: token.marker });
    else if (token.opens) {
      const children: InlineNode[] = [];
      add({ type: token.marker === '**' ? 'strong' : 'em', children });
      stack.push(children);
    } else stack.pop();
  }
  return root;
}

/** The text a reader sees, without markers: breaks and block ends as newlines (for announcements and previews). */
export function markdownText(doc: MarkdownDoc): string {
  const inline = (nodes: InlineNode[]): string =>
    nodes.map((n) => (n.type === 'text' || n.type === 'link' ? n.text : n.type === 'break' ? '\n' : inline(n.children))).join('');
  return doc.blocks.map((b) => (b.type === 'paragraph' ? inline(b.children) : b.items.map(inline).join('\n'))).join('\n');
}
