/**
 * Import progress on stderr: a redrawn bar on a terminal, plain lines when
 * the output is a file or a pipe (so logs stay readable).
 */
export interface Progress {
  update(meetings: number, bytes: number): void;
  done(): void;
}

export function createProgress(label: string, totalBytes: number | null, stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = stream.isTTY === true;
  let lastLine = 0;
  let lastDraw = 0;
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return {
    update(meetings, bytes) {
      if (tty) {
        const now = Date.now();
        if (now - lastDraw < 80) return;
        lastDraw = now;
        const width = 24;
        const share = totalBytes ? Math.min(1, bytes / totalBytes) : null;
        const bar =
          share === null
            ? ''
            : `${'█'.repeat(Math.round(share * width)).padEnd(width, '░')} ${String(Math.round(share * 100)).padStart(3)}% `;
        stream.write(`\r${label} ${bar}${meetings.toLocaleString('en-US')} meetings · ${mb(bytes)}\u001b[K`);
      } else if (meetings - lastLine >= 10_000) {
        lastLine = meetings;
        stream.write(`${label}: ${meetings.toLocaleString('en-US')} meetings read (${mb(bytes)})\n`);
      }
    },
    done() {
      if (tty) stream.write('\r\u001b[K');
    },
  };
}
