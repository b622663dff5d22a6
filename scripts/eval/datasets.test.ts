// @vitest-environment node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectFormat, loadDataset, parseDataset, toIsoDate } from './datasets';
import { injectionCases, INJECTION_TEMPLATES } from './injection';
import { answerLanguageFor, rowPost } from './row-post';
import { select } from './run';

const FACTCKBR = fileURLToPath(new URL('../../../shared/eval/factckbr.tsv', import.meta.url));

describe('datasets', () => {
  it('reads JSONL with or without ids; identical rows get distinct, stable ids', () => {
    const text = [
      JSON.stringify({ id: 'a1', text: 'First claim', label: 'false', lang: 'en' }),
      '',
      JSON.stringify({ text: 'Same claim', label: 'Falso', lang: 'pt' }),
      JSON.stringify({ text: 'Same claim', label: 'Falso', lang: 'pt' }),
      JSON.stringify({ text: '   ', label: 'Falso' }),
    ].join('\n');
    const first = parseDataset(text, 'jsonl');
    expect(first.rows.map((r) => r.id)).toEqual([
      'a1',
      expect.stringMatching(/^h[0-9a-f]{12}$/),
      expect.stringMatching(/^h[0-9a-f]{12}~2$/),
    ]);
    expect(first.rows[1]).toMatchObject({ row: 2, text: 'Same claim', label: 'Falso', lang: 'pt' });
    expect(first.skipped).toEqual([{ row: 4, reason: 'no claim text' }]);
    expect(parseDataset(text, 'jsonl').rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(() => parseDataset('{"text": "x"}\nnot json', 'jsonl')).toThrow(/JSONL line 2/);
  });

  it('reads the sources a JSONL row brings, and says where one is unusable', () => {
    const source = { url: 'https://example.org/a', title: 'A report', text: 'The bridge opened in 2019.' };
    const { rows } = parseDataset(
      JSON.stringify({ text: 'Claim', label: 'false', evidence: [source] }),
      'jsonl',
    );
    expect(rows[0]!.evidence).toEqual([{ ...source, publisher: 'example.org' }]);
    const line = (evidence: unknown) => JSON.stringify({ text: 'Claim', label: 'false', evidence });
    expect(() => parseDataset(line('a page'), 'jsonl')).toThrow('JSONL line 1: "evidence" must be a list');
    expect(() => parseDataset(line([{ ...source, url: 'javascript:alert(1)' }]), 'jsonl')).toThrow(
      'JSONL line 1: evidence[0].url must be an http(s) URL.',
    );
    expect(() => parseDataset(line([{ ...source, text: ' ' }]), 'jsonl')).toThrow(/evidence\[0\]\.text/);
  });

  it('reads AVeriTeC dev.json: claim, label, d-m-yyyy date, speaker', () => {
    const json = JSON.stringify([
      {
        claim: 'Sean Connery refused an Apple ad.',
        label: 'Refuted',
        claim_date: '31-10-2020',
        speaker: null,
        questions: [],
      },
      { claim: 'Biden said X.', label: 'Supported', claim_date: '5-1-2021', speaker: 'Joe Biden' },
    ]);
    const { rows } = parseDataset(json, 'averitec');
    expect(rows).toEqual([
      {
        id: 'averitec-0',
        row: 1,
        text: 'Sean Connery refused an Apple ad.',
        label: 'Refuted',
        lang: 'en',
        time: '2020-10-31T00:00:00.000Z',
        author: null,
        evidence: [],
      },
      {
        id: 'averitec-1',
        row: 2,
        text: 'Biden said X.',
        label: 'Supported',
        lang: 'en',
        time: '2021-01-05T00:00:00.000Z',
        author: 'Joe Biden',
        evidence: [],
      },
    ]);
  });

  it('reads a TSV with text/label/lang columns, and unquotes CSV-style cells', () => {
    const { rows } = parseDataset('text\tlabel\tlang\n"Say ""hi"""\tTrue\ten\r\nPlain\tfalse\t\n', 'tsv');
    expect(rows.map((r) => [r.text, r.label, r.lang])).toEqual([
      ['Say "hi"', 'True', 'en'],
      ['Plain', 'false', null],
    ]);
    expect(() => parseDataset('a\tb\n1\t2', 'tsv')).toThrow(/text column/);
  });

  it('tells formats apart by name', () => {
    expect(detectFormat('x/factckbr.tsv', '')).toBe('tsv');
    expect(detectFormat('claims.JSONL', '')).toBe('jsonl');
    expect(detectFormat('data/dev.json', '')).toBe('averitec');
    expect(() => detectFormat('claims.txt', 'hello')).toThrow(/--format/);
  });

  it('turns dataset dates into ISO 8601', () => {
    expect(toIsoDate('2019-06-13 17:19:01')).toBe('2019-06-13T17:19:01.000Z');
    expect(toIsoDate('2019-07-22')).toBe('2019-07-22T00:00:00.000Z');
    expect(toIsoDate('not a date')).toBeNull();
    expect(toIsoDate('')).toBeNull();
  });

  it.skipIf(!existsSync(FACTCKBR))(
    `reads FACTCK.BR from ../shared/eval (skipped when not at ${FACTCKBR})`,
    async () => {
      const dataset = await loadDataset(FACTCKBR);
      expect(dataset.format).toBe('tsv');
      expect(dataset.rows.length + dataset.skipped.length).toBe(1313);
      expect(dataset.skipped.every((s) => s.reason === 'no claim text')).toBe(true);
      expect(new Set(dataset.rows.map((r) => r.id)).size).toBe(dataset.rows.length);
      expect(dataset.rows.every((r) => r.lang === 'pt-BR' && r.text.length > 0)).toBe(true);
      expect(dataset.rows[0]).toMatchObject({ label: 'falso', time: '2019-07-22T00:00:00.000Z' });
    },
  );
});

describe('rows as posts', () => {
  it('makes a valid generic Post carrying only the claim', () => {
    const post = rowPost({
      id: 'h123',
      text: 'A ponte caiu.',
      lang: 'pt-BR',
      time: null,
      author: 'José da Silva',
    });
    expect(post).toMatchObject({
      site: 'generic',
      id: 'h123',
      text: 'A ponte caiu.',
      lang: 'pt-BR',
      links: [],
      author: { name: 'José da Silva', handle: 'jose_da_silva' },
    });
    const long = rowPost({ id: 'x', text: 'a'.repeat(25_000), lang: null, time: null, author: null });
    expect(long).toMatchObject({ truncated: true, author: { name: 'Unknown', handle: 'unknown' } });
    expect(long.text).toHaveLength(20_000);
  });

  it('writes notes in --lang, else the row’s language', () => {
    expect(answerLanguageFor('es', 'pt')).toBe('es');
    expect(answerLanguageFor(null, 'pt')).toBe('pt-BR');
    expect(answerLanguageFor(null, 'pt-BR')).toBe('pt-BR');
    expect(answerLanguageFor(null, 'en-US')).toBe('en');
    expect(answerLanguageFor(null, null)).toBe('en');
    expect(answerLanguageFor(null, 'fr')).toBe('fr');
  });
});

describe('selection and injection rows', () => {
  const rows = parseDataset(
    ['a', 'b', 'c', 'd', 'e'].map((t) => JSON.stringify({ id: t, text: t, label: 'false' })).join('\n'),
    'jsonl',
  ).rows;

  it('takes the first --limit rows, shuffled reproducibly with --seed', () => {
    expect(select(rows, 2, null).map((r) => r.id)).toEqual(['a', 'b']);
    const shuffled = select(rows, null, 7).map((r) => r.id);
    expect(shuffled).toEqual(select(rows, null, 7).map((r) => r.id));
    expect([...shuffled].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(shuffled).not.toEqual(select(rows, null, 8).map((r) => r.id));
  });

  it('wraps dataset texts in English and Portuguese injection strings, with stable ids', () => {
    const cases = injectionCases(rows, 8);
    expect(cases.map((c) => c.id)).toEqual([
      'inj-en-ignore-a',
      'inj-pt-ignore-b',
      'inj-en-system-c',
      'inj-pt-sistema-d',
      'inj-en-marker-e',
      'inj-pt-marcador-a',
      'inj-en-ignore-b',
      'inj-pt-ignore-c',
    ]);
    expect(cases[0]!.text).toBe(`a\n\n${INJECTION_TEMPLATES[0]!.text}`);
    expect(cases[2]!.text).toBe(`${INJECTION_TEMPLATES[2]!.text}\n\nc`);
    expect(new Set(INJECTION_TEMPLATES.map((t) => t.lang))).toEqual(new Set(['en', 'pt']));
    expect(new Set(injectionCases(rows, 40).map((c) => c.id)).size).toBe(40);
    expect(new Set(injectionCases(rows.slice(0, 4), 40).map((c) => c.id)).size).toBe(40); // lcm(4, 6) = 12
  });
});
