import * as z from 'zod/mini';
import { noteJsonSchema } from './note-json-schema';
import { noteSchema, type Note, type PartialNote } from '../core/note-schema';
import { validated } from './note-reader';
import { isRecord, parsePartialObject, shapePartialNote } from './partial-note';
import { systemPrompt } from './prompt';
import type { AnswerReader } from './structured-completion';

export { BATCH_MAX } from './batch-size';

/** One note of a batch answer: a note plus the ref of the post it is for. */
const batchNoteSchema = z.extend(noteSchema, { post: z.string() });

/** Notes first (they fill the badges as they stream), then the digest of them all. */
export const batchSchema = z.object({
  notes: z.array(batchNoteSchema),
  digest: z.string(),
});
export type BatchAnswer = z.infer<typeof batchSchema>;

export interface PartialBatch {
  /** Partial notes by post ref, for the refs seen so far. */
  notes: Map<string, PartialNote>;
  digest: string | undefined;
}

const batchJsonSchema: Record<string, unknown> = {
  type: 'object',
  properties: {
    notes: {
      type: 'array',
      items: {
        ...noteJsonSchema,
        properties: {
          post: { type: 'string', description: 'The ref of the post this note is for (P1, P2, ...).' },
          ...(noteJsonSchema.properties as Record<string, unknown>),
        },
        required: ['post', ...(noteJsonSchema.required as string[])],
      },
    },
    digest: { type: 'string', description: '2-3 neutral sentences on what the posts are about together.' },
  },
  required: ['notes', 'digest'],
  additionalProperties: false,
};

export const BATCH_SYSTEM_PROMPT = systemPrompt(batchJsonSchema);

export const batchReader: AnswerReader<BatchAnswer, PartialBatch> = {
  format: { name: 'footnote_batch', schema: batchJsonSchema },
  partial: parsePartialBatch,
  final: (json) => validated(batchSchema, json),
};

function parsePartialBatch(answer: string): PartialBatch {
  const value = parsePartialObject(answer);
  const notes = new Map<string, PartialNote>();
  const rawNotes = Array.isArray(value?.notes) ? value.notes : [];
  for (const raw of rawNotes) {
    // A note is attributable only once its ref has streamed whole, i.e. once a later key has
    // begun ("P1" may still become "P12").
    if (!isRecord(raw) || typeof raw.post !== 'string' || Object.keys(raw).length < 2) continue;
    if (!notes.has(raw.post)) notes.set(raw.post, shapePartialNote(raw));
  }
  return { notes, digest: typeof value?.digest === 'string' ? value.digest : undefined };
}

/** The batch's notes by ref: the first note for each ref wins; refs nobody asked about are dropped. */
export function notesByRef(answer: BatchAnswer, refs: readonly string[]): Map<string, Note> {
  const wanted = new Set(refs);
  const byRef = new Map<string, Note>();
  for (const { post, ...note } of answer.notes) {
    if (wanted.has(post) && !byRef.has(post)) byRef.set(post, note);
  }
  return byRef;
}
