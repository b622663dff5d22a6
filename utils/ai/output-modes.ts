import { OUTPUT_MODES, type OutputMode } from '../core/output-mode';

/** Asking a provider for JSON in each output mode (utils/core/output-mode.ts), and in order. */

export interface JsonSchemaFormat {
  name: string;
  schema: Record<string, unknown>;
}

/** The `response_format` for a mode (none for prompt-only). */
export function responseFormat(mode: OutputMode, format: JsonSchemaFormat) {
  switch (mode) {
    case 'json_schema':
      return {
        type: 'json_schema' as const,
        json_schema: { name: format.name, strict: true, schema: format.schema },
      };
    case 'json_object':
      return { type: 'json_object' as const };
    case 'prompt_only':
      return undefined;
  }
}

/** The modes to try, from the one remembered (or the strictest) down to prompt-only. */
export function modesFrom(start: OutputMode | undefined): OutputMode[] {
  return OUTPUT_MODES.slice(start ? OUTPUT_MODES.indexOf(start) : 0);
}

/** Key under which the working mode of an endpoint and model is remembered. */
export function outputModeKey(baseUrl: string, model: string): string {
  return `${baseUrl}|${model}`;
}
