import type { Verdict } from '../core/note-schema';
import { wordKey } from './search-terms';

/**
 * Fact-checkers' rating labels (Portuguese, English, Spanish), normalised: lower case, no
 * accents, no punctuation. Sources: the scales of Lupa, Aos Fatos, Estadão Verifica, Comprova,
 * G1 Fato ou Fake, AFP Checamos/Factual, PolitiFact, Snopes, The Washington Post, Chequeado,
 * ColombiaCheck, Maldita, Newtral.
 */
const RATING_PHRASES: Record<Verdict, readonly string[]> = {
  refuted: [
    // pt
    'falso',
    'fake',
    'boato',
    'mentira',
    'nao e verdade',
    'nao e verdadeiro',
    'montagem', // a doctored image or video: what it shows did not happen
    'adulterado',
    'manipulado',
    'atribuicao falsa',
    // en
    'false',
    'mostly false', // PolitiFact: an element of truth, but the point is wrong
    'pants on fire',
    'incorrect',
    'wrong',
    'hoax',
    'fabricated',
    'fabricated content',
    'scam',
    'not true',
    'altered',
    'altered photo',
    'altered video',
    'altered image',
    'doctored',
    'manipulated',
    'deepfake',
    'misattributed',
    'incorrect attribution',
    'three pinocchios', // The Washington Post: "significant factual errors"
    '3 pinocchios',
    'four pinocchios',
    '4 pinocchios',
    // es
    'bulo',
    'no es cierto',
    'no es verdad',
    'montaje',
    'alterado',
  ],
  misleading: [
    // pt
    'enganoso',
    'distorcido',
    'exagerado',
    'subestimado', // Lupa: the real figure is worse than said
    'impreciso',
    'verdadeiro mas',
    'nao e bem assim',
    'sem contexto',
    'fora de contexto',
    'falta contexto',
    'descontextualizado',
    'contextualizando', // Comprova: true but needs context
    'parcialmente falso',
    'parcialmente verdadeiro',
    'meia verdade',
    // en
    'misleading',
    'missing context',
    'needs context',
    'lacks context',
    'out of context',
    'half true',
    'mixture',
    'partly false',
    'partially false',
    'partly true',
    'partially true',
    'exaggerated',
    'exaggeration',
    'miscaptioned',
    'outdated',
    'cherry picks',
    'distorts the facts',
    'spins the facts',
    'one pinocchio',
    '1 pinocchio',
    'two pinocchios',
    '2 pinocchios',
    // es (falso, exagerado, impreciso, enganoso… are shared with pt)
    'verdadero pero',
    'verdad a medias',
    'cuestionable', // ColombiaCheck: not false, but the conclusion is debatable
    'discutible',
    'sin contexto',
    'fuera de contexto',
    'falta de contexto',
    'parcialmente cierto',
  ],
  supported: [
    // pt
    'verdadeiro',
    'verdade',
    'correto',
    'comprovado',
    // en
    'true',
    'mostly true', // PolitiFact: accurate, needs clarification
    'correct',
    'accurate',
    'correct attribution',
    'geppetto checkmark',
    // es
    'verdadero',
    'cierto',
    'correcto',
  ],
  unverifiable: [
    // pt
    'insustentavel', // Lupa, Aos Fatos: no public data backs it
    'ainda e cedo para dizer',
    'nao comprovado',
    'sem provas',
    'sem evidencias',
    'inconclusivo',
    'contraditorio', // the source contradicts itself: says nothing on whether the claim is true
    // en
    'unproven',
    'unverified',
    'unsupported',
    'unsubstantiated',
    'unfounded',
    'no evidence',
    'research in progress',
    'inconclusive',
    // es
    'sin evidencia',
    'sin evidencias',
    'sin pruebas',
    'inchequeable', // Chequeado: no data to check it with
    'insostenible',
    'no verificable',
    'apresurado', // Chequeado: too early to say
  ],
  not_checkable: [
    // pt
    'satira',
    'humor',
    'opiniao',
    'de olho', // Lupa: a promise or plan it will follow, nothing to check yet
    // en
    'satire',
    'labeled satire',
    'originated as satire',
    'parody',
    'opinion',
    // es
    'parodia',
    'broma',
  ],
};

/** Labels that are a verdict only when they are the whole rating ("de fato" means "indeed"). */
const WHOLE_RATINGS = new Map<string, Verdict>([
  ['fato', 'supported'], // G1 Fato ou Fake
  ['legit', 'supported'], // Snopes
]);

const PHRASES: ReadonlyArray<readonly [phrase: string, verdict: Verdict]> = (
  Object.entries(RATING_PHRASES) as Array<[Verdict, readonly string[]]>
).flatMap(([verdict, phrases]) => phrases.map((phrase) => [phrase, verdict] as const));

/** Lower case, accents and punctuation gone, single spaces: "É falso!" → "e falso". */
export function normaliseRating(rating: string): string {
  return wordKey(rating)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The verdict a fact-checker's rating means, or null when Footnote does not know the label.
 * The label is found anywhere in the rating ("É falso", "Verdadeiro, mas…"); when several are,
 * the one that starts first wins, then the longest ("Mostly false" over "false", "This is not
 * true" over "true", "Falso: sem provas" is false).
 */
export function ratingVerdict(rating: string): Verdict | null {
  const text = normaliseRating(rating);
  const whole = WHOLE_RATINGS.get(text);
  if (whole) return whole;
  const padded = ` ${text} `;
  let best: { start: number; length: number; verdict: Verdict } | null = null;
  for (const [phrase, verdict] of PHRASES) {
    const start = padded.indexOf(` ${phrase} `);
    if (start < 0) continue;
    if (!best || start < best.start || (start === best.start && phrase.length > best.length)) {
      best = { start, length: phrase.length, verdict };
    }
  }
  return best?.verdict ?? null;
}
