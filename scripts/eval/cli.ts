/**
 * `npm run eval -- --data <path> --out <dir> …`: the entry point. Everything it does is in
 * run.ts; this file reads the command line, wires Ctrl-C and prints where the report went.
 */
import { parseCliArgs, USAGE, UsageError } from './args';
import { runEval } from './run';

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseCliArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  const host = new URL(parsed.options.endpoint.baseUrl).host;
  if (parsed.keyFrom === 'env' && host !== 'api.openai.com') {
    process.stderr.write(
      `Note: sending the OPENAI_API_KEY environment variable to ${host} (pass --api-key to send another key).\n`,
    );
  }

  // First Ctrl-C: stop sending, keep what is done, write the report. Second: quit now.
  const interrupt = new AbortController();
  const onSigint = () => {
    if (interrupt.signal.aborted) process.exit(130);
    process.stderr.write('\nStopping: finishing the report (Ctrl-C again to quit now)…\n');
    interrupt.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    const { report, paths, stopped } = await runEval({ ...parsed.options, signal: interrupt.signal });
    const m = report.metrics;
    const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`);
    process.stdout.write(
      [
        `${m.rows.total} rows: ${m.rows.ok} valid notes, ${m.rows.malformed} malformed, ${m.rows.failed} without an answer`,
        `validity ${pct(m.validity.all.rate)} · accuracy ${pct(m.agreement.accuracy)} · balanced accuracy ${pct(m.agreement.balancedAccuracy)} · abstention ${pct(m.agreement.abstention.rate)}`,
        `report: ${paths.markdown}`,
        `        ${paths.json}`,
        `results: ${paths.results}`,
        '',
      ].join('\n'),
    );
    if (stopped) {
      process.stderr.write(`Stopped early: ${stopped.message}\n`);
      return stopped.code === 'cancelled' ? 130 : 1;
    }
    return 0;
  } catch (err) {
    process.stderr.write(`eval failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

process.exitCode = await main(process.argv.slice(2));
