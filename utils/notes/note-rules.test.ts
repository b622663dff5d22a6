import { describe, expect, it } from 'vitest';
import type { Claim, Note } from '../core/note-schema';
import { enforceNoteRules, LOW_CONFIDENCE } from './note-rules';

function claim(overrides: Partial<Claim> = {}): Claim {
  return {
    claim: 'c',
    quote: 'q',
    verdict: 'supported',
    confidence: 0.9,
    basis: 'model_knowledge',
    explanation: 'e',
    citations: [],
    ...overrides,
  };
}

function note(overrides: Partial<Note> = {}): Note {
  return {
    summary: 's',
    classification: 'accurate',
    note: '',
    claims: [],
    detail: '',
    injection_detected: false,
    ...overrides,
  };
}

const NO_EVIDENCE = new Set<string>();

describe('enforceNoteRules', () => {
  it('keeps at most three claims', () => {
    const result = enforceNoteRules(note({ claims: [claim(), claim(), claim(), claim()] }), NO_EVIDENCE);
    expect(result.claims).toHaveLength(3);
  });

  it('caps the note at 280 characters, not counting URLs', () => {
    const long = 'a'.repeat(400);
    expect(Array.from(enforceNoteRules(note({ note: long }), NO_EVIDENCE).note)).toHaveLength(280);
    const withUrl = 'b'.repeat(270) + ' https://example.org/' + 'x'.repeat(50);
    expect(enforceNoteRules(note({ note: withUrl }), NO_EVIDENCE).note).toBe(withUrl);
  });

  it('never cuts an emoji in half', () => {
    const clipped = enforceNoteRules(note({ note: '😀'.repeat(300) }), NO_EVIDENCE).note;
    expect(clipped.endsWith('😀…')).toBe(true);
    expect(clipped).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('caps detail at 840 characters', () => {
    expect(Array.from(enforceNoteRules(note({ detail: 'd'.repeat(900) }), NO_EVIDENCE).detail)).toHaveLength(
      840,
    );
  });

  it('downgrades a weak refutation from model knowledge to unverifiable', () => {
    const weak = claim({ verdict: 'refuted', confidence: LOW_CONFIDENCE - 0.1 });
    const misleading = claim({ verdict: 'misleading', confidence: 0.2, basis: 'none' });
    const result = enforceNoteRules(note({ claims: [weak, misleading] }), NO_EVIDENCE);
    expect(result.claims.map((c) => c.verdict)).toEqual(['unverifiable', 'unverifiable']);
  });

  it('keeps a confident refutation, and one backed by evidence', () => {
    const confident = claim({ verdict: 'refuted', confidence: 0.95 });
    const backed = claim({ verdict: 'refuted', confidence: 0.3, basis: 'evidence', citations: ['E1'] });
    const result = enforceNoteRules(note({ claims: [confident, backed] }), new Set(['E1']));
    expect(result.claims.map((c) => c.verdict)).toEqual(['refuted', 'refuted']);
  });

  it('drops unknown and duplicate citations; evidence citing nothing real is model knowledge', () => {
    const cited = claim({
      verdict: 'refuted',
      confidence: 0.3,
      basis: 'evidence',
      citations: ['E9', 'https://x.y'],
    });
    const result = enforceNoteRules(
      note({ claims: [cited, claim({ citations: ['E1', 'E1', 'E2'] })] }),
      new Set(['E1']),
    );
    expect(result.claims[0]).toMatchObject({
      citations: [],
      basis: 'model_knowledge',
      verdict: 'unverifiable',
    });
    expect(result.claims[1]?.citations).toEqual(['E1']);
  });
});

describe('caps on every model text field', () => {
  it('clips a runaway claim and quote', () => {
    const huge = claim({ claim: 'c'.repeat(10_000), quote: 'q'.repeat(100_000) });
    const [clipped] = enforceNoteRules(note({ claims: [huge] }), NO_EVIDENCE).claims;
    expect(Array.from(clipped!.claim).length).toBe(280);
    expect(Array.from(clipped!.quote).length).toBe(500);
  });
});
