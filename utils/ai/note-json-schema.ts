import * as z from 'zod/mini';
import { noteAnswerSchema, noteSchema } from '../core/note-schema';

// Its own module: generating a JSON Schema pulls in zod's JSON Schema code, which only the
// background needs. The content script validates notes with note-schema.ts alone.

export const NOTE_SCHEMA_NAME = 'footnote_note';

/**
 * JSON Schema for `response_format: json_schema` (strict). Strict mode wants every object
 * closed and every property required, with no "default" (a defaulted field is optional when we
 * parse, required when we ask); parsing stays tolerant of extra keys.
 */
function strictJsonSchema(schema: z.ZodMiniType): Record<string, unknown> {
  const { $schema: _ignored, ...jsonSchema } = z.toJSONSchema(schema, {
    target: 'draft-7',
    io: 'input',
    override: (ctx) => {
      delete ctx.jsonSchema.default;
      if (ctx.jsonSchema.type === 'object') {
        ctx.jsonSchema.additionalProperties = false;
        ctx.jsonSchema.required = Object.keys(ctx.jsonSchema.properties ?? {});
      }
    },
  });
  return jsonSchema;
}

/** One note (the shape batch answers repeat per post). */
export const noteJsonSchema = strictJsonSchema(noteSchema);

/** A single post's answer: the note plus the web searches the model would like run. */
export const noteAnswerJsonSchema = strictJsonSchema(noteAnswerSchema);
