import * as z from 'zod/mini';
import { clipTextToLength } from '../core/clip-text';
import {
  DIGEST_POINTS_MAX,
  DIGEST_REFS_MAX,
  DIGEST_TEXT_MAX,
  SUPPORT_LEVELS,
  type Digest,
  type SupportLevel,
} from '../core/thread';
import { validated } from './note-reader';
import { isRecord, jsonObjectText, parsePartialObject } from './partial-note';
import type { AnswerReader } from './structured-completion';

/**
 * A digest as the model writes it: points cite comments by their refs (C1…Cn, given in the
 * prompt), never by post keys; code maps the refs it gave to keys (digestFromAnswer).
 */
const refsSchema = z.array(z.string());
const positionSchema = z.object({ point: z.string(), support: z.enum(SUPPORT_LEVELS), refs: refsSchema });
const disputedSchema = z.object({ claim: z.string(), sides: z.string(), refs: refsSchema });
const sourcedSchema = z.object({ point: z.string(), refs: refsSchema });
const questionSchema = z.object({ question: z.string(), refs: refsSchema });

export const threadAnswerSchema = z.object({
  about: z.string(),
  positions: z.array(positionSchema),
  disputed: z.array(disputedSchema),
  sourced: z.array(sourcedSchema),
  questions: z.array(questionSchema),
});
export type ThreadAnswer = z.infer<typeof threadAnswerSchema>;

const SECTIONS = ['positions', 'disputed', 'sourced', 'questions'] as const;
type Section = (typeof SECTIONS)[number];
const ITEM_SCHEMAS = {
  positions: positionSchema,
  disputed: disputedSchema,
  sourced: sourcedSchema,
  questions: questionSchema,
} as const;

/**
 * The answer's outer shape: what a repair is asked for. A missing section reads as empty; each
 * point is then checked on its own, so one bad point costs that point, not the part's digest.
 */
const answerShapeSchema = z.object({
  about: z.string(),
  positions: z._default(z.array(z.unknown()), []),
  disputed: z._default(z.array(z.unknown()), []),
  sourced: z._default(z.array(z.unknown()), []),
  questions: z._default(z.array(z.unknown()), []),
});

const refsJsonSchema = {
  type: 'array',
  items: { type: 'string', description: 'A ref given in the request (C1, C2, ...).' },
};
const textJsonSchema = { type: 'string' };

function itemJsonSchema(properties: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'object',
    properties: { ...properties, refs: refsJsonSchema },
    required: [...Object.keys(properties), 'refs'],
    additionalProperties: false,
  };
}

/**
 * JSON Schema for `response_format: json_schema` (strict: every object closed, every property
 * required). Written out like triage's: strict mode refuses the caps, which code applies.
 */
export const threadAnswerJsonSchema: Record<string, unknown> = {
  type: 'object',
  properties: {
    about: textJsonSchema,
    positions: {
      type: 'array',
      items: itemJsonSchema({
        point: textJsonSchema,
        support: { type: 'string', enum: [...SUPPORT_LEVELS] },
      }),
    },
    disputed: { type: 'array', items: itemJsonSchema({ claim: textJsonSchema, sides: textJsonSchema }) },
    sourced: { type: 'array', items: itemJsonSchema({ point: textJsonSchema }) },
    questions: { type: 'array', items: itemJsonSchema({ question: textJsonSchema }) },
  },
  required: ['about', ...SECTIONS],
  additionalProperties: false,
};

/**
 * Reads a digest answer (a part's, or a merge's). Partials hold only the points that have
 * streamed whole, so a point never shows with a ref still being written ("C1" of "C12").
 */
export const threadReader: AnswerReader<ThreadAnswer, ThreadAnswer> = {
  format: { name: 'footnote_thread_digest', schema: threadAnswerJsonSchema },
  partial: parsePartialThreadAnswer,
  final: (json) => {
    const shape = validated(answerShapeSchema, json);
    return shape.ok ? { ok: true, value: shapeAnswer(shape.value, () => true) } : shape;
  },
};

export const EMPTY_ANSWER: ThreadAnswer = {
  about: '',
  positions: [],
  disputed: [],
  sourced: [],
  questions: [],
};

/** The digest streamed so far: "about" as it is written, then each section's finished points. */
export function parsePartialThreadAnswer(answer: string): ThreadAnswer {
  const value = parsePartialObject(answer);
  if (!value) return EMPTY_ANSWER;
  const keys = Object.keys(value);
  // A point is whole once another has begun after it, once a later key has begun after its
  // section (partial-json keeps keys in the order they streamed), or once the object is closed.
  const closed = isWholeJson(jsonObjectText(answer));
  const sectionDone = (section: Section) => closed || keys.indexOf(section) < keys.length - 1;
  return shapeAnswer(
    { ...value, about: typeof value.about === 'string' ? value.about : '' },
    (section, index, count) => index < count - 1 || sectionDone(section),
  );
}

function isWholeJson(text: string): boolean {
  if (!text.trimEnd().endsWith('}')) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function shapeAnswer(
  raw: Record<string, unknown>,
  whole: (section: Section, index: number, count: number) => boolean,
): ThreadAnswer {
  const answer: ThreadAnswer = { ...EMPTY_ANSWER, about: typeof raw.about === 'string' ? raw.about : '' };
  for (const section of SECTIONS) {
    const items = Array.isArray(raw[section]) ? (raw[section] as unknown[]) : [];
    const kept = items.flatMap((item, index) => {
      if (!whole(section, index, items.length)) return [];
      const parsed = ITEM_SCHEMAS[section].safeParse(withSupportLowercased(item));
      return parsed.success ? [parsed.data] : [];
    });
    Object.assign(answer, { [section]: kept });
  }
  return answer;
}

/** "Most" and "MANY" are what was meant. */
function withSupportLowercased(item: unknown): unknown {
  return isRecord(item) && typeof item.support === 'string'
    ? { ...item, support: item.support.trim().toLowerCase() }
    : item;
}

/**
 * The answer as code keeps it: refs nobody gave dropped (an invented or mistyped ref, a ref of
 * another part), each ref once, at most DIGEST_REFS_MAX per point; at most DIGEST_POINTS_MAX
 * points per section; every text clipped. Refs are matched in any case and padding ("c12 ").
 */
export function cleanAnswer(answer: ThreadAnswer, given: ReadonlySet<string>): ThreadAnswer {
  const refs = (list: string[]) =>
    [...new Set(list.map(normalRef))].filter((ref) => given.has(ref)).slice(0, DIGEST_REFS_MAX);
  const text = (value: string) => clipTextToLength(value.trim(), DIGEST_TEXT_MAX);
  const points = <T>(items: T[], clean: (item: T) => T) => items.slice(0, DIGEST_POINTS_MAX).map(clean);
  return {
    about: text(answer.about),
    positions: points(answer.positions, (p) => ({
      point: text(p.point),
      support: p.support,
      refs: refs(p.refs),
    })),
    disputed: points(answer.disputed, (d) => ({
      claim: text(d.claim),
      sides: text(d.sides),
      refs: refs(d.refs),
    })),
    sourced: points(answer.sourced, (s) => ({ point: text(s.point), refs: refs(s.refs) })),
    questions: points(answer.questions, (q) => ({ question: text(q.question), refs: refs(q.refs) })),
  };
}

function normalRef(ref: string): string {
  return ref.trim().toUpperCase();
}

/** Every ref an answer cites. */
export function citedRefs(answer: ThreadAnswer): Set<string> {
  return new Set(SECTIONS.flatMap((section) => answer[section].flatMap((item) => item.refs)));
}

/** The digest as it is shown and kept: refs become post keys; a ref without a key is dropped. */
export function digestFromAnswer(answer: ThreadAnswer, keyOfRef: ReadonlyMap<string, string>): Digest {
  const posts = (refs: string[]) => refs.flatMap((ref) => keyOfRef.get(normalRef(ref)) ?? []);
  const clean = cleanAnswer(answer, new Set(keyOfRef.keys()));
  return {
    about: clean.about,
    positions: clean.positions.map(({ refs, ...p }) => ({ ...p, posts: posts(refs) })),
    disputed: clean.disputed.map(({ refs, ...d }) => ({ ...d, posts: posts(refs) })),
    sourced: clean.sourced.map(({ refs, ...s }) => ({ ...s, posts: posts(refs) })),
    questions: clean.questions.map(({ refs, ...q }) => ({ ...q, posts: posts(refs) })),
  };
}

/** A kept digest back in the model's terms (an update's previous digest); posts gone are dropped. */
export function answerFromDigest(digest: Digest, refOfKey: ReadonlyMap<string, string>): ThreadAnswer {
  const refs = (posts: string[]) => posts.flatMap((key) => refOfKey.get(key) ?? []);
  return {
    about: digest.about,
    positions: digest.positions.map(({ posts, ...p }) => ({ ...p, refs: refs(posts) })),
    disputed: digest.disputed.map(({ posts, ...d }) => ({ ...d, refs: refs(posts) })),
    sourced: digest.sourced.map(({ posts, ...s }) => ({ ...s, refs: refs(posts) })),
    questions: digest.questions.map(({ posts, ...q }) => ({ ...q, refs: refs(posts) })),
  };
}

const SUPPORT_RANK: Record<SupportLevel, number> = { most: 0, many: 1, some: 2, few: 3 };

/**
 * Digests of parts combined by code, no model call: what is shown while parts are still being
 * summarized, and what stands in for a merge whose answer stayed invalid. Each section takes
 * the parts' points in turn (the first of every part, then the second …) so every part shows;
 * positions most widely held first; "about" is the first part's (the one with the thread's head).
 */
export function combineAnswers(answers: readonly ThreadAnswer[]): ThreadAnswer {
  const inTurn = <T>(lists: T[][]): T[] => {
    const out: T[] = [];
    for (let i = 0; lists.some((list) => i < list.length); i++) {
      for (const list of lists) if (i < list.length) out.push(list[i]!);
    }
    return out;
  };
  const positions = inTurn(answers.map((a) => a.positions)).sort(
    (a, b) => SUPPORT_RANK[a.support] - SUPPORT_RANK[b.support],
  );
  return {
    about: answers.find((a) => a.about)?.about ?? '',
    positions: positions.slice(0, DIGEST_POINTS_MAX),
    disputed: inTurn(answers.map((a) => a.disputed)).slice(0, DIGEST_POINTS_MAX),
    sourced: inTurn(answers.map((a) => a.sourced)).slice(0, DIGEST_POINTS_MAX),
    questions: inTurn(answers.map((a) => a.questions)).slice(0, DIGEST_POINTS_MAX),
  };
}
