import { describe, expect, it } from 'vitest';
import { isoDate, languageSubtag, plainText } from './api-fields';

describe('plainText', () => {
  it.each([
    ['<span class="searchmatch">Lula</span> viajou', 'Lula viajou'],
    ['<strong>Moraes</strong>.', 'Moraes.'],
    ['<p>um</p><p>dois</p>', 'um dois'],
    ['<img src=x onerror=alert(1)>texto', 'texto'],
    ['a < b e c > d', 'a < b e c > d'],
    ['&lt;script&gt;alert(1)&lt;/script&gt;', '<script>alert(1)</script>'],
    ['&amp;lt;', '&lt;'],
    ['Informa&ccedil;&atilde;o &Eacute; p&uacute;blica', 'Informação É pública'],
    ['&#8220;aspas&#x201D; &#128512;', '“aspas” 😀'],
    ['&bogus; &#0; &#x110000;', '&bogus; &#0; &#x110000;'],
    ['abc\u202edef\u0000 \n\t ghi', 'abcdef ghi'],
    ['<!-- comentário -->visível', 'visível'],
  ])('%j → %j', (markup, text) => {
    expect(plainText(markup)).toBe(text);
  });
});

describe('isoDate', () => {
  it.each([
    ['2024-03-12T09:00:00Z', '2024-03-12T09:00:00.000Z'],
    ['2024-03-12T09:00:00', '2024-03-12T09:00:00.000Z'],
    ['Tue, 12 Mar 2024 09:00:00 GMT', '2024-03-12T09:00:00.000Z'],
    ['', null],
    ['yesterday', null],
  ])('%j → %j', (value, iso) => {
    expect(isoDate(value)).toBe(iso);
  });
});

describe('languageSubtag', () => {
  it.each([
    ['pt-BR', 'pt'],
    ['pt_BR', 'pt'],
    ['EN', 'en'],
    ['evil.example/x', null],
    ['', null],
    [null, null],
  ])('%j → %j', (tag, subtag) => {
    expect(languageSubtag(tag)).toBe(subtag);
  });
});
