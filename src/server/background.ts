/**
 * Work that runs after the answer has gone (sending a reset mail), tracked so that closing the app waits for it and
 * tests can wait until it is done. A task's failure is its own to report; here it is only awaited.
 */
export class BackgroundTasks {
  private readonly pending = new Set<Promise<unknown>>();

  run(task: () => Promise<unknown>): void {
    // Started on the next turn of the event loop, after the answer is on its way.
    const p = new Promise((resolve) => setImmediate(resolve)).then(task).catch(() => undefined);
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  /** Resolves once every task started so far (and any they start) has finished. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
