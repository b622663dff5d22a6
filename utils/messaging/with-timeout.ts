/** A message that got no answer in time (the other side is gone, or hung). */
export class NoAnswerError extends Error {
  constructor(ms: number) {
    super(`No answer within ${ms} ms`);
  }
}

/** Resolves like `promise`, or rejects with NoAnswerError after `ms`: a UI never waits forever. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswerError(ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
