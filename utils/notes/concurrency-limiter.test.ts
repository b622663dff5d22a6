import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter } from './concurrency-limiter';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ConcurrencyLimiter', () => {
  it('runs at most `limit` tasks per group, the next in arrival order, groups independent', async () => {
    const limiter = new ConcurrencyLimiter(2);
    const signal = new AbortController().signal;
    const started: string[] = [];
    const gates = new Map<string, ReturnType<typeof deferred>>();
    const task = (name: string) => () => {
      started.push(name);
      const gate = deferred();
      gates.set(name, gate);
      return gate.promise;
    };
    const runs = ['a', 'b', 'c', 'd'].map((n) => limiter.run('p', task(n), signal));
    const other = limiter.run('q', task('q1'), signal);
    await tick();
    expect(started).toEqual(['a', 'b', 'q1']);
    gates.get('b')!.resolve();
    await tick();
    expect(started).toEqual(['a', 'b', 'q1', 'c']);
    gates.get('a')!.resolve();
    await tick();
    expect(started).toEqual(['a', 'b', 'q1', 'c', 'd']);
    for (const gate of gates.values()) gate.resolve();
    await Promise.all([...runs, other]);
  });

  it('a task cancelled while waiting leaves the queue and never runs; a failing task frees its place', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const never = new AbortController();
    const gate = deferred();
    const first = limiter.run('p', () => gate.promise, never.signal);
    const cancelled = new AbortController();
    let ran = false;
    const waiting = limiter.run('p', async () => void (ran = true), cancelled.signal);
    cancelled.abort();
    await expect(waiting).rejects.toMatchObject({ error: { code: 'cancelled' } });
    gate.resolve();
    await first;
    await expect(limiter.run('p', () => Promise.reject(new Error('boom')), never.signal)).rejects.toThrow(
      'boom',
    );
    await expect(limiter.run('p', async () => 'next', never.signal)).resolves.toBe('next');
    expect(ran).toBe(false);
  });
});
