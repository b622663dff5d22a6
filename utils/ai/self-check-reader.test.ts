import { describe, expect, it } from 'vitest';
import { sampleReview } from '../../test-support/self-check-review';
import { SELF_CHECK_REASON_MAX, selfCheckJsonSchema, selfCheckReader } from './self-check-reader';

/** A review as the model might send it: any field may be off (an action in capitals, say). */
const answer = (patch: Record<string, unknown> = {}) => ({ ...sampleReview(), ...patch });

function read(json: unknown, draftHasNote = true) {
  return selfCheckReader(draftHasNote).final(json);
}

describe('self-check reader', () => {
  it('reads a keep, a revision and a withdrawal', () => {
    expect(read(answer())).toEqual({ ok: true, value: answer() });
    const revised = read(
      answer({
        addresses_claim: { pass: false, reason: 'Speculates.' },
        action: 'revise',
        note: '  The bridge opened in 2019.  ',
        reason: 'Removed speculation.',
      }),
    );
    expect(revised).toMatchObject({
      ok: true,
      value: { action: 'revise', note: 'The bridge opened in 2019.' },
    });
    const withdrawn = read(
      answer({
        free_of_harassment: { pass: false, reason: 'Insults.' },
        action: 'withdraw',
        reason: 'Abusive.',
      }),
    );
    expect(withdrawn).toMatchObject({ ok: true, value: { action: 'withdraw', reason: 'Abusive.' } });
  });

  it('accepts an action in another case or padded', () => {
    expect(read(answer({ action: ' KEEP ' }))).toMatchObject({ ok: true, value: { action: 'keep' } });
  });

  it('makes every reason one line and clips it', () => {
    const long = 'word '.repeat(100);
    const result = read(
      answer({
        addresses_claim: { pass: true, reason: 'first\nsecond' },
        action: 'withdraw',
        reason: long,
      }),
    );
    if (!result.ok) throw new Error(result.problem);
    expect(result.value.addresses_claim.reason).toBe('first second');
    expect(Array.from(result.value.reason)).toHaveLength(SELF_CHECK_REASON_MAX);
    expect(result.value.reason.endsWith('…')).toBe(true);
  });

  it('asks for a repair of an answer that does not match the schema', () => {
    expect(read({ action: 'keep' })).toMatchObject({
      ok: false,
      problem: expect.stringContaining('addresses_claim'),
    });
    expect(read(answer({ action: 'publish' }))).toMatchObject({
      ok: false,
      problem: expect.stringContaining('action'),
    });
    expect(read('keep')).toMatchObject({ ok: false });
  });

  it('asks for a repair of an answer that contradicts itself', () => {
    const keptThoughFailed = read(answer({ sources_on_topic: { pass: false, reason: 'Off topic.' } }));
    expect(keptThoughFailed).toMatchObject({
      ok: false,
      problem: expect.stringContaining('sources_on_topic failed'),
    });
    expect(read(answer({ action: 'revise', note: '  ' }))).toMatchObject({
      ok: false,
      problem: expect.stringContaining('revised note text'),
    });
  });

  it('refuses a revision of a draft without note text: the review may not add a note', () => {
    const revision = answer({ action: 'revise', note: 'A note nobody wrote.' });
    expect(read(revision, false)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('no note text'),
    });
    expect(read(answer({ action: 'withdraw', reason: 'x' }), false)).toMatchObject({ ok: true });
  });

  it('has a strict JSON schema: every object closed, every property required', () => {
    const properties = selfCheckJsonSchema.properties as Record<string, Record<string, unknown>>;
    expect(selfCheckJsonSchema.required).toEqual(Object.keys(properties));
    expect(selfCheckJsonSchema.additionalProperties).toBe(false);
    for (const question of ['addresses_claim', 'sources_on_topic', 'free_of_harassment']) {
      expect(properties[question]).toMatchObject({
        required: ['pass', 'reason'],
        additionalProperties: false,
      });
    }
    expect(JSON.stringify(selfCheckJsonSchema)).not.toMatch(/maxLength/);
  });
});
