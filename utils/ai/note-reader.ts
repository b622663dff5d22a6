import * as z from 'zod/mini';
import { NOTE_SCHEMA_NAME, noteJsonSchema } from './note-json-schema';
import { noteSchema, type Note, type PartialNote } from './note-schema';
import { parsePartialNote } from './partial-note';
import type { AnswerReader } from './structured-completion';

/** Reads a model's answer as one post's note. */
export const noteReader: AnswerReader<Note, PartialNote> = {
  format: { name: NOTE_SCHEMA_NAME, schema: noteJsonSchema },
  partial: parsePartialNote,
  final: (json) => validated(noteSchema, json),
};

/** A schema check whose failure reads well to a model asked to repair its answer. */
export function validated<T>(schema: z.ZodMiniType<T>, json: unknown): { ok: true; value: T } | { ok: false; problem: string } {
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, problem: `${issue?.path.join('.') || 'answer'}: ${issue?.message ?? 'does not match the schema'}` };
}
