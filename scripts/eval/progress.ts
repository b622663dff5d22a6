/** Where progress goes: process.stderr, or anything with write() in tests. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export type Tally = 'ok' | 'malformed' | 'failed';

/**
 * A progress bar on a terminal (redrawn in place, at most every 100 ms); plain lines otherwise
 * (every 5% and at the end), so CI logs and redirected output stay readable.
 */
export function createProgress(stream: ProgressStream, total: number, now: () => number = Date.now) {
  const started = now();
  const counts: Record<Tally, number> = { ok: 0, malformed: 0, failed: 0 };
  let done = 0;
  let lastDraw = 0;
  const step = Math.max(1, Math.ceil(total / 20));

  function status(): string {
    const elapsed = (now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = rate > 0 && done < total ? ` · ETA ${duration((total - done) / rate)}` : '';
    return `${done}/${total} (${total ? Math.floor((done / total) * 100) : 100}%) · ok ${counts.ok} · malformed ${counts.malformed} · failed ${counts.failed} · ${rate.toFixed(1)} rows/s${eta}`;
  }

  function draw(force: boolean): void {
    if (stream.isTTY) {
      if (!force && now() - lastDraw < 100) return;
      lastDraw = now();
      const text = status();
      const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - text.length - 4));
      const filled = total ? Math.round((done / total) * width) : width;
      stream.write(`\r\x1b[2K[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}`);
    } else if (force || done % step === 0) {
      stream.write(`eval ${status()}\n`);
    }
  }

  return {
    start(): void {
      if (stream.isTTY) draw(true);
      else stream.write(`eval: ${total} rows to run\n`);
    },
    tick(tally: Tally): void {
      counts[tally]++;
      done++;
      draw(done === total);
    },
    finish(): void {
      if (stream.isTTY) stream.write('\n');
    },
  };
}

function duration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60
    ? `${minutes}m${Math.ceil(seconds % 60)}s`
    : `${Math.floor(minutes / 60)}h${minutes % 60}m`;
}
