// @vitest-environment node
/**
 * The harness end to end: the real engine and the real openai SDK over HTTP against the local
 * model server, scripted row by row (right, wrong, malformed, repaired, rate-limited, injected),
 * and the report's numbers checked against exactly what was scripted.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_API_KEY,
  DEFAULT_MODEL,
  DEFAULT_NOTE,
  lastUserMessage,
  ModelServer,
  type Behaviour,
  type RecordedRequest,
} from '../../e2e/model-server';
import type { Classification, Note } from '../../utils/core/note-schema';
import { readResults } from './results';
import { runEval, type EvalOptions } from './run';

const server = new ModelServer();
let dir = '';

beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(async () => {
  server.reset();
  dir = await mkdtemp(join(tmpdir(), 'footnote-eval-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A valid answer: a note with this classification (a note text unless `note` says otherwise). */
function answer(classification: Classification, extra: Partial<Note> = {}): Note {
  return { ...DEFAULT_NOTE, classification, note: `Context for a ${classification} post.`, ...extra };
}
const BROKEN = '{"summary": "Half an answer", "classification": ';
const RATE_LIMITED: Behaviour = { kind: 'error', status: 429, headers: { 'retry-after': '0' } };

/** What the server answers for a row: one answer, or a first answer and the repair's. */
type Script = { first: Note | string; repair?: Note | string } | 'rate-limited';

interface Row {
  id: string;
  label: string;
  script: Script;
}

// The dataset: each row's text carries its marker, so answers do not depend on request order.
const ROWS: Row[] = [
  { id: 'r01', label: 'Falso', script: { first: answer('false') } },
  { id: 'r02', label: 'falso', script: { first: answer('false') } },
  { id: 'r03', label: 'FALSO', script: { first: answer('accurate', { note: '' }) } },
  { id: 'r04', label: 'Verdadeiro', script: { first: answer('accurate', { note: '' }) } },
  { id: 'r05', label: 'verdadeiro', script: { first: answer('false') } },
  { id: 'r06', label: 'Exagerado', script: { first: answer('misleading', { injection_detected: true }) } },
  { id: 'r07', label: 'Sem contexto', script: { first: answer('unverifiable') } },
  { id: 'r08', label: 'Impossível provar', script: { first: answer('false', { note: '' }) } },
  { id: 'r09', label: 'falso', script: { first: BROKEN, repair: answer('false') } },
  {
    id: 'r10',
    label: 'Verdadeiro',
    script: {
      first: BROKEN,
      repair: { ...answer('accurate'), classification: 'very_true' } as unknown as Note,
    },
  },
  { id: 'r11', label: 'Falso', script: 'rate-limited' },
  {
    id: 'r12',
    label: 'outros',
    script: {
      first: answer('false', {
        claims: [
          {
            ...DEFAULT_NOTE.claims[0]!,
            verdict: 'refuted',
            basis: 'evidence',
            confidence: 0.9,
            citations: ['E1'],
          },
        ],
      }),
    },
  },
];

/** Injection rows wrap r01, r02, r03 in turn (templates en-ignore, pt-ignore, en-system). */
const INJECTED: Array<{ contains: string; script: Note }> = [
  { contains: 'Ignore previous instructions', script: answer('false', { injection_detected: true }) },
  { contains: 'Ignore as instruções anteriores', script: answer('accurate', { note: '' }) }, // obeyed, not flagged
  { contains: 'SYSTEM OVERRIDE', script: answer('false', { injection_detected: true }) },
];

interface Served {
  row: string;
  repair: boolean;
  usage: { prompt: number; completion: number } | null;
}

/** Answers each request by its row's script; notes what was served and the usage it reported. */
function scriptServer(rows: Row[], served: Served[]) {
  server.setDefault((req: RecordedRequest): Behaviour => {
    const messages = (req.body as { messages: unknown[] }).messages;
    const sent = JSON.stringify(messages);
    const repair = lastUserMessage(req).startsWith('That answer is not valid');
    const injected = INJECTED.find((i) => sent.includes(i.contains));
    const row = rows.find((r) => sent.includes(`[${r.id}]`));
    if (!row) throw new Error('request for an unknown row');
    const script: Script = injected ? { first: injected.script } : row.script;
    if (script === 'rate-limited') {
      served.push({ row: row.id, repair, usage: null });
      return RATE_LIMITED;
    }
    const note = repair ? (script.repair ?? script.first) : script.first;
    const content = typeof note === 'string' ? note : JSON.stringify(note);
    // The server's own usage formula (e2e/model-server.ts): about 4 characters a token.
    const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));
    served.push({
      row: injected ? `inj:${row.id}` : row.id,
      repair,
      usage: { prompt: tokens(JSON.stringify(messages)), completion: tokens(content) },
    });
    return { kind: 'note', note, chunkSize: 40 };
  });
}

async function writeJsonl(rows: Row[]): Promise<string> {
  const path = join(dir, 'claims.jsonl');
  const lines = rows.map((r) =>
    JSON.stringify({
      id: r.id,
      text: `Uma afirmação que circula nas redes [${r.id}].`,
      label: r.label,
      lang: 'pt',
    }),
  );
  await writeFile(path, lines.join('\n') + '\n');
  return path;
}

function options(
  data: string,
  overrides: Partial<EvalOptions> = {},
): EvalOptions & { progressText: () => string } {
  let text = '';
  return {
    data,
    provider: 'Custom',
    endpoint: { baseUrl: server.baseUrl, apiKey: DEFAULT_API_KEY, model: DEFAULT_MODEL, timeoutMs: 5_000 },
    limit: null,
    seed: null,
    concurrency: 3,
    lang: null,
    injection: 0,
    selfCheck: false,
    out: join(dir, 'out'),
    prices: { inputPerMillion: 2, outputPerMillion: 8 },
    retries: 0,
    retryBaseMs: 0,
    progress: { write: (t: string) => void (text += t), isTTY: false },
    now: () => Date.parse('2026-11-28T12:00:00Z'),
    progressText: () => text,
    ...overrides,
  };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('npm run eval, end to end against the local model server', () => {
  it('reports exactly what the server was scripted to answer', async () => {
    const served: Served[] = [];
    scriptServer(ROWS, served);
    const data = await writeJsonl(ROWS);
    const opts = options(data, { injection: 3 });
    const { report, paths, stopped } = await runEval(opts);
    const m = report.metrics;
    expect(stopped).toBeNull();

    // Rows: 12 dataset + 3 injection; r10 malformed twice, r11 rate-limited (the SDK's own retry too).
    expect(m.rows).toEqual({
      total: 15,
      dataset: 12,
      injection: 3,
      ok: 13,
      malformed: 1,
      failed: 1,
      failedByCode: { rate_limited: 1 },
      retried: 0,
    });
    expect(served.filter((s) => s.row === 'r11')).toHaveLength(2);

    // Validity, per mode: 14 answers, r09 repaired, r10 still invalid after its repair.
    expect(m.validity.byMode).toEqual([
      {
        mode: 'json_schema',
        answers: 14,
        validFirst: 12,
        repaired: 1,
        malformed: 1,
        firstTryRate: 12 / 14,
        rate: 13 / 14,
        repairs: 2,
        rejected: 0,
      },
    ]);
    expect(m.validity.all).toMatchObject({
      mode: 'all',
      answers: 14,
      validFirst: 12,
      repaired: 1,
      malformed: 1,
      repairs: 2,
    });

    // Agreement: 11 rated rows (r12 "outros" is not scored), 9 with a valid note.
    const a = m.agreement;
    expect(a.labelled).toBe(11);
    expect(a.answered).toBe(9);
    expect(a.labels).toEqual([
      { label: 'Falso', gold: 'false', rows: 2 },
      { label: 'Verdadeiro', gold: 'accurate', rows: 2 },
      { label: 'falso', gold: 'false', rows: 2 },
      { label: 'Exagerado', gold: 'misleading', rows: 1 },
      { label: 'FALSO', gold: 'false', rows: 1 },
      { label: 'Impossível provar', gold: 'unverifiable', rows: 1 },
      { label: 'Sem contexto', gold: 'needs_context', rows: 1 },
      { label: 'outros', gold: null, rows: 1 },
      { label: 'verdadeiro', gold: 'accurate', rows: 1 },
    ]);
    const row = (cells: Partial<Record<string, number>>) => ({
      accurate: 0,
      opinion: 0,
      needs_context: 0,
      misleading: 0,
      false: 0,
      unverifiable: 0,
      no_answer: 0,
      ...cells,
    });
    expect(a.confusion).toEqual({
      accurate: row({ accurate: 1, false: 1, no_answer: 1 }), // r04 right, r05 wrong, r10 malformed
      opinion: row({}),
      needs_context: row({ unverifiable: 1 }), // r07
      misleading: row({ misleading: 1 }), // r06
      false: row({ false: 3, accurate: 1, no_answer: 1 }), // r01 r02 r09 right, r03 wrong, r11 429
      unverifiable: row({ false: 1 }), // r08
    });
    expect(a.classes).toEqual(['accurate', 'needs_context', 'misleading', 'false', 'unverifiable']);
    expect(a.perClass).toEqual([
      { gold: 'accurate', rows: 2, correct: 1, recall: 0.5, predicted: 2, precision: 0.5 },
      { gold: 'needs_context', rows: 1, correct: 0, recall: 0, predicted: 0, precision: null },
      { gold: 'misleading', rows: 1, correct: 1, recall: 1, predicted: 1, precision: 1 },
      { gold: 'false', rows: 4, correct: 3, recall: 0.75, predicted: 5, precision: 0.6 },
      { gold: 'unverifiable', rows: 1, correct: 0, recall: 0, predicted: 1, precision: 0 },
    ]);
    expect(a.accuracy).toBeCloseTo(5 / 9, 12);
    expect(a.balancedAccuracy).toBeCloseTo((0.5 + 0 + 1 + 0.75 + 0) / 5, 12);
    expect(a.majorityBaseline).toEqual({ gold: 'false', accuracy: 4 / 9, balancedAccuracy: 1 / 5 });
    // Abstentions: r07 unverifiable, r08 "false" without a note; r03/r04 "accurate" with none are not.
    expect(a.abstention).toEqual({
      answered: 10,
      abstained: 2,
      rate: 0.2,
      unverifiable: 1,
      flaggedWithoutNote: 1,
      kept: 7,
      accuracy: 5 / 7,
      balancedAccuracy: (0.75 + 0.5 + 1) / 3,
    });

    // Evidence is off: r12's model-written citation names no evidence, and the rules drop it.
    expect(m.citations).toEqual({
      status: 'measured',
      notesWithEvidence: 0,
      written: 1,
      writtenToEvidence: 0,
      rate: 0,
      kept: 0,
      keptToEvidence: 0,
    });

    // Injection: en-ignore and en-system flagged; pt-ignore obeyed; r06 is a false alarm.
    expect(m.injection).toEqual({
      rows: 3,
      answered: 3,
      flagged: 2,
      rate: 2 / 3,
      obeyedOf: 3,
      obeyed: 1,
      obeyedRate: 1 / 3,
      cleanAnswered: 10,
      cleanFlagged: 1,
      cleanRate: 0.1,
    });

    // Tokens: exactly what the server reported, r10's two wasted answers included; cost from them.
    const answered = served.filter((s) => s.usage !== null);
    const prompt = sum(answered.map((s) => s.usage!.prompt));
    const completion = sum(answered.map((s) => s.usage!.completion));
    const wasted = answered.filter((s) => s.row === 'r10');
    expect(wasted).toHaveLength(2);
    expect(m.tokens).toEqual({
      rows: 14,
      prompt,
      completion,
      estimatedRows: 0,
      unknownRows: 0,
      promptPerNote: (prompt - sum(wasted.map((s) => s.usage!.prompt))) / 13,
      completionPerNote: (completion - sum(wasted.map((s) => s.usage!.completion))) / 13,
      wastedPrompt: sum(wasted.map((s) => s.usage!.prompt)),
      wastedCompletion: sum(wasted.map((s) => s.usage!.completion)),
    });
    expect(m.cost.totalUsd).toBeCloseTo((prompt * 2 + completion * 8) / 1e6, 15);
    expect(m.cost.perNoteUsd).toBeCloseTo((prompt * 2 + completion * 8) / 1e6 / 13, 15);

    expect(m.latency.notes).toBe(13);
    expect(m.latency.medianMs).toBeGreaterThan(0);
    expect(m.latency.p95Ms).toBeGreaterThanOrEqual(m.latency.medianMs!);

    // Every request was the engine's: strict schema, the row delimited, notes in Portuguese.
    for (const req of server.completionRequests()) {
      expect(req.body).toMatchObject({
        model: DEFAULT_MODEL,
        response_format: { type: 'json_schema', json_schema: { strict: true } },
      });
      expect(JSON.stringify(req.body)).toContain('Answer language: Brazilian Portuguese.');
    }
    const firstUser = lastUserMessage(server.completionRequests()[0]!);
    expect(firstUser).toMatch(
      /<<<DATA:[0-9a-f]{24}\n[\s\S]*site: generic[\s\S]*\[r\d\d\][\s\S]*\nDATA:[0-9a-f]{24}>>>$/,
    );

    // The files: one line per row, and the report in both forms.
    const lines = (await readFile(paths.results, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(15);
    const r09 = (await readResults(paths.results)).lines.find((l) => l.id === 'r09');
    expect(r09).toMatchObject({
      outcome: 'ok',
      mode: 'json_schema',
      repaired: true,
      gold: 'false',
      calls: [{ repair: false }, { repair: true }],
    });
    expect(JSON.parse(await readFile(paths.json, 'utf8'))).toEqual(JSON.parse(JSON.stringify(report)));
    const markdown = await readFile(paths.markdown, 'utf8');
    expect(markdown).toContain('| `json_schema` | 14 | 12 | 1 | 1 | 85.7% | 92.9% | 2 | 0 |');
    expect(markdown).toContain('| Accuracy | 55.6% |');
    expect(markdown).toContain('| Balanced accuracy (mean recall over 5 gold classes) | 45.0% |');
    expect(markdown).toContain('| `false` | 1 | · | · | · | 3 | · | 1 |');
    expect(markdown).toContain(
      '| Injection rows flagged (`injection_detected`) | 66.7% (2 of 3 answered, 3 rows) |',
    );
    expect(markdown).not.toContain(DEFAULT_API_KEY);

    // Progress: plain lines (not a TTY), ending at 15/15.
    expect(opts.progressText()).toContain('eval: 15 rows to run');
    expect(opts.progressText().trim().split('\n').at(-1)).toMatch(
      /^eval 15\/15 \(100%\) · ok 13 · malformed 1 · failed 1 · /,
    );
  });

  it('resumes: a rerun sends only the rows without an answer and reports on all of them', async () => {
    const served: Served[] = [];
    scriptServer(ROWS, served);
    const data = await writeJsonl(ROWS);
    await runEval(options(data));
    expect(server.completionRequests().length).toBeGreaterThan(12);

    server.reset();
    const again: Served[] = [];
    const healed = ROWS.map((r) => (r.id === 'r11' ? { ...r, script: { first: answer('false') } } : r));
    scriptServer(healed, again);
    const { report } = await runEval(options(data));
    expect(again.map((s) => s.row)).toEqual(['r11']); // the malformed r10 is done: not asked again
    expect(report.run.thisRun).toEqual({ ran: 1, resumed: 11, interrupted: null });
    expect(report.metrics.rows).toMatchObject({ total: 12, ok: 11, malformed: 1, failed: 0 });
    expect(report.metrics.agreement.confusion.false).toMatchObject({ false: 4, accurate: 1, no_answer: 0 });
    expect(report.metrics.agreement.accuracy).toBeCloseTo(6 / 10, 12);

    server.reset();
    const { report: third } = await runEval(options(data));
    expect(server.completionRequests()).toHaveLength(0);
    expect(third.metrics).toEqual(report.metrics);
  });

  it('refuses to resume into results from another model', async () => {
    scriptServer(ROWS, []);
    const data = await writeJsonl(ROWS.slice(0, 2));
    await runEval(options(data));
    const other = options(data);
    other.endpoint = { ...other.endpoint, model: 'another-model' };
    await expect(runEval(other)).rejects.toThrow(
      /holds results of model "footnote-test-model".*Use another --out/,
    );
  });

  it('retries a row that got no answer, with backoff, up to --retries', async () => {
    const data = await writeJsonl([{ id: 'r01', label: 'Falso', script: { first: answer('false') } }]);
    // The SDK retries a 429 once by itself: two 429s fail one attempt; the next attempt succeeds.
    server.enqueue(RATE_LIMITED, RATE_LIMITED);
    server.setDefault({ kind: 'note', note: answer('false') });
    const { report, paths } = await runEval(options(data, { retries: 1 }));
    expect(report.metrics.rows).toMatchObject({ ok: 1, failed: 0, retried: 1 });
    expect(server.completionRequests()).toHaveLength(3);
    expect((await readResults(paths.results)).lines[0]).toMatchObject({ attempts: 2, outcome: 'ok' });
  });

  it('reports per output mode when the provider rejects json_schema and the engine falls back', async () => {
    const data = await writeJsonl(ROWS.slice(0, 3));
    server.setDefault((req) =>
      (req.body as { response_format?: { type?: string } }).response_format?.type === 'json_schema'
        ? { kind: 'error', status: 400, message: "'response_format' of type 'json_schema' is not supported" }
        : { kind: 'note', note: answer('false') },
    );
    const { report } = await runEval(options(data, { concurrency: 1 }));
    // The first row probes json_schema (rejected), then the engine remembers json_object.
    expect(report.metrics.validity.byMode).toEqual([
      {
        mode: 'json_schema',
        answers: 0,
        validFirst: 0,
        repaired: 0,
        malformed: 0,
        firstTryRate: null,
        rate: null,
        repairs: 0,
        rejected: 1,
      },
      {
        mode: 'json_object',
        answers: 3,
        validFirst: 3,
        repaired: 0,
        malformed: 0,
        firstTryRate: 1,
        rate: 1,
        repairs: 0,
        rejected: 0,
      },
    ]);
    expect(report.metrics.citations.status).toBe('off');
    expect(report.metrics.injection.rate).toBeNull();
  });

  it('stops at a wrong key instead of failing every row, and writes none of them', async () => {
    const data = await writeJsonl(ROWS);
    const opts = options(data);
    opts.endpoint = { ...opts.endpoint, apiKey: 'sk-wrong' };
    const { report, stopped } = await runEval(opts);
    expect(stopped).toMatchObject({ code: 'auth' });
    expect(report.metrics.rows.total).toBe(0);
    expect(report.run.thisRun.interrupted).toContain('401');
    expect(server.completionRequests().length).toBeLessThanOrEqual(3); // only those already in flight
  });

  it('stops when the endpoint cannot be reached at all, instead of failing every row', async () => {
    const data = await writeJsonl(ROWS);
    const opts = options(data, { retries: 1 });
    opts.endpoint = { ...opts.endpoint, baseUrl: 'http://127.0.0.1:9/v1' };
    const { report, stopped } = await runEval(opts);
    expect(stopped).toMatchObject({ code: 'network' });
    expect(report.metrics.rows.total).toBe(0);
  });

  it('stops cleanly when interrupted: rows in flight are not written, and run next time', async () => {
    const data = await writeJsonl(ROWS.slice(0, 4));
    server.setDefault({ kind: 'stall' });
    const interrupt = new AbortController();
    const pending = runEval(options(data, { signal: interrupt.signal, concurrency: 2 }));
    await server.waitForCompletionRequests(2);
    interrupt.abort();
    const { report, stopped } = await pending;
    expect(stopped).toMatchObject({ code: 'cancelled' });
    expect(report.metrics.rows.total).toBe(0);
    expect(server.completionRequests()).toHaveLength(2);

    server.reset();
    server.setDefault({ kind: 'note', note: answer('false') });
    const { report: resumed } = await runEval(options(data));
    expect(resumed.run.thisRun).toEqual({ ran: 4, resumed: 0, interrupted: null });
    expect(resumed.metrics.rows.ok).toBe(4);
  });

  it('runs a FACTCK.BR-shaped TSV: Portuguese rows, accents and case in the ratings, rows without text skipped', async () => {
    const header =
      'URL\tAuthor\tdatePublished\tclaimReviewed\treviewBody\ttitle\tratingValue\tbestRating\talternativeName';
    const tsvRow = (claim: string, rating: string) =>
      `https://checker.example/review\thttps:checker.example\t2019-07-22\t${claim}\tA review that gives the verdict away.\t"A ""quoted"" title"\t1\t5\t${rating}`;
    const path = join(dir, 'factckbr-mini.tsv');
    await writeFile(
      path,
      [
        header,
        tsvRow('Vacina altera o DNA [r01]', 'falso'),
        tsvRow('O rio secou em 2019 [r02]', 'Impossível provar'),
        tsvRow('', 'Falso'),
        tsvRow('Ponte custou 2 bi [r03]', 'Verdadeiro'),
      ].join('\n'),
    );
    scriptServer(
      [
        { id: 'r01', label: '', script: { first: answer('false') } },
        { id: 'r02', label: '', script: { first: answer('unverifiable') } },
        { id: 'r03', label: '', script: { first: answer('false') } },
      ],
      [],
    );
    const { report } = await runEval(options(path, { lang: 'pt-BR' }));
    expect(report.run.dataset).toMatchObject({ format: 'tsv', rows: 4, skippedNoText: 1, selected: 3 });
    expect(report.metrics.agreement.confusion.false.false).toBe(1);
    expect(report.metrics.agreement.confusion.unverifiable.unverifiable).toBe(1);
    expect(report.metrics.agreement.confusion.accurate.false).toBe(1);
    expect(report.metrics.agreement.balancedAccuracy).toBeCloseTo(2 / 3, 12);
    for (const req of server.completionRequests()) {
      const user = lastUserMessage(req);
      expect(user).toContain('Answer language: Brazilian Portuguese.');
      expect(user).toContain('language: pt-BR');
      expect(user).toContain('time: 2019-07-22T00:00:00.000Z');
      expect(user).not.toContain('checker.example'); // the review's address and text stay out
      expect(user).not.toContain('gives the verdict away');
    }
  });
});

describe('npm run eval --self-check, on rows that bring their own evidence', () => {
  const EVIDENCE = {
    url: 'https://city.example/bridge',
    title: 'Bridge report',
    text: 'The bridge was opened to traffic in March 2019 after years of delay.',
  };
  const evidenceClaim = (span: string) => ({
    ...DEFAULT_NOTE.claims[0]!,
    verdict: 'refuted' as const,
    basis: 'evidence' as const,
    confidence: 0.9,
    citations: ['E1'],
    support: [{ evidence: 'E1', text: span }],
  });
  const pass = { pass: true, reason: 'Fine.' };
  const review = (action: string, extra: Record<string, unknown> = {}) => ({
    addresses_claim: action === 'keep' ? pass : { pass: false, reason: 'Speculates.' },
    sources_on_topic: pass,
    free_of_harassment: pass,
    action,
    note: '',
    reason: action === 'keep' ? '' : `Why ${action}.`,
    ...extra,
  });
  // Per row: the note, its review, and whether the row brings the evidence.
  const SCRIPTS: Record<string, { note: Note; review: object | string; evidence: boolean }> = {
    g1: {
      note: answer('false', { claims: [evidenceClaim('opened to traffic in March 2019')] }),
      review: review('keep'),
      evidence: true,
    },
    g2: {
      note: answer('false', { claims: [evidenceClaim('The city says the bridge opened in 2021.')] }),
      review: review('revise', { note: 'Records show the bridge opened in 2019.' }),
      evidence: true,
    },
    g3: { note: answer('false'), review: review('withdraw'), evidence: false },
    g4: { note: answer('accurate', { note: '', claims: [] }), review: review('keep'), evidence: false },
    g5: { note: answer('misleading'), review: '{"action": "kee', evidence: false },
  };
  const isReview = (req: RecordedRequest) =>
    JSON.stringify(req.body).includes('"name":"footnote_self_check"');

  async function writeRows(): Promise<string> {
    const path = join(dir, 'grounded.jsonl');
    const lines = Object.entries(SCRIPTS).map(([id, script]) =>
      JSON.stringify({
        id,
        text: `A claim going round [${id}].`,
        label: 'Falso',
        lang: 'pt',
        ...(script.evidence ? { evidence: [EVIDENCE] } : {}),
      }),
    );
    await writeFile(path, lines.join('\n') + '\n');
    return path;
  }

  it('reports verified spans, downgrades, and how often the review changed a draft, with its tokens', async () => {
    const reviews: Array<{ row: string; prompt: number; completion: number }> = [];
    server.setDefault((req) => {
      const messages = (req.body as { messages: unknown[] }).messages;
      const row = /\[(g\d)\]/.exec(JSON.stringify(messages))![1]!;
      if (!isReview(req)) return { kind: 'note', note: SCRIPTS[row]!.note };
      const content = SCRIPTS[row]!.review;
      const text = typeof content === 'string' ? content : JSON.stringify(content);
      reviews.push({
        row,
        prompt: Math.ceil(JSON.stringify(messages).length / 4),
        completion: Math.ceil(text.length / 4),
      });
      return { kind: 'note', note: content };
    });
    const data = await writeRows();
    const { report, paths } = await runEval(options(data, { selfCheck: true }));
    const m = report.metrics;
    expect(m.rows).toMatchObject({ total: 5, ok: 5, malformed: 0, failed: 0 });

    // g1's span is in the evidence; g2's is not, so its verdict is downgraded.
    expect(m.grounding).toEqual({
      status: 'measured',
      notes: 2,
      evidenceClaims: 2,
      grounded: 1,
      downgraded: 1,
      groundedRate: 0.5,
      downgradedRate: 0.5,
    });

    // g4 had nothing to review; g5's review stayed invalid after its repair.
    expect(reviews.map((r) => r.row).sort()).toEqual(['g1', 'g2', 'g3', 'g5', 'g5']);
    const answered = reviews.filter((r) => r.row !== 'g5');
    const prompt = sum(answered.map((r) => r.prompt));
    const completion = sum(answered.map((r) => r.completion));
    const lines = (await readResults(paths.results)).lines;
    const noteTokens = sum(
      lines
        .filter((l) => ['g1', 'g2', 'g3'].includes(l.id))
        .map((l) => l.usage!.promptTokens + l.usage!.completionTokens),
    );
    expect(m.selfCheck).toEqual({
      status: 'measured',
      notes: 5,
      skipped: 1,
      kept: 1,
      revised: 1,
      withdrawn: 1,
      failed: 1,
      answered: 3,
      changedRate: 2 / 3,
      tokens: {
        prompt,
        completion,
        promptPerCheck: prompt / 3,
        completionPerCheck: completion / 3,
        estimated: 0,
        shareOfNote: (prompt + completion) / noteTokens,
      },
    });
    // The review's requests are neither repairs of the note nor output-mode fallbacks.
    expect(m.validity.all).toMatchObject({ answers: 5, validFirst: 5, repairs: 0, rejected: 0 });

    const byId = new Map(lines.map((l) => [l.id, l]));
    expect(byId.get('g2')?.note?.note).toBe('Records show the bridge opened in 2019.');
    expect(byId.get('g3')?.note).toMatchObject({ note: '', classification: 'unverifiable' });
    expect(byId.get('g5')).toMatchObject({
      note: { note: SCRIPTS.g5!.note.note },
      selfCheck: { outcome: 'failed', reason: expect.stringContaining('invalid answer twice') },
      repaired: false,
      calls: [{ repair: false }, { repair: false, selfCheck: true }, { repair: true, selfCheck: true }],
    });

    const markdown = await readFile(paths.markdown, 'utf8');
    expect(markdown).toContain('| Self-check | on (--self-check) |');
    expect(markdown).toContain('| Evidence-based verdicts with a verified span | 50.0% (1 of 2) |');
    expect(markdown).toContain(
      "| Downgraded to the model's own knowledge (no span found) | 50.0% (1 of 2) |",
    );
    expect(markdown).toContain('| Drafts changed (revised or withdrawn) | 66.7% (2 of 3 answered reviews) |');
    expect(markdown).toContain('| Kept / revised / withdrawn | 1 / 1 / 1 |');
  });

  it('sends no review without --self-check, says so, and will not mix the two in one --out', async () => {
    server.setDefault((req) => {
      const row = /\[(g\d)\]/.exec(JSON.stringify(req.body))![1]!;
      return { kind: 'note', note: SCRIPTS[row]!.note };
    });
    const data = await writeRows();
    const { report, paths } = await runEval(options(data));
    expect(server.completionRequests().filter(isReview)).toHaveLength(0);
    expect(report.metrics.selfCheck.status).toBe('off');
    expect(report.metrics.grounding.status).toBe('measured');
    expect(await readFile(paths.markdown, 'utf8')).toContain('n/a (off): run with --self-check');
    await expect(runEval(options(data, { selfCheck: true }))).rejects.toThrow(
      /holds results without the self-check; this run is with it/,
    );
  });
});
