import * as z from 'zod/mini';
import { noteSchema } from './note-schema';

// Its own module: generating a JSON Schema pulls in zod's JSON Schema code, which only the
// background needs. The content script validates notes with note-schema.ts alone.

export const NOTE_SCHEMA_NAME = 'footnote_note';

/**
 * JSON Schema for `response_format: json_schema` (strict). Built once from the zod schema;
 * strict mode wants every object closed, while parsing stays tolerant of extra keys.
 */
export const noteJsonSchema: Record<string, unknown> = (() => {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(noteSchema, {
    target: 'draft-7',
    io: 'input',
    override: (ctx) => {
      if (ctx.jsonSchema.type === 'object') ctx.jsonSchema.additionalProperties = false;
    },
  });
  return schema;
})();
