import { describe, expect, it } from 'vitest';
import { noteAnswerJsonSchema, noteJsonSchema } from '../ai/note-json-schema';
import { noteAnswerSchema, noteSchema, partialNoteSchema } from './note-schema';

type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
};

/** Every object in the schema, with its path: strict structured output checks each one. */
function objects(schema: JsonSchema, path = '$'): Array<[string, JsonSchema]> {
  const found: Array<[string, JsonSchema]> = schema.type === 'object' ? [[path, schema]] : [];
  for (const [key, child] of Object.entries(schema.properties ?? {}))
    found.push(...objects(child, `${path}.${key}`));
  if (schema.items) found.push(...objects(schema.items, `${path}[]`));
  return found;
}

describe('note JSON schema (for strict structured output)', () => {
  it('closes every object and requires every property', () => {
    const all = objects(noteJsonSchema as JsonSchema);
    expect(all.map(([path]) => path)).toEqual(['$', '$.claims[]', '$.claims[].support[]']);
    for (const [, object] of all) {
      expect(object.additionalProperties).toBe(false);
      expect([...(object.required ?? [])].sort()).toEqual(Object.keys(object.properties ?? {}).sort());
    }
  });

  it('tells the model what each property means, nested ones included', () => {
    const claim = (noteJsonSchema as JsonSchema & { properties: Record<string, JsonSchema> }).properties
      .claims!.items!;
    const span = claim.properties!.support!.items!;
    expect(claim.properties!.support).toMatchObject({ description: expect.stringMatching(/exact sentence/) });
    expect(span.properties!.text).toMatchObject({ description: expect.stringMatching(/verbatim/) });
    expect(noteAnswerJsonSchema).toMatchObject({
      properties: { search_queries: { description: expect.stringMatching(/web search queries/) } },
    });
  });

  it('streams in the order the card shows: summary first', () => {
    expect(Object.keys((noteJsonSchema as JsonSchema).properties ?? {})).toEqual([
      'summary',
      'classification',
      'note',
      'claims',
      'detail',
      'injection_detected',
    ]);
  });

  it("asks a single post's answer for search queries last, required and without a default", () => {
    const schema = noteAnswerJsonSchema as JsonSchema & { properties: Record<string, object> };
    expect(Object.keys(schema.properties).at(-1)).toBe('search_queries');
    expect(schema.required).toContain('search_queries');
    expect(schema.properties.search_queries).not.toHaveProperty('default');
  });

  it('has no $schema key (some OpenAI-compatible servers reject it)', () => {
    expect(noteJsonSchema).not.toHaveProperty('$schema');
  });
});

describe('note validation', () => {
  const valid = {
    summary: 's',
    classification: 'opinion',
    note: '',
    claims: [],
    detail: '',
    injection_detected: false,
  };

  it('accepts a valid note and tolerates extra keys from lax providers', () => {
    expect(noteSchema.safeParse(valid).success).toBe(true);
    expect(noteSchema.parse({ ...valid, extra: 1 })).toEqual(valid);
  });

  it('rejects unknown classifications, out-of-range confidence and missing fields', () => {
    expect(noteSchema.safeParse({ ...valid, classification: 'true' }).success).toBe(false);
    const claim = {
      claim: 'c',
      quote: 'q',
      verdict: 'supported',
      confidence: 1.5,
      basis: 'none',
      explanation: '',
      citations: [],
    };
    expect(noteSchema.safeParse({ ...valid, claims: [claim] }).success).toBe(false);
    const { summary: _omitted, ...noSummary } = valid;
    expect(noteSchema.safeParse(noSummary).success).toBe(false);
  });

  it('reads an answer without search queries (a lax model) as asking none', () => {
    expect(noteAnswerSchema.parse(valid)).toEqual({ ...valid, search_queries: [] });
  });

  it('accepts any prefix shape as a partial note', () => {
    expect(partialNoteSchema.safeParse({}).success).toBe(true);
    expect(partialNoteSchema.safeParse({ summary: 'half', claims: [{ quote: 'q' }] }).success).toBe(true);
    expect(partialNoteSchema.safeParse({ claims: [{ verdict: 'nope' }] }).success).toBe(false);
  });
});
