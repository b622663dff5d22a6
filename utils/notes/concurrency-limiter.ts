import { noteError } from '../core/note-error';
import { NoteFailure } from '../ai/provider-errors';

/**
 * At most `limit` tasks at once per group (one group per provider endpoint): a feed of hovers
 * never floods a provider into rate-limiting. Waiting tasks run in arrival order; one cancelled
 * while waiting leaves the queue.
 */
export class ConcurrencyLimiter {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, Array<() => void>>();

  constructor(private readonly limit: number) {}

  async run<T>(group: string, task: () => Promise<T>, signal: AbortSignal): Promise<T> {
    await this.acquire(group, signal);
    try {
      return await task();
    } finally {
      this.release(group);
    }
  }

  private acquire(group: string, signal: AbortSignal): Promise<void> {
    if ((this.active.get(group) ?? 0) < this.limit) {
      this.active.set(group, (this.active.get(group) ?? 0) + 1);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const queue = this.waiting.get(group) ?? [];
      this.waiting.set(group, queue);
      const admit = () => {
        signal.removeEventListener('abort', leave);
        this.active.set(group, (this.active.get(group) ?? 0) + 1);
        resolve();
      };
      const leave = () => {
        const at = queue.indexOf(admit);
        if (at >= 0) queue.splice(at, 1);
        reject(new NoteFailure(noteError('cancelled', 'The request was cancelled.')));
      };
      if (signal.aborted) return leave();
      signal.addEventListener('abort', leave, { once: true });
      queue.push(admit);
    });
  }

  private release(group: string): void {
    this.active.set(group, (this.active.get(group) ?? 1) - 1);
    this.waiting.get(group)?.shift()?.();
  }
}
