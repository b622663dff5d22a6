import * as z from 'zod/mini';
import { NOTE_SCHEMA_NAME, noteAnswerJsonSchema } from './note-json-schema';
import { noteAnswerSchema, type NoteAnswer, type PartialNote } from '../core/note-schema';
import { parsePartialNote } from './partial-note';
import type { AnswerReader } from './structured-completion';

/** Reads a model's answer for one post: its note and the searches it asks for. */
export const noteReader: AnswerReader<NoteAnswer, PartialNote> = {
  format: { name: NOTE_SCHEMA_NAME, schema: noteAnswerJsonSchema },
  partial: parsePartialNote,
  final: (json) => validated(noteAnswerSchema, json),
};

/** A schema check whose failure reads well to a model asked to repair its answer. */
export function validated<T>(
  schema: z.ZodMiniType<T>,
  json: unknown,
): { ok: true; value: T } | { ok: false; problem: string } {
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    problem: `${issue?.path.join('.') || 'answer'}: ${issue?.message ?? 'does not match the schema'}`,
  };
}
