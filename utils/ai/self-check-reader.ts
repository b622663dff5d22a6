import * as z from 'zod/mini';
import { clipText } from '../core/clip-text';
import { isRecord } from './partial-note';
import { validated } from './note-reader';
import type { AnswerReader } from './structured-completion';

/** The answer format's name: requests show it as response_format.json_schema.name. */
export const SELF_CHECK_SCHEMA_NAME = 'footnote_self_check';

/** Longest reason kept (a question's, or the action's): one line on the card. */
export const SELF_CHECK_REASON_MAX = 200;

export const SELF_CHECK_QUESTIONS = ['addresses_claim', 'sources_on_topic', 'free_of_harassment'] as const;
export type SelfCheckQuestion = (typeof SELF_CHECK_QUESTIONS)[number];

export const SELF_CHECK_ACTIONS = ['keep', 'revise', 'withdraw'] as const;
export type SelfCheckAction = (typeof SELF_CHECK_ACTIONS)[number];

const questionSchema = z.object({ pass: z.boolean(), reason: z.string() });

const selfCheckAnswerSchema = z.object({
  addresses_claim: questionSchema,
  sources_on_topic: questionSchema,
  free_of_harassment: questionSchema,
  action: z.enum(SELF_CHECK_ACTIONS),
  note: z.string(),
  reason: z.string(),
});
/** The review as read: every reason one line and clipped, the revised note as written. */
export type SelfCheckAnswer = z.infer<typeof selfCheckAnswerSchema>;

const questionJsonSchema = {
  type: 'object',
  properties: {
    pass: { type: 'boolean' },
    reason: { type: 'string', description: 'One short line in the answer language.' },
  },
  required: ['pass', 'reason'],
  additionalProperties: false,
};

/**
 * JSON Schema for `response_format: json_schema` (strict: every object closed, every property
 * required). Written out like triage's: strict mode refuses the caps, which code applies. The
 * questions come first so the model answers them before it decides.
 */
export const selfCheckJsonSchema: Record<string, unknown> = {
  type: 'object',
  properties: {
    addresses_claim: questionJsonSchema,
    sources_on_topic: questionJsonSchema,
    free_of_harassment: questionJsonSchema,
    action: { type: 'string', enum: [...SELF_CHECK_ACTIONS] },
    note: { type: 'string', description: 'The revised note text when revising; empty otherwise.' },
    reason: { type: 'string', description: 'Why it was revised or withdrawn; empty when kept.' },
  },
  required: [...SELF_CHECK_QUESTIONS, 'action', 'note', 'reason'],
  additionalProperties: false,
};

/**
 * Reads a review of a draft that has note text to revise, or not (`draftHasNote`). An answer
 * that contradicts itself calls for the one repair request, like one that does not parse: "keep"
 * with a question failed, "revise" with no revised text, or with no note text to revise (the
 * writer declined to write one; the review may not add one). Nothing streams.
 */
export function selfCheckReader(draftHasNote: boolean): AnswerReader<SelfCheckAnswer, null> {
  return {
    format: { name: SELF_CHECK_SCHEMA_NAME, schema: selfCheckJsonSchema },
    partial: () => null,
    final: (json) => {
      const read = validated(selfCheckAnswerSchema, withActionLowercased(json));
      if (!read.ok) return read;
      const problem = contradiction(read.value, draftHasNote);
      return problem ? { ok: false, problem } : { ok: true, value: cleaned(read.value) };
    },
  };
}

function contradiction(answer: SelfCheckAnswer, draftHasNote: boolean): string | null {
  const failed = SELF_CHECK_QUESTIONS.filter((question) => !answer[question].pass);
  if (answer.action === 'keep' && failed.length > 0)
    return `action: "keep" is only for a draft that passes all three questions, and ${failed.join(', ')} failed; revise or withdraw it`;
  if (answer.action === 'revise' && !draftHasNote)
    return 'action: the draft has no note text to revise; keep or withdraw it';
  if (answer.action === 'revise' && !answer.note.trim()) return 'note: "revise" needs the revised note text';
  return null;
}

/** "Keep" and " WITHDRAW" are what was meant. */
function withActionLowercased(json: unknown): unknown {
  return isRecord(json) && typeof json.action === 'string'
    ? { ...json, action: json.action.trim().toLowerCase() }
    : json;
}

function cleaned(answer: SelfCheckAnswer): SelfCheckAnswer {
  const question = ({ pass, reason }: SelfCheckAnswer[SelfCheckQuestion]) => ({
    pass,
    reason: oneLine(reason),
  });
  return {
    addresses_claim: question(answer.addresses_claim),
    sources_on_topic: question(answer.sources_on_topic),
    free_of_harassment: question(answer.free_of_harassment),
    action: answer.action,
    note: answer.note.trim(),
    reason: oneLine(answer.reason),
  };
}

function oneLine(text: string): string {
  return clipText(text.replace(/\s+/g, ' ').trim(), SELF_CHECK_REASON_MAX);
}
