import { describe, expect, it } from 'vitest';
import { contentWords, SEARCH_CHARS_MAX, SEARCH_WORDS_MAX, searchTerms } from './search-terms';

describe('searchTerms', () => {
  it.each([
    [
      'URLs, mentions, emoji and quote marks go; hashtags keep their words',
      '@fulano 🚨 “Vacina da Pfizer” altera o DNA, diz estudo https://t.co/abc123 #VacinaMata 😱😱',
      'Vacina Pfizer altera DNA diz estudo Mata',
    ],
    [
      'stop words go (pt)',
      'O presidente disse que a inflação de 2023 foi a menor da história',
      'presidente disse inflação 2023 menor história',
    ],
    [
      'stop words go (en)',
      'The minister said that the tax will be cut by 10% in June',
      'minister said tax cut 10% June',
    ],
    [
      'stop words go (es)',
      'El gobierno de Milei dijo que la inflación bajó un 50%',
      'gobierno Milei dijo inflación bajó 50%',
    ],
    [
      'numbers keep their separators',
      'O Brasil tem 3.000 casos e R$ 1,5 bilhão gasto',
      'Brasil 3.000 casos 1,5 bilhão gasto',
    ],
    ['bare links with a path go', 'Leia em g1.globo.com/politica/noticia/2024 agora', 'Leia'],
  ])('%s', (_what, text, query) => {
    expect(searchTerms(text)).toBe(query);
  });

  it('prefers names and numbers when the post is long, keeping the post order', () => {
    const text =
      'Segundo informações divulgadas ontem por vários veículos importantes, o Supremo Tribunal Federal ' +
      'decidiu liberar pagamentos atrasados de aposentadorias para 2 milhões de pessoas em São Paulo, ' +
      'conforme revelou o ministro Alexandre de Moraes numa entrevista longa e detalhada';
    const query = searchTerms(text);
    expect(query.split(' ')).toHaveLength(SEARCH_WORDS_MAX);
    expect(query).toBe('informações divulgadas Supremo Tribunal Federal 2 São Paulo Alexandre Moraes');
  });

  it('does not take a capital that only starts a sentence for a name', () => {
    const text =
      'aumento absurdo do combustível, gasolina, diesel e etanol no posto, preço do litro hoje cedo. ' +
      'Falaram mal da Petrobras';
    const query = searchTerms(text);
    expect(query).toContain('Petrobras');
    expect(query).not.toContain('Falaram');
  });

  it('treats a post in capitals as if it had no names', () => {
    expect(searchTerms('URGENTE!!! LULA VAI CONFISCAR A POUPANÇA DE TODOS')).toBe('LULA CONFISCAR POUPANÇA');
  });

  it('counts acronyms as names even at the start of a sentence', () => {
    const words = 'STF decide hoje sobre marco temporal terras indígenas votação plenário ministros relator';
    expect(searchTerms(words + ' sessão extra')).toContain('STF');
  });

  it('caps the characters too', () => {
    const text = Array.from({ length: 10 }, (_, i) => `Palavraextremamentecomprida${i}`).join(' ');
    const query = searchTerms(text);
    expect(query.length).toBeLessThanOrEqual(SEARCH_CHARS_MAX);
    expect(query.split(' ').length).toBe(4);
  });

  it('gives an empty query for a post with nothing to search', () => {
    expect(searchTerms('')).toBe('');
    expect(searchTerms('kkkkkkk 😂😂 @alguem https://x.com/a rsrsrs HAHAHA jajaja')).toBe('');
  });

  it('repeated words count once', () => {
    expect(searchTerms('Vacina vacina VACINA funciona')).toBe('Vacina funciona');
  });
});

describe('contentWords', () => {
  it('lists normalised content words', () => {
    expect(contentWords('A vacina NÃO causa autismo, diz a OMS')).toEqual([
      'vacina',
      'causa',
      'autismo',
      'diz',
      'oms',
    ]);
  });
});
