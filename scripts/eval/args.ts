import { parseArgs } from 'node:util';
import { findPreset, PROVIDER_PRESETS } from '../../utils/settings/provider-presets';
import { DATASET_FORMATS, type DatasetFormat } from './datasets';
import type { EvalOptions } from './run';

export const USAGE = `Usage: npm run eval -- --data <path> --out <dir> [options]

Runs Footnote's own note engine (prompt, model call, validation, rules) over a dataset and
writes <out>/results.jsonl (one line per row; a rerun skips rows already answered),
<out>/report.md and <out>/report.json.

  --data <path>         FACTCK.BR-style TSV, JSONL of {text, label, lang}, or AVeriTeC dev.json
  --format <f>          tsv | jsonl | averitec (default: from the file name)
  --out <dir>           where results and the report go
  --provider <id>       preset: ${PROVIDER_PRESETS.map((p) => p.id).join(', ')}
                        (fills in --base-url and --model)
  --base-url <url>      OpenAI-compatible base URL, e.g. https://api.openai.com/v1
  --model <id>          model id
  --api-key <key>       default: the OPENAI_API_KEY environment variable
  --limit <n>           only the first n rows (after --seed's shuffle)
  --seed <n>            shuffle rows reproducibly before --limit (default: file order)
  --concurrency <n>     requests in flight (default 4)
  --lang <bcp47>        answer language for every note, e.g. pt-BR (default: each row's language)
  --injection <n>       add n rows wrapping dataset texts in prompt-injection strings (default 0)
  --self-check          review every note with the self-check request before it counts
  --price-in <usd>      USD per 1M prompt tokens (default 0: cost reported as n/a)
  --price-out <usd>     USD per 1M completion tokens
  --timeout <s>         idle timeout per request, seconds (default 60)
  --retries <n>         extra attempts for a row that got no answer (429, 5xx, timeout; default 2)
  --help`;

export class UsageError extends Error {}

export type ParsedArgs =
  | { kind: 'help' }
  | {
      kind: 'run';
      options: Omit<EvalOptions, 'progress' | 'signal' | 'now'>;
      /** Where the key came from: the CLI warns before sending OPENAI_API_KEY to another host. */
      keyFrom: 'flag' | 'env' | 'none';
    };

export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ParsedArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        data: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        provider: { type: 'string' },
        'base-url': { type: 'string' },
        model: { type: 'string' },
        'api-key': { type: 'string' },
        limit: { type: 'string' },
        seed: { type: 'string' },
        concurrency: { type: 'string' },
        lang: { type: 'string' },
        injection: { type: 'string' },
        'price-in': { type: 'string' },
        'price-out': { type: 'string' },
        timeout: { type: 'string' },
        retries: { type: 'string' },
        'self-check': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return { kind: 'help' };
  if (!values.data) throw new UsageError('--data <path> is required.');
  if (!values.out) throw new UsageError('--out <dir> is required.');
  if (values.format !== undefined && !(DATASET_FORMATS as readonly string[]).includes(values.format)) {
    throw new UsageError(`--format must be one of ${DATASET_FORMATS.join(', ')}.`);
  }

  const presetId = values.provider ?? (values['base-url'] ? 'custom' : undefined);
  const preset = presetId === undefined ? undefined : findPreset(presetId);
  if (presetId !== undefined && !preset) {
    throw new UsageError(
      `Unknown --provider "${presetId}"; one of ${PROVIDER_PRESETS.map((p) => p.id).join(', ')}.`,
    );
  }
  const baseUrl = (values['base-url'] || preset?.baseUrl || '').replace(/\/+$/, '');
  if (!baseUrl) throw new UsageError('Give --base-url (or a --provider preset).');
  if (!isHttpUrl(baseUrl)) throw new UsageError(`--base-url must be an http(s) URL; got "${baseUrl}".`);
  const model = values.model || preset?.defaultModel || '';
  if (!model) throw new UsageError('Give --model.');

  const keyFrom = values['api-key'] !== undefined ? 'flag' : env.OPENAI_API_KEY ? 'env' : 'none';
  return {
    kind: 'run',
    keyFrom,
    options: {
      data: values.data,
      format: values.format as DatasetFormat | undefined,
      out: values.out,
      provider: preset?.label ?? 'Custom',
      endpoint: {
        baseUrl,
        apiKey: values['api-key'] ?? env.OPENAI_API_KEY ?? '',
        model,
        timeoutMs: count(values.timeout, 'timeout', 60, 1) * 1000,
      },
      limit: values.limit === undefined ? null : count(values.limit, 'limit', 0, 1),
      seed: values.seed === undefined ? null : count(values.seed, 'seed', 0, 0),
      concurrency: count(values.concurrency, 'concurrency', 4, 1),
      lang: values.lang || null,
      injection: count(values.injection, 'injection', 0, 0),
      selfCheck: values['self-check'] ?? false,
      prices: {
        inputPerMillion: price(values['price-in'], 'price-in'),
        outputPerMillion: price(values['price-out'], 'price-out'),
      },
      retries: count(values.retries, 'retries', 2, 0),
    },
  };
}

function count(value: string | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`--${name} must be an integer ≥ ${min}; got "${value}".`);
  return n;
}

function price(value: string | undefined, name: string): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new UsageError(`--${name} must be a number ≥ 0 (USD per 1M tokens); got "${value}".`);
  return n;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
