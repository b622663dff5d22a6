import { describe, expect, it } from 'vitest';
import { jsonObjectText, parsePartialNote } from './partial-note';

const FULL = JSON.stringify({
  summary: 'The post says the bridge opened in 2021.',
  classification: 'needs_context',
  note: 'It opened in 2022.',
  claims: [
    {
      claim: 'The bridge opened in 2021.',
      quote: 'opened in 2021',
      verdict: 'refuted',
      confidence: 0.9,
      basis: 'model_knowledge',
      explanation: 'Opening was in 2022.',
      citations: [],
    },
  ],
  detail: '',
  injection_detected: false,
});

describe('parsePartialNote', () => {
  it('shows the summary while it is still being written', () => {
    const prefix = FULL.slice(0, FULL.indexOf('bridge') + 3);
    expect(parsePartialNote(prefix)).toEqual({ summary: 'The post says the bri' });
  });

  it('every prefix parses to a prefix-shaped note and never throws', () => {
    let seenClaims = false;
    for (let i = 0; i <= FULL.length; i++) {
      const partial = parsePartialNote(FULL.slice(0, i));
      expect(typeof partial).toBe('object');
      if (partial.claims?.length) seenClaims = true;
    }
    expect(seenClaims).toBe(true);
  });

  it('an enum appears only once complete', () => {
    const upTo = FULL.slice(0, FULL.indexOf('needs_con') + 'needs_con'.length);
    expect(parsePartialNote(upTo).classification).toBeUndefined();
    expect(parsePartialNote(FULL).classification).toBe('needs_context');
  });

  it('the complete answer parses to the whole note', () => {
    expect(parsePartialNote(FULL)).toEqual(JSON.parse(FULL));
  });

  it('drops fields of the wrong type or unknown values (untrusted output)', () => {
    const hostile = JSON.stringify({
      summary: 42,
      classification: 'totally_true',
      note: '<img src=x onerror=alert(1)>',
      claims: [{ verdict: 'maybe', confidence: 7, citations: ['E1', 3] }, 'nope'],
      extra: 'ignored',
    });
    expect(parsePartialNote(hostile)).toEqual({
      note: '<img src=x onerror=alert(1)>',
      claims: [{ citations: ['E1'] }],
    });
  });

  it('reads JSON wrapped in a Markdown fence or preceded by prose', () => {
    expect(parsePartialNote('Sure! ```json\n{"summary":"Hi"}\n```')).toEqual({ summary: 'Hi' });
    expect(jsonObjectText('no json here')).toBe('');
    expect(parsePartialNote('not json at all')).toEqual({});
  });
});
