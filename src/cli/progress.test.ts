import { describe, expect, it } from 'vitest';
import { createProgress } from './progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream, writes };
}

describe('import progress', () => {
  it('draws a redrawn bar with a percentage on a terminal, and clears it when done', () => {
    const { stream, writes } = fakeStream(true);
    const p = createProgress('Importing x', 1000, stream);
    p.update(1234, 500);
    p.done();
    expect(writes[0]).toMatch(/^\rImporting x █+░+ {2}50% 1,234 meetings · 0\.0 MB/);
    expect(writes.at(-1)).toBe('\r\u001b[K');
  });

  it('writes plain lines, every 10,000 meetings, when not on a terminal', () => {
    const { stream, writes } = fakeStream(false);
    const p = createProgress('Importing x', null, stream);
    for (let n = 1000; n <= 25_000; n += 1000) p.update(n, n * 200);
    p.done();
    expect(writes).toEqual(['Importing x: 10,000 meetings read (1.9 MB)\n', 'Importing x: 20,000 meetings read (3.8 MB)\n']);
  });
});
