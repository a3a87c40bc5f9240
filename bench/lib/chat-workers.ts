import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkerCommand, WorkerReply } from './chat-ipc.js';

const WORKER = fileURLToPath(new URL('./chat-worker.ts', import.meta.url));
const TSX_LOADER = import.meta.resolve('tsx');

/**
 * The client worker processes of `bench:chat`, seen from the controller: `all` sends one command to every worker
 * and gathers their answers. Advanced serialization carries the latency samples as typed arrays.
 */
export class WorkerPool {
  private readonly children: ChildProcess[] = [];
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 0;

  constructor(count: number, nodeArgs: string[] = []) {
    for (let i = 0; i < count; i++) {
      const child = fork(WORKER, [], {
        execArgv: [...nodeArgs, '--import', TSX_LOADER],
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      child.on('message', (reply: WorkerReply) => {
        const w = this.waiting.get(reply.id);
        if (!w) return;
        this.waiting.delete(reply.id);
        if (reply.ok) w.resolve(reply.result);
        else w.reject(new Error(`client worker ${i}: ${reply.error}`));
      });
      child.on('exit', (code, signal) => {
        if (this.closing) return;
        for (const w of this.waiting.values()) w.reject(new Error(`client worker ${i} exited (${code ?? signal})`));
        this.waiting.clear();
      });
      this.children.push(child);
    }
  }

  private closing = false;

  get size(): number {
    return this.children.length;
  }

  /** Sends a command to one worker and resolves with its answer. */
  one<T>(index: number, command: WorkerCommand): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.children[index]!.send({ id, ...command });
    });
  }

  /** The same command to every worker, answers in worker order. */
  all<T>(command: WorkerCommand): Promise<T[]> {
    return Promise.all(this.children.map((_, i) => this.one<T>(i, command)));
  }

  close(): void {
    this.closing = true;
    for (const child of this.children) child.disconnect();
  }
}
