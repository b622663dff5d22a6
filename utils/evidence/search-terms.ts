/**
 * A search query from a post's text, without a model: the words a fact-check, a Wikipedia
 * article or a web page about the same thing would also contain.
 */

/** Search APIs rank worse with long queries; a post's gist fits in this. */
export const SEARCH_WORDS_MAX = 10;
export const SEARCH_CHARS_MAX = 120;

// Normalised (lower case, no accents). Social-media filler words are included.
const STOP_WORDS = new Set(
  [
    // pt
    'a o as os um uma uns umas de do da dos das em no na nos nas num numa por pelo pela pelos pelas',
    'para pra pro com sem sob sobre entre contra ate e ou mas nem que se como quando onde porque pois',
    'ja nao sim tambem muito muita muitos muitas mais menos so ser foi era sao sera seria estar esta',
    'estao estava esse essa esses essas este estes estas isso isto aquele aquela aquilo eu tu ele ela',
    'vos eles elas voce voces meu minha meus minhas seu sua seus suas nosso nossa dele dela deles',
    'delas lhe lhes me te ter tem tinha teve ha havia vai vao fazer faz fez todo toda todos todas',
    'tudo nada algo alguem ninguem outro outra outros outras mesmo mesma qual quais quem aqui ali la',
    'ai segundo conforme agora hoje ontem entao assim ainda sempre nunca bem apenas ao aos tipo gente',
    'ne ta to vc vcs pq q tb tbm rs urgente compartilhe compartilhem repassem vejam olha veja',
    // en
    'an the and or but if then so of to in on at by for with from into about as is are was were be',
    'been being am do does did have has had will would can could should may might must this that',
    'these those it its i you he she we they him her us them my your his our their what which who',
    'whom whose when where why how not yes all any some each every most other such only own same than',
    'too very just also there here now up down out over under again once because while during before',
    'after above below through until against off rt via lol omg breaking thread share please',
    // es
    'el la los las un una unos unas de del en que no se por al para con sin sobre hasta desde y u',
    'pero ni como cuando donde pues si muy solo es fue son estan esa esos eso esto aquel yo usted',
    'ustedes mi mis nuestro le les lo han hay habia van hacer hace hizo nadie cual cuales quien alli',
    'ahora hoy ayer asi aun siempre comparte compartan',
  ]
    .join(' ')
    .split(' '),
);

const URL_LIKE = /\bhttps?:\/\/\S+|\bwww\.\S+|\b(?:[a-z\d-]+\.)+[a-z]{2,}\/\S*/giu;
// Mentions: @user, @user.bsky.social, @user@instance.
const MENTION = /@[\p{L}\p{N}_.@-]+/gu;
const HASHTAG = /#([\p{L}\p{N}_]+)/gu;
// Pictographs, flags, skin tones, and the joiners, variation selectors and keycaps around them.
const EMOJI =
  /\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{Emoji_Modifier}|\u{200d}|\u{fe0f}|\u{20e3}/gu;
// A word, a name with an apostrophe (d'água) or hyphen (covid-19), or a number (3.000, 1,5, 40%).
const WORD = /[\p{L}\p{N}]+(?:['’.,-][\p{L}\p{N}]+)*%?/gu;
const SENTENCE_END = /[.!?:;…\n]/;
/** Laughter in any length: kkkk, hahaha, rsrs, jajaja, hehe. */
const LAUGHTER = /^(?:k{3,}|(?:ha)+h?|(?:ja)+j?|(?:he)+h?|(?:rs)+)$/;

interface Token {
  text: string;
  key: string;
  /** First word of the post or after a sentence's end: a capital there proves nothing. */
  sentenceStart: boolean;
}

interface Word {
  text: string;
  /** Lower case without accents, for comparisons. */
  key: string;
  /** 2: a name or a number; 1: another content word. */
  weight: number;
}

/** Lower case, accents removed: how words are compared. */
export function wordKey(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The query: names (capitalised words that do not merely start a sentence, acronyms) and
 * numbers first, then other content words, in the post's order; '' when nothing is left.
 */
export function searchTerms(text: string, maxWords = SEARCH_WORDS_MAX): string {
  const words = contentWordsOf(text);
  const chosen = new Set(
    [...words]
      .sort((a, b) => b.weight - a.weight) // stable: the post's order within a weight
      .slice(0, maxWords),
  );
  let query = '';
  for (const word of words) {
    if (!chosen.has(word)) continue;
    const longer = query === '' ? word.text : `${query} ${word.text}`;
    if (longer.length > SEARCH_CHARS_MAX) break;
    query = longer;
  }
  return query;
}

/** The post's distinct content words, normalised (lower case, no accents, no stop words). */
export function contentWords(text: string): string[] {
  return contentWordsOf(text).map((word) => word.key);
}

function contentWordsOf(text: string): Word[] {
  const cleaned = text
    .replace(URL_LIKE, ' ')
    .replace(MENTION, ' ')
    .replace(HASHTAG, (_tag, name: string) => name.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').replace(/_/g, ' '))
    .replace(EMOJI, ' ');
  const tokens: Token[] = [];
  let end = 0;
  for (const match of cleaned.matchAll(WORD)) {
    const gap = cleaned.slice(end, match.index);
    tokens.push({
      text: match[0],
      key: wordKey(match[0]),
      sentenceStart: end === 0 || SENTENCE_END.test(gap),
    });
    end = match.index + match[0].length;
  }
  const lettered = tokens.filter((token) => /\p{L}{2}/u.test(token.text));
  // In a post written in capitals, capitals say nothing about names.
  const shouting = lettered.length > 0 && lettered.filter(isUpperCase).length / lettered.length >= 0.6;
  const namesMidSentence = new Set(
    tokens.filter((t) => isCapitalised(t) && !t.sentenceStart).map((t) => t.key),
  );

  const words = new Map<string, Word>();
  tokens.forEach((token, i) => {
    const isNumber = /\p{N}/u.test(token.text);
    const next = tokens[i + 1];
    const startsName =
      next !== undefined && !next.sentenceStart && isCapitalised(next) && !STOP_WORDS.has(next.key);
    // "São Paulo", "Los Angeles": a stop word in capitals mid-sentence, before a name, is part of it.
    const inName = !shouting && !token.sentenceStart && isCapitalised(token) && startsName;
    const filler = STOP_WORDS.has(token.key) || LAUGHTER.test(token.key) || Array.from(token.key).length < 2;
    if (!isNumber && !inName && filler) return;
    const isName =
      !shouting &&
      isCapitalised(token) &&
      (!token.sentenceStart || isAcronym(token) || namesMidSentence.has(token.key) || startsName);
    const weight = isNumber || isName ? 2 : 1;
    const seen = words.get(token.key);
    if (seen) seen.weight = Math.max(seen.weight, weight);
    else words.set(token.key, { text: token.text, key: token.key, weight });
  });
  return [...words.values()];
}

function isCapitalised(token: Token): boolean {
  return /^\p{Lu}/u.test(token.text);
}

function isUpperCase(token: Token): boolean {
  return token.text === token.text.toUpperCase();
}

/** STF, OMS, NASA: short words in capitals. */
function isAcronym(token: Token): boolean {
  return isUpperCase(token) && /^\p{L}{2,6}$/u.test(token.text);
}
