import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CLASSIFICATIONS } from '../../utils/core/note-schema';
import { NO_ANSWER, type Metrics } from './metrics';

/** What was run, for the report's header (never the API key). */
export interface RunInfo {
  dataset: {
    path: string;
    format: string;
    /** Data rows in the file, rows skipped for having no text, rows selected (limit/seed). */
    rows: number;
    skippedNoText: number;
    selected: number;
    limit: number | null;
    seed: number | null;
  };
  endpoint: { provider: string; baseUrl: string; model: string };
  promptVersion: string;
  /** The --lang option, or "each row's language". */
  answerLanguage: string;
  /** --self-check: every note reviewed before it counts. */
  selfCheck: boolean;
  injectionRows: number;
  concurrency: number;
  generatedAt: string;
  /** This invocation: rows sent to the model, rows skipped because results.jsonl had them. */
  thisRun: { ran: number; resumed: number; interrupted: string | null };
  /** results.jsonl lines that could not be read (a crash mid-write); those rows run again. */
  unreadableLines: number;
}

export interface Report {
  run: RunInfo;
  metrics: Metrics;
}

export async function writeReport(
  outDir: string,
  report: Report,
): Promise<{ json: string; markdown: string }> {
  const json = join(outDir, 'report.json');
  const markdown = join(outDir, 'report.md');
  await writeFile(json, JSON.stringify(report, null, 2) + '\n', 'utf8');
  await writeFile(markdown, renderMarkdown(report), 'utf8');
  return { json, markdown };
}

export function renderMarkdown({ run, metrics: m }: Report): string {
  const out: string[] = [];
  const a = m.agreement;
  out.push(`# Footnote eval: ${run.endpoint.model} on ${basename(run.dataset.path)}`, '');
  out.push(
    table(
      ['', ''],
      [
        [
          'Dataset',
          `${run.dataset.path} (${run.dataset.format}; ${run.dataset.rows} rows, ${run.dataset.skippedNoText} without text)`,
        ],
        ['Selected', `${run.dataset.selected} rows${selection(run)} + ${run.injectionRows} injection rows`],
        ['Endpoint', `${run.endpoint.provider}, ${run.endpoint.baseUrl}, model \`${run.endpoint.model}\``],
        ['Prompt version', run.promptVersion],
        ['Answer language', run.answerLanguage],
        ['Self-check', run.selfCheck ? 'on (--self-check)' : 'off'],
        [
          'Results',
          `${m.rows.total} rows (${m.rows.dataset} dataset, ${m.rows.injection} injection): ${m.rows.ok} valid notes, ${m.rows.malformed} malformed, ${m.rows.failed} without an answer${failedDetail(m)}${m.rows.retried ? `; ${m.rows.retried} rows needed more than one attempt` : ''}`,
        ],
        [
          'This run',
          `${run.thisRun.ran} sent, ${run.thisRun.resumed} already done (resumed)${run.thisRun.interrupted ? `; stopped early: ${run.thisRun.interrupted}` : ''}${run.unreadableLines ? `; ${run.unreadableLines} unreadable result lines ignored` : ''}`,
        ],
        ['Generated', run.generatedAt],
      ],
    ),
    '',
  );

  out.push('## Structured output', '');
  out.push(
    table(
      [
        'mode',
        'answers',
        'valid first time',
        'valid after repair',
        'malformed',
        'validity (first answer)',
        'validity (after repair)',
        'repair requests',
        'rejected by the provider',
      ],
      [...m.validity.byMode, m.validity.all].map((v) => [
        v.mode === 'all' ? '**all**' : `\`${v.mode}\``,
        n(v.answers),
        n(v.validFirst),
        n(v.repaired),
        n(v.malformed),
        pct(v.firstTryRate),
        pct(v.rate),
        n(v.repairs),
        n(v.rejected),
      ]),
    ),
    '',
    'An answer is valid when it is JSON matching the note schema. The engine asks once for a repair of an invalid answer; "malformed" answers were still invalid after it. "Rejected" counts requests the provider refused in that mode (400/422) before the engine fell back to a laxer one. Requests with no answer at all (HTTP errors, timeouts) are not answers: see "without an answer" above.',
    '',
  );

  out.push('## Agreement with the fact-checkers', '');
  out.push(
    `Ratings of the dataset rows, and the class each counts as (scripts/eval/label-map.ts):`,
    '',
    table(
      ['rating', 'class', 'rows'],
      a.labels.map((l) => [
        l.label ? `"${l.label}"` : '(empty)',
        l.gold ? `\`${l.gold}\`` : 'not scored',
        n(l.rows),
      ]),
    ),
    '',
  );
  const columns = [...CLASSIFICATIONS, NO_ANSWER] as const;
  const goldRows = CLASSIFICATIONS.filter((c) => columns.some((p) => a.confusion[c][p] > 0));
  out.push(
    'Confusion matrix (rows: fact-checkers, columns: Footnote; `no_answer`: malformed or failed):',
    '',
    table(
      ['gold \\ predicted', ...columns.map((c) => `\`${c}\``)],
      goldRows.map((g) => [
        `\`${g}\``,
        ...columns.map((p) => (a.confusion[g][p] ? n(a.confusion[g][p]) : '·')),
      ]),
    ),
    '',
    table(
      ['gold class', 'rows answered', 'correct', 'recall', 'predicted as', 'precision'],
      a.perClass.map((c) => [
        `\`${c.gold}\``,
        n(c.rows),
        n(c.correct),
        pct(c.recall),
        n(c.predicted),
        pct(c.precision),
      ]),
    ),
    '',
    table(
      ['', ''],
      [
        ['Scored rows (rated, with a valid note)', `${n(a.answered)} of ${n(a.labelled)} rated rows`],
        ['Accuracy', pct(a.accuracy)],
        [`Balanced accuracy (mean recall over ${a.classes.length} gold classes)`, pct(a.balancedAccuracy)],
        [
          'Baseline: always the most common class',
          a.majorityBaseline
            ? `\`${a.majorityBaseline.gold}\`: accuracy ${pct(a.majorityBaseline.accuracy)}, balanced accuracy ${pct(a.majorityBaseline.balancedAccuracy)}`
            : 'n/a',
        ],
        [
          'Abstention (unverifiable, or a flag with no note)',
          `${pct(a.abstention.rate)} (${n(a.abstention.abstained)} of ${n(a.abstention.answered)}: ${n(a.abstention.unverifiable)} unverifiable, ${n(a.abstention.flaggedWithoutNote)} flagged without a note)`,
        ],
        ['Accuracy when not abstaining', `${pct(a.abstention.accuracy)} (${n(a.abstention.kept)} rows)`],
        ['Balanced accuracy when not abstaining', pct(a.abstention.balancedAccuracy)],
      ],
    ),
    '',
  );

  out.push('## Citations', '');
  const c = m.citations;
  out.push(
    c.status === 'off'
      ? 'n/a (evidence off): no note had evidence to cite, and the model cited nothing.'
      : table(
          ['', ''],
          [
            ['Notes with evidence', n(c.notesWithEvidence)],
            [
              'Citations the model wrote that name fetched evidence',
              `${pct(c.rate)} (${n(c.writtenToEvidence)} of ${n(c.written)})`,
            ],
            [
              'Citations kept after the rules (shown on the card)',
              `${n(c.kept)}, ${n(c.keptToEvidence)} naming evidence`,
            ],
          ],
        ),
    '',
  );

  out.push('## Grounding', '');
  const g = m.grounding;
  out.push(
    g.status === 'off'
      ? 'n/a: no valid note based a verdict on evidence (give rows evidence in JSONL to measure it).'
      : table(
          ['', ''],
          [
            ['Notes with evidence-based verdicts', n(g.notes)],
            [
              'Evidence-based verdicts with a verified span',
              `${pct(g.groundedRate)} (${n(g.grounded)} of ${n(g.evidenceClaims)})`,
            ],
            [
              "Downgraded to the model's own knowledge (no span found)",
              `${pct(g.downgradedRate)} (${n(g.downgraded)} of ${n(g.evidenceClaims)})`,
            ],
          ],
        ),
    '',
  );

  out.push('## Self-check', '');
  const s = m.selfCheck;
  out.push(
    s.status === 'off'
      ? 'n/a (off): run with --self-check to review every note before it counts.'
      : table(
          ['', ''],
          [
            [
              'Valid notes reviewed',
              `${n(s.answered + s.failed)} of ${n(s.notes)} (${n(s.skipped)} with nothing to review)`,
            ],
            [
              'Drafts changed (revised or withdrawn)',
              `${pct(s.changedRate)} (${n(s.revised + s.withdrawn)} of ${n(s.answered)} answered reviews)`,
            ],
            ['Kept / revised / withdrawn', `${n(s.kept)} / ${n(s.revised)} / ${n(s.withdrawn)}`],
            ['Reviews that failed (draft kept as written)', n(s.failed)],
            [
              'Tokens per review',
              s.tokens.promptPerCheck === null
                ? 'n/a'
                : `${num(s.tokens.promptPerCheck)} prompt + ${num(s.tokens.completionPerCheck)} completion${s.tokens.estimated ? ` (${n(s.tokens.estimated)} estimated)` : ''}`,
            ],
            ["Share of the reviewed notes' tokens", pct(s.tokens.shareOfNote)],
          ],
        ),
    '',
  );

  out.push('## Prompt injection', '');
  const i = m.injection;
  out.push(
    i.rows === 0
      ? 'n/a (no injection rows; add some with --injection N).'
      : table(
          ['', ''],
          [
            [
              'Injection rows flagged (`injection_detected`)',
              `${pct(i.rate)} (${n(i.flagged)} of ${n(i.answered)} answered, ${n(i.rows)} rows)`,
            ],
            [
              'Injection obeyed (classified `accurate`, claim not rated true)',
              `${pct(i.obeyedRate)} (${n(i.obeyed)} of ${n(i.obeyedOf)})`,
            ],
            [
              'False alarms on clean rows',
              `${pct(i.cleanRate)} (${n(i.cleanFlagged)} of ${n(i.cleanAnswered)})`,
            ],
          ],
        ),
    '',
  );

  out.push('## Latency, tokens, cost', '');
  const t = m.tokens;
  out.push(
    table(
      ['', ''],
      [
        [
          'Latency per valid note (request to validated note, repairs included)',
          `median ${ms(m.latency.medianMs)}, p95 ${ms(m.latency.p95Ms)} (${n(m.latency.notes)} notes)`,
        ],
        [
          'First streamed content',
          `median ${ms(m.latency.firstPartialMedianMs)}, p95 ${ms(m.latency.firstPartialP95Ms)}`,
        ],
        [
          'Tokens per valid note',
          t.promptPerNote === null
            ? 'n/a'
            : `${num(t.promptPerNote)} prompt + ${num(t.completionPerNote)} completion${t.estimatedRows ? ` (${n(t.estimatedRows)} rows estimated at 4 characters a token)` : ' (as reported by the provider)'}`,
        ],
        [
          'Tokens in all',
          `${n(t.prompt)} prompt + ${n(t.completion)} completion over ${n(t.rows)} answered rows; ${n(t.wastedPrompt)} + ${n(t.wastedCompletion)} of them on malformed answers${t.unknownRows ? `; ${n(t.unknownRows)} malformed answers without a count` : ''}`,
        ],
        [
          'Estimated cost per valid note',
          m.cost.known
            ? `$${usd(m.cost.perNoteUsd)} (total $${usd(m.cost.totalUsd)}; $${m.cost.prices.inputPerMillion}/1M in, $${m.cost.prices.outputPerMillion}/1M out)`
            : 'n/a (no price given: pass --price-in and --price-out, USD per 1M tokens)',
        ],
      ],
    ),
    '',
    'Cost per valid note = the cost of every answer, malformed ones and repairs included, divided by the valid notes.',
    '',
  );
  return out.join('\n') + '\n';
}

function selection(run: RunInfo): string {
  const options = [
    run.dataset.seed !== null ? `shuffled with --seed ${run.dataset.seed}` : '',
    run.dataset.limit !== null ? `--limit ${run.dataset.limit}` : '',
  ].filter(Boolean);
  return options.length ? ` (${options.join(', ')})` : '';
}

function failedDetail(m: Metrics): string {
  const codes = Object.entries(m.rows.failedByCode);
  return codes.length ? ` (${codes.map(([code, count]) => `${code} ${count}`).join(', ')})` : '';
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) =>
    `| ${cells.map((c) => c.replaceAll('|', '\\|').replaceAll('\n', ' ')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function basename(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

const n = (value: number) => String(value);
const pct = (value: number | null) => (value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`);
const ms = (value: number | null) => (value === null ? 'n/a' : `${Math.round(value)} ms`);
const num = (value: number | null) => (value === null ? 'n/a' : value.toFixed(1));
const usd = (value: number | null) => (value === null ? 'n/a' : value.toFixed(6));
