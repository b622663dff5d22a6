// @vitest-environment node
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLASSIFICATIONS } from '../../utils/core/note-schema';
import { parseDataset } from './datasets';
import { LABEL_MAP, mapRating, normaliseRating } from './label-map';

const FACTCKBR = fileURLToPath(new URL('../../../shared/eval/factckbr.tsv', import.meta.url));

describe('label map', () => {
  it('maps every FACTCK.BR rating to the class it is documented to count as', () => {
    // The table, restated: changing a mapping must be deliberate (it changes every score).
    const expected = {
      Falso: 'false',
      Verdadeiro: 'accurate',
      Exagerado: 'misleading',
      Distorcido: 'misleading',
      Subestimado: 'misleading',
      'Sem contexto': 'needs_context',
      'Verdadeiro, mas': 'needs_context',
      Discutível: 'needs_context',
      Impreciso: 'needs_context',
      'Impossível provar': 'unverifiable',
      Insustentável: 'unverifiable',
      'Ainda é cedo para dizer': 'unverifiable',
      'De olho': 'unverifiable',
      Outros: null,
      '': null,
    };
    expect(Object.fromEntries(Object.keys(expected).map((rating) => [rating, mapRating(rating)]))).toEqual(
      expected,
    );
  });

  it('maps AVeriTeC labels and Footnote’s own classifications', () => {
    expect(mapRating('Supported')).toBe('accurate');
    expect(mapRating('Refuted')).toBe('false');
    expect(mapRating('Not Enough Evidence')).toBe('unverifiable');
    expect(mapRating('Conflicting Evidence/Cherrypicking')).toBe('needs_context');
    for (const c of CLASSIFICATIONS) expect(mapRating(c)).toBe(c);
  });

  it('ignores case, accents and spacing; unknown ratings are undefined, not a class', () => {
    expect(mapRating('FALSO')).toBe('false');
    expect(mapRating('falso')).toBe('false');
    expect(mapRating('impossivel provar')).toBe('unverifiable');
    expect(mapRating('  Sem   contexto ')).toBe('needs_context');
    expect(mapRating('DISCUTIVEL')).toBe('needs_context');
    expect(mapRating('needs context')).toBe('needs_context');
    expect(mapRating('Pinóquio')).toBeUndefined();
    expect(normaliseRating('Impossível  Provar')).toBe('impossivel provar');
  });

  it('lists each rating once and only maps to Footnote classifications', () => {
    const keys = LABEL_MAP.map((m) => normaliseRating(m.rating));
    expect(new Set(keys).size).toBe(keys.length);
    for (const m of LABEL_MAP) expect([...CLASSIFICATIONS, null]).toContain(m.classification);
  });

  it.skipIf(!existsSync(FACTCKBR))(
    `covers every distinct rating in ../shared/eval/factckbr.tsv (skipped when the file is not at ${FACTCKBR})`,
    () => {
      const { rows } = parseDataset(readFileSync(FACTCKBR, 'utf8'), 'tsv');
      const ratings = [...new Set(rows.map((r) => r.label))];
      expect(ratings.length).toBeGreaterThan(10);
      const unknown = ratings.filter((r) => mapRating(r) === undefined);
      expect(unknown).toEqual([]);
      // Only the ratings that carry no verdict stay unscored.
      const unscored = ratings.filter((r) => mapRating(r) === null).sort();
      expect(unscored).toEqual(['', 'outros']);
    },
  );
});
