import type { DatabaseHandle } from '../../../db/index.js';
import { withQuickWriteTransaction } from '../../../db/quick-transaction.js';
import { appendMessage, type AppendResult, type NewMessage } from './room-log.js';

interface Pending {
  message: NewMessage;
  resolve: (r: AppendResult) => void;
  reject: (err: unknown) => void;
}

/** Messages stored in one transaction at most (a burst larger than this takes several). */
const BATCH_MAX = 64;

/**
 * Group commit for chat messages (issue 7's benchmark): sends that arrive while a transaction is being written wait
 * and are stored together in the next one, each under its own sequence, in arrival order. Under load one commit
 * (the write-ahead log's page writes, or PostgreSQL's round trips) serves many messages; a lone send waits for
 * nothing but the end of the current round of I/O. Each message is still durable before anyone is told of it: callers publish after their promise resolves.
 * If a batch fails (another instance stored a nonce of it meanwhile), its messages are retried one transaction
 * each, so one message's failure is only its own.
 */
export class MessageWriter {
  private queue: Pending[] = [];
  private writing = false;

  constructor(private readonly database: DatabaseHandle) {}

  append(message: NewMessage): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ message, resolve, reject });
      if (this.writing) return;
      this.writing = true;
      // After this round of I/O: the sends of every socket read in it go into one transaction.
      setImmediate(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, BATCH_MAX);
        try {
          const results = await withQuickWriteTransaction(this.database, async (tx) => {
            const out: AppendResult[] = [];
            for (const p of batch) out.push(await appendMessage(tx, p.message));
            return out;
          });
          batch.forEach((p, i) => p.resolve(results[i]!));
        } catch (err) {
          if (batch.length === 1) batch[0]!.reject(err);
          else for (const p of batch) await this.alone(p);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private async alone(p: Pending): Promise<void> {
    try {
      p.resolve(await withQuickWriteTransaction(this.database, (tx) => appendMessage(tx, p.message)));
    } catch (err) {
      p.reject(err);
    }
  }
}
