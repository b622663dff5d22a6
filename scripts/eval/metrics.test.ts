// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTE } from '../../e2e/model-server';
import type { Classification } from '../../utils/core/note-schema';
import { computeMetrics, isAbstention, median, percentile, scoring } from './metrics';
import type { ResultLine } from './results';

const NO_PRICE = { inputPerMillion: 0, outputPerMillion: 0 };

function line(
  id: string,
  gold: Classification | null,
  predicted: Classification | null,
  extra: Partial<ResultLine> = {},
): ResultLine {
  return {
    id,
    kind: 'dataset',
    row: 1,
    injection: null,
    label: gold ?? '',
    gold,
    answerLanguage: 'pt-BR',
    provider: 'Custom',
    baseUrl: 'http://127.0.0.1/v1',
    model: 'm',
    promptVersion: 'p',
    mode: 'json_schema',
    repaired: false,
    calls: [
      {
        mode: 'json_schema',
        repair: false,
        answered: true,
        error: null,
        status: null,
        usage: { promptTokens: 100, completionTokens: 10 },
      },
    ],
    outcome: predicted ? 'ok' : 'error',
    error: predicted ? null : { code: 'rate_limited', message: '429', status: 429 },
    note: predicted ? { ...DEFAULT_NOTE, classification: predicted, note: 'Context.' } : null,
    citations: predicted ? { written: [], kept: [] } : null,
    evidenceIds: [],
    usage: predicted ? { promptTokens: 100, completionTokens: 10, estimated: false } : null,
    latencyMs: 100,
    firstPartialMs: 10,
    attempts: 1,
    finishedAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

/** FACTCK.BR's shape: mostly false. */
const GOLD: Classification[] = [
  ...Array(72).fill('false'),
  ...Array(9).fill('accurate'),
  ...Array(10).fill('misleading'),
  ...Array(9).fill('unverifiable'),
];

describe('metrics', () => {
  it('does not reward answering "false" to everything on a mostly-false dataset', () => {
    const lines = GOLD.map((gold, i) => line(`r${i}`, gold, 'false'));
    const { agreement } = computeMetrics(lines, NO_PRICE);
    expect(agreement.accuracy).toBeCloseTo(0.72, 12); // looks good…
    expect(agreement.balancedAccuracy).toBeCloseTo(1 / 4, 12); // …is chance level
    expect(agreement.perClass.map((c) => [c.gold, c.recall])).toEqual([
      ['accurate', 0],
      ['misleading', 0],
      ['false', 1],
      ['unverifiable', 0],
    ]);
    expect(agreement.majorityBaseline).toEqual({ gold: 'false', accuracy: 0.72, balancedAccuracy: 0.25 });
  });

  it('scores a perfect answerer 100% balanced, and averages recall over the gold classes present only', () => {
    expect(scoring(GOLD.map((gold) => ({ gold, predicted: gold }))).balancedAccuracy).toBe(1);
    const pairs = [
      { gold: 'false', predicted: 'false' },
      { gold: 'false', predicted: 'misleading' },
      { gold: 'accurate', predicted: 'accurate' },
    ] as const;
    expect(scoring(pairs)).toMatchObject({ accuracy: 2 / 3, balancedAccuracy: (0.5 + 1) / 2 });
  });

  it('abstains on unverifiable and on a flag without a note, not on "accurate" without one', () => {
    expect(isAbstention({ ...DEFAULT_NOTE, classification: 'unverifiable' })).toBe(true);
    expect(isAbstention({ ...DEFAULT_NOTE, classification: 'false', note: ' ' })).toBe(true);
    expect(isAbstention({ ...DEFAULT_NOTE, classification: 'false', note: 'It is false.' })).toBe(false);
    expect(isAbstention({ ...DEFAULT_NOTE, classification: 'accurate', note: '' })).toBe(false);
    expect(isAbstention({ ...DEFAULT_NOTE, classification: 'opinion', note: '' })).toBe(false);
  });

  it('counts failed rows in the confusion matrix as no_answer but not in the rates', () => {
    const { agreement, rows } = computeMetrics(
      [line('a', 'false', 'false'), line('b', 'false', null)],
      NO_PRICE,
    );
    expect(agreement.confusion.false).toMatchObject({ false: 1, no_answer: 1 });
    expect(agreement.accuracy).toBe(1);
    expect(rows).toMatchObject({ ok: 1, failed: 1, failedByCode: { rate_limited: 1 } });
  });

  it('reports citation integrity against the note’s evidence ids', () => {
    const cited = line('a', 'false', 'false', {
      evidenceIds: ['E1', 'E2'],
      citations: { written: ['E1', 'E2', 'E9'], kept: ['E1', 'E2'] },
    });
    expect(computeMetrics([cited], NO_PRICE).citations).toEqual({
      status: 'measured',
      notesWithEvidence: 1,
      written: 3,
      writtenToEvidence: 2,
      rate: 2 / 3,
      kept: 2,
      keptToEvidence: 2,
    });
    expect(computeMetrics([line('b', 'false', 'false')], NO_PRICE).citations.status).toBe('off');
  });

  it('leaves cost unknown without prices, and prices every answer per valid note', () => {
    const lines = [line('a', 'false', 'false'), line('b', 'false', 'false')];
    expect(computeMetrics(lines, NO_PRICE).cost).toMatchObject({
      known: false,
      totalUsd: null,
      perNoteUsd: null,
    });
    const cost = computeMetrics(lines, { inputPerMillion: 1, outputPerMillion: 4 }).cost;
    expect(cost.totalUsd).toBeCloseTo((200 * 1 + 20 * 4) / 1e6, 15);
    expect(cost.perNoteUsd).toBeCloseTo((100 + 40) / 1e6, 15);
  });

  it('computes the median and the nearest-rank p95', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile([5], 95)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 1000], 95)).toBe(
      19,
    );
  });
});

describe('grounding and self-check metrics', () => {
  const usage = (promptTokens: number, completionTokens: number, estimated = false) => ({
    promptTokens,
    completionTokens,
    estimated,
  });

  it('sums meta.grounding over valid notes; n/a when no verdict rested on evidence', () => {
    const lines = [
      line('a', 'false', 'false', { grounding: { evidenceClaims: 3, grounded: 2, downgraded: 1 } }),
      line('b', 'false', 'false', { grounding: { evidenceClaims: 1, grounded: 0, downgraded: 1 } }),
      line('c', 'false', 'false', { grounding: null }),
      line('d', 'false', 'false'), // written before grounding existed
      line('e', 'false', null, { grounding: { evidenceClaims: 9, grounded: 9, downgraded: 0 } }), // no note
    ];
    expect(computeMetrics(lines, NO_PRICE).grounding).toEqual({
      status: 'measured',
      notes: 2,
      evidenceClaims: 4,
      grounded: 2,
      downgraded: 2,
      groundedRate: 0.5,
      downgradedRate: 0.5,
    });
    expect(computeMetrics(lines.slice(2), NO_PRICE).grounding).toMatchObject({
      status: 'off',
      groundedRate: null,
    });
  });

  it('counts what the review did, and its tokens per answered review and as a share of the note', () => {
    const check = (outcome: 'kept' | 'revised' | 'withdrawn' | 'failed', tokens = usage(300, 50)) => ({
      selfCheckOn: true,
      selfCheck: { outcome, reason: '', usage: outcome === 'failed' ? usage(0, 0) : tokens },
      usage: usage(1_000, 200),
    });
    const lines = [
      line('a', 'false', 'false', check('kept')),
      line('b', 'false', 'false', check('kept', usage(100, 50, true))),
      line('c', 'false', 'false', check('revised')),
      line('d', 'false', 'false', check('withdrawn')),
      line('e', 'false', 'false', check('failed')),
      line('f', 'false', 'false', { selfCheckOn: true, selfCheck: null }), // nothing to review
      line('g', 'false', 'false'), // a line from a run without the review
    ];
    expect(computeMetrics(lines, NO_PRICE).selfCheck).toEqual({
      status: 'measured',
      notes: 6,
      skipped: 1,
      kept: 2,
      revised: 1,
      withdrawn: 1,
      failed: 1,
      answered: 4,
      changedRate: 0.5,
      tokens: {
        prompt: 1_000,
        completion: 200,
        promptPerCheck: 250,
        completionPerCheck: 50,
        estimated: 1,
        shareOfNote: 1_200 / (4 * 1_200),
      },
    });
    expect(computeMetrics([line('g', 'false', 'false')], NO_PRICE).selfCheck).toMatchObject({
      status: 'off',
      notes: 0,
      changedRate: null,
    });
  });
});
