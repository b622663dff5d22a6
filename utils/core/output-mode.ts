/**
 * How a provider is asked for JSON, strictest first: a strict JSON schema, plain JSON mode, or
 * only the prompt's instructions. Providers that reject one are asked the next way; what worked
 * is remembered per endpoint and model, and every note's metadata says which it used.
 */
export const OUTPUT_MODES = ['json_schema', 'json_object', 'prompt_only'] as const;
export type OutputMode = (typeof OUTPUT_MODES)[number];
