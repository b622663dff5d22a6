import type { NoteError } from '../core/note-error';

/**
 * What endpoints say when the model reads no images, as they word it (each seen in the wild):
 * - OpenAI, an older text model: "Invalid content type. image_url is only supported by certain models."
 * - Groq, a text model: "'messages.0.content' : value must be a string" (earlier "message[0].content must be a string").
 * - DeepSeek: "Failed to deserialize the JSON body into the target type: messages[1]: unknown variant
 *   `image_url`, expected `text`".
 * - Ollama, a model without a vision projector: "this model is missing data required for image input";
 *   its cloud models: "this model does not support image input"; versions before content parts:
 *   "json: cannot unmarshal array into Go struct field Message.messages.content of type string".
 * - OpenRouter, no provider of the model takes images (a 404): "No endpoints found that support image input".
 * - LM Studio: "Model does not support images. Please use a model that does."
 */
const MODEL_READS_NO_IMAGES = [
  /image_url is only supported by certain models/i,
  /content'?"?\s*:?\s*(?:value )?must be a string/i,
  /unknown variant `?image_url`?/i,
  /cannot unmarshal array into .*content of type string/i,
  /missing data required for image input/i,
  /(?:does not|doesn't) support (?:image|images|vision)\b/i,
  /no endpoints found that support image input/i,
  /image input is not supported/i,
];

/** Statuses that say nothing about images: the key, access, rate limits, timeouts. */
const NOT_ABOUT_IMAGES = new Set([401, 403, 408, 429]);

/**
 * Whether a request that carried images failed because the model reads none: its answer then
 * comes text-only (alt text), and the endpoint+model is remembered as not reading images. Only
 * the provider's own words decide; a bad picture ("Invalid image") is not the model's limit.
 */
export function rejectsImages(error: NoteError): boolean {
  if (error.status === null || NOT_ABOUT_IMAGES.has(error.status)) return false;
  return MODEL_READS_NO_IMAGES.some((pattern) => pattern.test(error.message));
}
