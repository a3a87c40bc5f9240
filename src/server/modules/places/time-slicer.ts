import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Lets a long computation give the event loop a turn whenever it has run for
 * `sliceMs`, so a server that is already listening keeps answering while the
 * place index is built. Call `pause()` every so often; it is cheap when there
 * is time left in the slice.
 */
export class TimeSlicer {
  private start = performance.now();

  constructor(private readonly sliceMs: number) {}

  async pause(): Promise<void> {
    if (performance.now() - this.start < this.sliceMs) return;
    await nextTurn();
    this.start = performance.now();
  }
}
