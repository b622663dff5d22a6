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
