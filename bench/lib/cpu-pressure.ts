import { readFileSync } from 'node:fs';

/**
 * Linux's CPU pressure (PSI, /proc/pressure/cpu): the share of wall time during which some runnable task waited for a
 * CPU. On a shared machine this says whether a phase's tail latency was the server's or the machine's: a server
 * descheduled for 100 ms shows up as a 100 ms p99 whatever its code does. Null where PSI is not available.
 */
export function cpuPressure(): () => number | null {
  const start = readSomeTotal();
  const t0 = process.hrtime.bigint();
  return () => {
    const end = readSomeTotal();
    if (start === null || end === null) return null;
    const wallUs = Number(process.hrtime.bigint() - t0) / 1000;
    return wallUs > 0 ? (100 * (end - start)) / wallUs : null;
  };
}

/** Microseconds some task has waited for a CPU since boot. */
function readSomeTotal(): number | null {
  try {
    const line = readFileSync('/proc/pressure/cpu', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('some '));
    const total = /total=(\d+)/.exec(line ?? '')?.[1];
    return total === undefined ? null : Number(total);
  } catch {
    return null;
  }
}
