import { describe, expect, it } from 'vitest';
import {
  DIGEST_POINTS_MAX,
  DIGEST_REFS_MAX,
  DIGEST_TEXT_MAX,
  digestSchema,
  type Digest,
} from '../core/thread';
import {
  answerFromDigest,
  citedRefs,
  cleanAnswer,
  combineAnswers,
  digestFromAnswer,
  parsePartialThreadAnswer,
  threadAnswerJsonSchema,
  threadReader,
  type ThreadAnswer,
} from './thread-reader';

const ANSWER: ThreadAnswer = {
  about: 'Whether the city should build a new bridge.',
  positions: [
    { point: 'The bridge is needed for commuters.', support: 'most', refs: ['C1', 'C3'] },
    { point: 'The money should go to buses.', support: 'few', refs: ['C2'] },
  ],
  disputed: [
    { claim: 'The bridge costs 2 billion.', sides: 'C1 says so; others say 1 billion.', refs: ['C1', 'C2'] },
  ],
  sourced: [{ point: 'A link to the council budget.', refs: ['C3'] }],
  questions: [{ question: 'Who pays for upkeep?', refs: ['C2'] }],
};
const GIVEN = new Set(['C1', 'C2', 'C3']);
const KEYS = new Map([
  ['C1', 'hackernews:1'],
  ['C2', 'hackernews:2'],
  ['C3', 'hackernews:3'],
]);

/** Every prefix of the answer's JSON, as a stream would deliver it. */
function prefixes(answer: ThreadAnswer): string[] {
  const text = JSON.stringify(answer);
  return Array.from({ length: text.length }, (_, i) => text.slice(0, i + 1));
}

describe('thread reader', () => {
  it('accepts a whole answer, and asks for a repair only when its outer shape is wrong', () => {
    expect(threadReader.final(ANSWER)).toEqual({ ok: true, value: ANSWER });
    // Missing sections read as empty.
    expect(threadReader.final({ about: 'x' })).toEqual({
      ok: true,
      value: { about: 'x', positions: [], disputed: [], sourced: [], questions: [] },
    });
    for (const json of [
      null,
      [],
      'x',
      {},
      { positions: [] },
      { about: 'x', positions: 'C1' },
      { about: 3 },
    ]) {
      expect(threadReader.final(json).ok, JSON.stringify(json)).toBe(false);
    }
  });

  it('drops an invalid point alone, and reads support in any case', () => {
    const final = threadReader.final({
      ...ANSWER,
      positions: [
        { point: 'ok', support: 'MOST', refs: ['C1'] },
        { point: 'no support', refs: ['C1'] },
        { point: 'bad support', support: 'half', refs: ['C1'] },
        'C2',
        { point: 'refs not a list', support: 'few', refs: 'C1' },
      ],
    });
    expect(final.ok && final.value.positions).toEqual([{ point: 'ok', support: 'most', refs: ['C1'] }]);
    expect(final.ok && final.value.disputed).toEqual(ANSWER.disputed);
  });

  it('streams "about" as it is written and each point only once it is whole', () => {
    const partials = prefixes(ANSWER).map(parsePartialThreadAnswer);
    expect(partials.some((p) => p.about && p.about.length < ANSWER.about.length)).toBe(true);
    // Points only ever appear whole: a ref never shows half written ("C1" of "C12").
    for (const partial of partials) {
      partial.positions.forEach((point, i) => expect(point).toEqual(ANSWER.positions[i]));
      partial.questions.forEach((question, i) => expect(question).toEqual(ANSWER.questions[i]));
    }
    const counts = partials.map((p) => p.positions.length + p.disputed.length + p.sourced.length);
    const firstPoint = counts.findIndex((n) => n > 0);
    expect(firstPoint).toBeGreaterThan(0);
    expect(firstPoint).toBeLessThan(JSON.stringify(ANSWER).indexOf('"disputed"'));
    expect(counts).toEqual([...counts].sort((a, b) => a - b)); // never goes back
    expect(partials.at(-1)).toEqual(ANSWER);
    expect(parsePartialThreadAnswer('Sure! Here is')).toEqual(combineAnswers([]));
  });

  it('drops refs nobody gave (invented, of another part, not refs at all), matching case and padding', () => {
    const clean = cleanAnswer(
      {
        ...ANSWER,
        positions: [
          { point: 'p', support: 'some', refs: [' c3 ', 'C9', 'P1', 'https://evil.example', 'C3', 'C1'] },
        ],
      },
      GIVEN,
    );
    expect(clean.positions[0]!.refs).toEqual(['C3', 'C1']);
    const digest = digestFromAnswer(
      { ...ANSWER, sourced: [{ point: 's', refs: ['C7', 'C2'] }] },
      new Map([...KEYS].slice(0, 2)),
    );
    expect(digest.sourced).toEqual([{ point: 's', posts: ['hackernews:2'] }]);
    expect(digest.positions[0]!.posts).toEqual(['hackernews:1']);
  });

  it('caps points, refs and texts to what a digest may hold', () => {
    const many = Array.from({ length: 40 }, (_, i) => `C${i + 1}`);
    // Emoji are two UTF-16 units each, which is what the digest's schema counts.
    const long = 'word 😀 '.repeat(1_000);
    const answer: ThreadAnswer = {
      about: long,
      positions: Array.from({ length: 20 }, () => ({ point: long, support: 'many' as const, refs: many })),
      disputed: Array.from({ length: 20 }, () => ({ claim: long, sides: long, refs: many })),
      sourced: Array.from({ length: 20 }, () => ({ point: long, refs: many })),
      questions: Array.from({ length: 20 }, () => ({ question: long, refs: many })),
    };
    const keys = new Map(many.map((ref) => [ref, `reddit:${ref}`]));
    const digest = digestFromAnswer(answer, keys);
    expect(digest.positions).toHaveLength(DIGEST_POINTS_MAX);
    expect(digest.questions).toHaveLength(DIGEST_POINTS_MAX);
    expect(digest.positions[0]!.posts).toHaveLength(DIGEST_REFS_MAX);
    expect(digest.disputed[0]!.sides.length).toBeLessThanOrEqual(DIGEST_TEXT_MAX);
    expect(digest.disputed[0]!.sides.length).toBeGreaterThan(DIGEST_TEXT_MAX - 4);
    expect(digest.about.endsWith('…')).toBe(true);
    // The caps are the contract's: the digest passes its schema (a text one longer would not).
    expect(digestSchema.safeParse(digest).success).toBe(true);
    const over: Digest = { ...digest, about: 'x'.repeat(DIGEST_TEXT_MAX + 1) };
    expect(digestSchema.safeParse(over).success).toBe(false);
  });

  it('maps a kept digest back to refs, leaving out posts no longer on the page', () => {
    const digest = digestFromAnswer(ANSWER, KEYS);
    const refOfKey = new Map([
      ['hackernews:3', 'C1'],
      ['hackernews:1', 'C5'],
    ]);
    const again = answerFromDigest(digest, refOfKey);
    expect(again.positions.map((p) => p.refs)).toEqual([['C5', 'C1'], []]);
    expect([...citedRefs(again)].sort()).toEqual(['C1', 'C5']);
  });

  it('combines parts in code: every part shows, positions most widely held first, within the caps', () => {
    const part = (n: number, support: 'most' | 'few'): ThreadAnswer => ({
      about: n === 1 ? '' : `About part ${n}`,
      positions: Array.from({ length: 4 }, (_, i) => ({ point: `P${n}.${i}`, support, refs: [`C${n}`] })),
      disputed: [],
      sourced: Array.from({ length: 5 }, (_, i) => ({ point: `S${n}.${i}`, refs: [] })),
      questions: [],
    });
    const combined = combineAnswers([part(1, 'few'), part(2, 'most'), part(3, 'few')]);
    expect(combined.about).toBe('About part 2');
    expect(combined.positions).toHaveLength(DIGEST_POINTS_MAX);
    expect(combined.positions.slice(0, 4).every((p) => p.support === 'most')).toBe(true);
    expect(combined.positions.slice(4).map((p) => p.point)).toEqual(['P1.0', 'P3.0']);
    expect(combined.sourced.map((s) => s.point)).toEqual(['S1.0', 'S2.0', 'S3.0', 'S1.1', 'S2.1', 'S3.1']);
  });

  it('gives strict mode a closed schema with every property required', () => {
    const walk = (schema: Record<string, unknown>): void => {
      if (schema.type === 'object') {
        expect(schema.additionalProperties).toBe(false);
        expect(schema.required).toEqual(Object.keys(schema.properties as object));
        Object.values(schema.properties as Record<string, Record<string, unknown>>).forEach(walk);
      }
      if (schema.type === 'array') walk(schema.items as Record<string, unknown>);
    };
    walk(threadAnswerJsonSchema);
    expect(JSON.stringify(threadAnswerJsonSchema)).not.toMatch(/maxLength|maxItems|default/);
  });
});
