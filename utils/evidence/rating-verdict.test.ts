import { describe, expect, it } from 'vitest';
import type { Verdict } from '../core/note-schema';
import { normaliseRating, ratingVerdict } from './rating-verdict';

const CASES: ReadonlyArray<readonly [rating: string, verdict: Verdict | null]> = [
  // pt
  ['Falso', 'refuted'],
  ['Falso.', 'refuted'],
  ['FALSO', 'refuted'],
  ['É falso', 'refuted'],
  ['#FAKE', 'refuted'],
  ['Fato', 'supported'],
  ['Boato', 'refuted'],
  ['Montagem', 'refuted'],
  ['Não é verdade', 'refuted'],
  ['Distorcido', 'misleading'],
  ['Sem contexto', 'misleading'],
  ['Fora de contexto', 'misleading'],
  ['Falta contexto', 'misleading'],
  ['Exagerado', 'misleading'],
  ['Subestimado', 'misleading'],
  ['Impreciso', 'misleading'],
  ['Enganoso', 'misleading'],
  ['Não é bem assim', 'misleading'],
  ['Verdadeiro, mas…', 'misleading'],
  ['Verdadeiro, mas', 'misleading'],
  ['Parcialmente falso', 'misleading'],
  ['Verdadeiro', 'supported'],
  ['Comprovado', 'supported'],
  ['Insustentável', 'unverifiable'],
  ['Ainda é cedo para dizer', 'unverifiable'],
  ['Contraditório', 'unverifiable'],
  ['Sem provas', 'unverifiable'],
  ['Sátira', 'not_checkable'],
  ['De olho', 'not_checkable'],
  // en
  ['False', 'refuted'],
  ['Mostly false', 'refuted'],
  ['Pants on Fire!', 'refuted'],
  ['Four Pinocchios', 'refuted'],
  ['Altered', 'refuted'],
  ['Altered photo', 'refuted'],
  ['Misattributed', 'refuted'],
  ['This claim is not true.', 'refuted'],
  ['Misleading', 'misleading'],
  ['Missing context', 'misleading'],
  ['Half True', 'misleading'],
  ['Mixture', 'misleading'],
  ['Two Pinocchios', 'misleading'],
  ['Mostly true', 'supported'],
  ['True', 'supported'],
  ['Correct attribution', 'supported'],
  ['Incorrect attribution', 'refuted'],
  ['Unproven', 'unverifiable'],
  ['No evidence', 'unverifiable'],
  ['Satire', 'not_checkable'],
  ['Labeled Satire', 'not_checkable'],
  // es
  ['Falso', 'refuted'],
  ['Bulo', 'refuted'],
  ['Engañoso', 'misleading'],
  ['Verdadero, pero', 'misleading'],
  ['Verdad a medias', 'misleading'],
  ['Cuestionable', 'misleading'],
  ['Exagerado', 'misleading'],
  ['Impreciso', 'misleading'],
  ['Verdadero', 'supported'],
  ['Sin evidencia', 'unverifiable'],
  ['Inchequeable', 'unverifiable'],
  ['Sátira', 'not_checkable'],
  // several labels: the first one wins
  ['Falso: não há provas', 'refuted'],
  ['Enganoso — o vídeo é de 2018', 'misleading'],
  // unknown
  ['', null],
  ['Full Flop', null],
  ['De fato, a foto é antiga', null],
  ['constructor', null],
];

describe('ratingVerdict', () => {
  it.each(CASES)('%j → %s', (rating, verdict) => {
    expect(ratingVerdict(rating)).toBe(verdict);
  });

  it('normalises case, accents and punctuation', () => {
    expect(normaliseRating('  É FALSO!!  ')).toBe('e falso');
    expect(normaliseRating('Não-é bem assim…')).toBe('nao e bem assim');
  });
});
