import { clipText } from '../core/clip-text';
import { CLASSIFICATIONS } from '../core/note-schema';
import { TRIAGE_REASON_MAX, triageSchema, type Triage } from '../core/triage';
import { isRecord } from './partial-note';
import type { AnswerReader } from './structured-completion';

/** A triage answer as read: the verdicts it holds, not yet checked one by one (triagesByRef does). */
export interface TriageAnswer {
  posts: unknown[];
}

/**
 * JSON Schema for `response_format: json_schema` (strict: every object closed, every property
 * required). Written out rather than generated from triageSchema: strict mode refuses
 * `maxLength`, which the reason's cap would bring; code clips the reason instead.
 */
export const triageJsonSchema: Record<string, unknown> = {
  type: 'object',
  properties: {
    posts: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          ref: { type: 'string', description: 'The ref of the post (P1, P2, ...).' },
          classification: { type: 'string', enum: [...CLASSIFICATIONS] },
          reason: {
            type: 'string',
            description: 'One line in the answer language; empty when there is nothing to say.',
          },
          worth_note: { type: 'boolean' },
          injection_detected: { type: 'boolean' },
        },
        required: ['ref', 'classification', 'reason', 'worth_note', 'injection_detected'],
        additionalProperties: false,
      },
    },
  },
  required: ['posts'],
  additionalProperties: false,
};

/**
 * Reads a triage answer. Only its outer shape (an object with a "posts" list) can fail it, and
 * so call for one repair: each verdict is checked on its own afterwards, so one bad item costs
 * one post, not the batch. Nothing streams: triage shows nothing until the answer is whole.
 */
export const triageReader: AnswerReader<TriageAnswer, null> = {
  format: { name: 'footnote_triage', schema: triageJsonSchema },
  partial: () => null,
  final: (json) =>
    isRecord(json) && Array.isArray(json.posts)
      ? { ok: true, value: { posts: json.posts } }
      : { ok: false, problem: 'posts: expected a list of verdicts, one per post' },
};

/**
 * The answer's verdicts by ref, for the refs asked about only. A verdict not valid under
 * triageSchema is dropped; a ref nobody asked about is dropped. A ref answered more than once is
 * dropped altogether unless every answer for it is the same verdict: the model may have shifted
 * one post's verdict onto another's ref, and which one is right cannot be known, so the post is
 * left un-triaged (asked again later) rather than risk giving it another post's verdict. A ref
 * missing from the result is a post the answer skipped.
 *
 * Tolerated: refs in another case or padded ("p1 "); a reason on several lines or over the cap
 * (made one line, clipped to TRIAGE_REASON_MAX).
 */
export function triagesByRef(answer: TriageAnswer, refs: readonly string[]): Map<string, Triage> {
  const wanted = new Set(refs);
  const answers = new Map<string, Array<Triage | null>>();
  for (const raw of answer.posts) {
    if (!isRecord(raw) || typeof raw.ref !== 'string') continue;
    const ref = raw.ref.trim().toUpperCase();
    if (!wanted.has(ref)) continue;
    const list = answers.get(ref) ?? [];
    list.push(readVerdict(raw));
    answers.set(ref, list);
  }
  const byRef = new Map<string, Triage>();
  for (const [ref, [first, ...others]] of answers) {
    if (!first) continue;
    if (others.every((other) => other !== null && sameVerdict(first, other))) byRef.set(ref, first);
  }
  return byRef;
}

function readVerdict(raw: Record<string, unknown>): Triage | null {
  const reason = typeof raw.reason === 'string' ? oneLine(raw.reason) : raw.reason;
  const parsed = triageSchema.safeParse({
    classification: raw.classification,
    reason,
    worth_note: raw.worth_note,
    injection_detected: raw.injection_detected,
  });
  return parsed.success ? parsed.data : null;
}

function oneLine(text: string): string {
  return clipText(text.replace(/\s+/g, ' ').trim(), TRIAGE_REASON_MAX);
}

function sameVerdict(a: Triage, b: Triage): boolean {
  return (
    a.classification === b.classification &&
    a.reason === b.reason &&
    a.worth_note === b.worth_note &&
    a.injection_detected === b.injection_detected
  );
}
