import { join } from 'node:path';
import type { Note, PartialNote } from '../../utils/core/note-schema';
import { streamChatJson, type ChatEndpoint } from '../../utils/ai/openai-chat';
import { PROMPT_VERSION } from '../../utils/ai/prompt';
import { NoteFailure } from '../../utils/ai/provider-errors';
import { memoryOutputModes } from '../../test-support/memory-output-modes';
import { NoteCache } from '../../utils/notes/note-cache';
import { createNoteEngine } from '../../utils/notes/note-engine';
import type { NoteError, NoteErrorCode } from '../../utils/core/note-error';
import type { NoteMeta } from '../../utils/core/note-meta';
import { loadDataset, type DatasetFormat, type EvalRow } from './datasets';
import { injectionCases } from './injection';
import { mapRating } from './label-map';
import { computeMetrics, type Prices } from './metrics';
import { createProgress, type ProgressStream } from './progress';
import { writeReport, type Report } from './report';
import { isDone, readResults, resultsWriter, type ModelCall, type ResultLine } from './results';
import { answerLanguageFor, rowPost } from './row-post';
import { SELF_CHECK_SCHEMA_NAME } from '../../utils/ai/self-check-reader';
import { rowEvidencePlan } from './row-evidence';
import { mulberry32 } from '../seeded-random';

export interface EvalOptions {
  data: string;
  format?: DatasetFormat;
  /** Shown in the report (a preset's label, or "Custom"). */
  provider: string;
  endpoint: ChatEndpoint;
  limit: number | null;
  /** Shuffle the rows with this seed before --limit (null: file order). */
  seed: number | null;
  concurrency: number;
  /** Answer language for every row; null: each row's own language. */
  lang: string | null;
  injection: number;
  /** Review every note with the self-check request before it counts (utils/notes/self-check.ts). */
  selfCheck: boolean;
  out: string;
  prices: Prices;
  /** Extra attempts for a row that got no answer (429, 5xx, timeout, network), with backoff. */
  retries: number;
  /** First backoff when the provider gives no Retry-After (doubles each attempt). */
  retryBaseMs?: number;
  progress?: ProgressStream;
  signal?: AbortSignal;
  now?: () => number;
}

export interface EvalRun {
  report: Report;
  paths: { results: string; json: string; markdown: string };
  /** Why the run stopped early (a wrong key, Ctrl-C), or null. */
  stopped: NoteError | null;
}

interface EvalCase {
  id: string;
  kind: ResultLine['kind'];
  base: EvalRow;
  text: string;
  injection: ResultLine['injection'];
}

/** Failures that no other row can get past: stop the run instead of failing every row alike. */
const FATAL: ReadonlySet<NoteErrorCode> = new Set(['no_provider', 'auth', 'forbidden', 'model_not_found']);
/** Failures worth another attempt after a pause. */
const TRANSIENT: ReadonlySet<NoteErrorCode> = new Set(['rate_limited', 'server', 'timeout', 'network']);
const MAX_BACKOFF_MS = 60_000;

/**
 * Runs the extension's note engine (prompt → model → validate → rules, the same modules) over a
 * dataset, appending one line per row to <out>/results.jsonl and skipping rows already done
 * there; then writes report.json and report.md computed from every line.
 */
export async function runEval(options: EvalOptions): Promise<EvalRun> {
  const now = options.now ?? Date.now;
  const dataset = await loadDataset(options.data, options.format);
  const selected = select(dataset.rows, options.limit, options.seed);
  const cases: EvalCase[] = [
    ...selected.map((row) => ({
      id: row.id,
      kind: 'dataset' as const,
      base: row,
      text: row.text,
      injection: null,
    })),
    ...injectionCases(selected, options.injection).map((c) => ({
      id: c.id,
      kind: 'injection' as const,
      base: c.base,
      text: c.text,
      injection: { template: c.template.id, baseId: c.base.id },
    })),
  ];

  const resultsPath = join(options.out, 'results.jsonl');
  const previous = await readResults(resultsPath);
  checkSameRun(previous.lines, options, resultsPath);
  const done = new Set(previous.lines.filter(isDone).map((l) => l.id));
  const todo = cases.filter((c) => !done.has(c.id));

  const writer = resultsWriter(resultsPath);
  const progress = createProgress(options.progress ?? process.stderr, todo.length, now);
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  let stopped: NoteError | null = null;
  let answeredAny = false;
  // Shared by every row, as the extension shares them: the engine learns once which output mode
  // the endpoint accepts. The cache is written by the engine but never read (refresh: true).
  const cache = new NoteCache(16, 4_000_000);
  const outputModes = memoryOutputModes(); // kept for the run (the extension keeps it in storage)

  async function runCase(c: EvalCase): Promise<void> {
    const answerLanguage = answerLanguageFor(options.lang, c.base.lang);
    let calls: ModelCall[] = [];
    // One engine per row: its answer language is the row's. Concurrency is this file's pool.
    const engine = createNoteEngine({
      loadEndpoint: async () => ({ endpoint: options.endpoint, providerLabel: options.provider }),
      answerLanguage: async () => answerLanguage,
      // Evidence sources reach the network: the eval gives only the row's own sources, if any.
      evidencePlan: async () => rowEvidencePlan(c.base.evidence),
      selfCheck: async () => options.selfCheck,
      cache,
      outputModes,
      usage: { exceeded: async () => null, record: async () => undefined },
      stream: observed(
        streamChatJson,
        (call) => calls.push(call),
        () => calls,
      ),
      now,
      concurrency: 1,
    });
    const post = rowPost({
      id: c.id,
      text: c.text,
      lang: c.base.lang ?? options.lang,
      time: c.base.time,
      author: c.base.author,
    });
    let attempts = 0;
    for (;;) {
      attempts++;
      calls = [];
      const outcome = await requestOnce(engine, post, signal);
      if (outcome.kind === 'done' || outcome.error.code === 'malformed') answeredAny = true;
      if (outcome.kind === 'error') {
        const { error } = outcome;
        if (error.code === 'cancelled' || signal.aborted) return; // not written: it runs next time
        if (FATAL.has(error.code)) {
          stopped ??= error;
          stop.abort();
          return;
        }
        if (TRANSIENT.has(error.code) && attempts <= options.retries) {
          const backoff = error.retryAfterMs ?? (options.retryBaseMs ?? 2_000) * 2 ** (attempts - 1);
          await sleep(Math.min(backoff, MAX_BACKOFF_MS), signal);
          if (signal.aborted) return;
          continue;
        }
        // Nothing has ever answered: a wrong base URL or a server that is down, not a bad row.
        if (!answeredAny && (error.code === 'network' || error.code === 'timeout')) {
          stopped ??= error;
          stop.abort();
          return;
        }
      }
      const line = toLine(c, outcome, { answerLanguage, attempts, calls, options, now });
      await writer.append(line);
      progress.tick(line.outcome === 'error' ? 'failed' : line.outcome);
      return;
    }
  }

  progress.start();
  let next = 0;
  const worker = async () => {
    while (!signal.aborted && next < todo.length) await runCase(todo[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, todo.length)) }, worker));
  await writer.flush();
  progress.finish();
  if (!stopped && options.signal?.aborted)
    stopped = { code: 'cancelled', message: 'Interrupted.', action: null, status: null, retryAfterMs: null };

  const all = await readResults(resultsPath);
  const report: Report = {
    run: {
      dataset: {
        path: options.data,
        format: dataset.format,
        rows: dataset.rows.length + dataset.skipped.length,
        skippedNoText: dataset.skipped.length,
        selected: selected.length,
        limit: options.limit,
        seed: options.seed,
      },
      endpoint: {
        provider: options.provider,
        baseUrl: options.endpoint.baseUrl,
        model: options.endpoint.model,
      },
      promptVersion: PROMPT_VERSION,
      answerLanguage: options.lang ?? "each row's language",
      selfCheck: options.selfCheck,
      injectionRows: options.injection,
      concurrency: options.concurrency,
      generatedAt: new Date(now()).toISOString(),
      thisRun: {
        ran: todo.length,
        resumed: cases.length - todo.length,
        interrupted: stopped?.message ?? null,
      },
      unreadableLines: all.unreadable,
    },
    metrics: computeMetrics(all.lines, options.prices),
  };
  const paths = await writeReport(options.out, report);
  return { report, paths: { results: resultsPath, ...paths }, stopped };
}

type Outcome =
  | {
      kind: 'done';
      note: Note;
      meta: NoteMeta;
      lastPartial: PartialNote;
      latencyMs: number;
      firstPartialMs: number | null;
    }
  | { kind: 'error'; error: NoteError; latencyMs: number; firstPartialMs: number | null };

/** One request through the real engine, timed. */
async function requestOnce(
  engine: ReturnType<typeof createNoteEngine>,
  post: ReturnType<typeof rowPost>,
  signal: AbortSignal,
): Promise<Outcome> {
  const start = performance.now();
  let firstPartialMs: number | null = null;
  let lastPartial: PartialNote = {};
  // Assigned by the sink's callbacks (the cast stops TypeScript narrowing it to null).
  let result = null as Outcome | null;
  await engine.requestNote(
    { post, refresh: true },
    {
      partial: (partial) => {
        firstPartialMs ??= performance.now() - start;
        lastPartial = partial;
      },
      done: (note, meta) => {
        result = {
          kind: 'done',
          note,
          meta,
          lastPartial,
          latencyMs: performance.now() - start,
          firstPartialMs,
        };
      },
      error: (error) => {
        result = { kind: 'error', error, latencyMs: performance.now() - start, firstPartialMs };
      },
    },
    signal,
  );
  return (
    result ?? {
      kind: 'error',
      error: {
        code: 'internal',
        message: 'The engine ended without a result.',
        action: 'retry',
        status: null,
        retryAfterMs: null,
      },
      latencyMs: performance.now() - start,
      firstPartialMs,
    }
  );
}

function toLine(
  c: EvalCase,
  outcome: Outcome,
  context: {
    answerLanguage: string;
    attempts: number;
    calls: ModelCall[];
    options: EvalOptions;
    now: () => number;
  },
): ResultLine {
  const { options } = context;
  // The note's own calls: the self-check's are reported with its outcome, not as repairs or modes.
  const calls = context.calls.filter((call) => !call.selfCheck);
  const gold = mapRating(c.base.label) ?? null;
  const base = {
    id: c.id,
    kind: c.kind,
    row: c.base.row,
    injection: c.injection,
    label: c.base.label,
    gold,
    answerLanguage: context.answerLanguage,
    provider: options.provider,
    baseUrl: options.endpoint.baseUrl,
    model: options.endpoint.model,
    promptVersion: PROMPT_VERSION,
    mode: calls.at(-1)?.mode ?? null,
    repaired: calls.some((call) => call.repair),
    calls: context.calls,
    latencyMs: Math.round(outcome.latencyMs),
    firstPartialMs: outcome.firstPartialMs === null ? null : Math.round(outcome.firstPartialMs),
    attempts: context.attempts,
    finishedAt: new Date(context.now()).toISOString(),
    selfCheckOn: options.selfCheck,
  };
  if (outcome.kind === 'error') {
    const { code, message, status } = outcome.error;
    return {
      ...base,
      outcome: code === 'malformed' ? 'malformed' : 'error',
      error: { code, message, status },
      note: null,
      citations: null,
      evidenceIds: [],
      usage: code === 'malformed' ? callUsage(calls) : null,
      grounding: null,
      selfCheck: null,
    };
  }
  return {
    ...base,
    outcome: 'ok',
    error: null,
    note: outcome.note,
    citations: {
      written: (outcome.lastPartial.claims ?? []).flatMap((claim) => claim.citations ?? []),
      kept: outcome.note.claims.flatMap((claim) => claim.citations),
    },
    evidenceIds: outcome.meta.evidence.map((e) => e.id),
    grounding: outcome.meta.grounding ?? null,
    selfCheck: outcome.meta.selfCheck ?? null,
    // The engine's own count: the provider's, summed over the answer, its repair and the self-check, or its estimate.
    usage: outcome.meta.usage,
    // The engine says which mode answered and whether it repaired; trust it over our inference.
    mode: outcome.meta.mode,
    repaired: outcome.meta.repaired,
  };
}

/** Tokens of a row's answered calls, when the provider reported them for every one. */
function callUsage(calls: readonly ModelCall[]): ResultLine['usage'] {
  const answered = calls.filter((call) => call.answered);
  if (answered.length === 0 || answered.some((call) => call.usage === null)) return null;
  return {
    promptTokens: answered.reduce((sum, call) => sum + call.usage!.promptTokens, 0),
    completionTokens: answered.reduce((sum, call) => sum + call.usage!.completionTokens, 0),
    estimated: false,
  };
}

/**
 * streamChatJson as the engine calls it, noting each call's mode and result: how the harness
 * sees mode fallbacks, repair requests and the tokens of answers that never validated, which
 * the engine does not report. A self-check request is told by its answer format. Observes only;
 * the call itself is untouched.
 */
function observed(
  stream: typeof streamChatJson,
  record: (call: ModelCall) => void,
  previous: () => readonly ModelCall[],
): typeof streamChatJson {
  return async (endpoint, messages, format, mode, options) => {
    const selfCheck = format.name === SELF_CHECK_SCHEMA_NAME;
    // The engine repairs by asking again after an answer that did not validate.
    const before = previous().filter((call) => (call.selfCheck ?? false) === selfCheck);
    const call: ModelCall = {
      mode,
      repair: before.at(-1)?.answered === true,
      ...(selfCheck ? { selfCheck } : {}),
      answered: false,
      error: null,
      status: null,
      usage: null,
    };
    record(call);
    try {
      const result = await stream(endpoint, messages, format, mode, options);
      call.answered = true;
      call.usage = result.usage;
      return result;
    } catch (err) {
      call.error = err instanceof NoteFailure ? err.error.code : 'internal';
      call.status = err instanceof NoteFailure ? err.error.status : null;
      throw err;
    }
  };
}

/** Resuming into results from another model, endpoint, prompt, language or self-check would mix two runs. */
function checkSameRun(lines: readonly ResultLine[], options: EvalOptions, path: string): void {
  const other = lines.find(
    (l) =>
      l.model !== options.endpoint.model ||
      l.baseUrl !== options.endpoint.baseUrl ||
      l.promptVersion !== PROMPT_VERSION,
  );
  if (other) {
    throw new Error(
      `${path} holds results of model "${other.model}" at ${other.baseUrl} (prompt ${other.promptVersion}); this run is "${options.endpoint.model}" at ${options.endpoint.baseUrl} (prompt ${PROMPT_VERSION}). Use another --out.`,
    );
  }
  const checked = lines.find((l) => (l.selfCheckOn ?? false) !== options.selfCheck);
  if (checked) {
    throw new Error(
      `${path} holds results ${checked.selfCheckOn ? 'with' : 'without'} the self-check; this run is ${options.selfCheck ? 'with' : 'without'} it. Use another --out.`,
    );
  }
  if (options.lang) {
    const mixed = lines.find((l) => l.answerLanguage !== options.lang);
    if (mixed)
      throw new Error(
        `${path} holds notes in ${mixed.answerLanguage}; this run asks for ${options.lang}. Use another --out.`,
      );
  }
}

/** Rows in file order, or shuffled reproducibly by `seed`; then the first `limit`. */
export function select(rows: readonly EvalRow[], limit: number | null, seed: number | null): EvalRow[] {
  const order = [...rows];
  if (seed !== null) {
    const random = mulberry32(seed);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
  }
  return limit === null ? order : order.slice(0, limit);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
