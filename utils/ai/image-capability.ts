import type { ImageCapability } from '../core/images';
import { isOnDevice } from '../settings/on-device-endpoint';

/**
 * Models known to read images, by their name without a router's vendor prefix ("openai/",
 * "meta-llama/"), from the providers' model pages:
 * - OpenAI: GPT-4o and ChatGPT-4o, GPT-4 Turbo (not its text-only preview), GPT-4.1, GPT-4.5,
 *   GPT-5, o1 and o3 (not their minis, not o1-preview), o4-mini;
 * - Google: every Gemini, and Gemma 3 but its text-only 1B, 270M and 3n;
 * - xAI: Grok's vision models and Grok 4;
 * - Anthropic (through OpenRouter): Claude 3 Opus, Sonnet and Haiku, 3.5 and 3.7 Sonnet, and 4;
 * - Meta: Llama 3.2 Vision, Llama 4 Scout and Maverick (Groq, OpenRouter, Ollama);
 * - open vision models: LLaVA and BakLLaVA, any "vision" model, Qwen-VL and other "VL" models
 *   (Ollama's "qwen2.5vl:7b" too), InternVL, MiniCPM-V, Moondream, Mistral's Pixtral.
 */
const READS_IMAGES = [
  /^(?:chat)?gpt-4o/,
  /^gpt-4(?:-turbo(?!-preview)|\.1|\.5)/,
  /^gpt-5/,
  /^o[13](?:$|-(?!mini|preview))/,
  /^o4-mini/,
  /^gemini-/,
  /^gemma-?3(?!n)(?!.*(?:[^0-9.]1b|270m))/,
  /^grok-(?:.*vision|4)/,
  /^claude-(?:3-(?:opus|sonnet|haiku)|3[-.][57]-sonnet|(?:opus|sonnet|haiku)-4)/,
  /^llama-?4/,
  /llava/,
  /vision/,
  /(?:^|[-_.\d])vl(?:$|[-_.:\d])/,
  /internvl/,
  /minicpm-v/,
  /moondream/,
  /pixtral/,
];

/**
 * Models known to read none: GPT-3.5, o1-mini and o3-mini, and DeepSeek's chat and reasoner
 * models (DeepSeek's API takes text only). Anything else is not known: the engine sends the
 * pictures, and a refusal teaches it (image-rejection.ts).
 */
const READS_NO_IMAGES = [/^gpt-3\.5/, /^o[13]-mini/, /^deepseek-(?:chat|reasoner)/];

/** "openai/gpt-4o-mini" → "gpt-4o-mini"; Ollama's tag stays ("gemma3:1b" differs from "gemma3:4b"). */
function bareModelName(model: string): string {
  return (model.split('/').at(-1) ?? '').toLowerCase();
}

/**
 * Whether a model reads images, as far as Footnote knows before it tries: 'yes' for the known
 * vision models, 'no' for known text models and for Chrome's on-device model (which Footnote
 * gives text only), undefined for the rest.
 */
export function knownImageCapability(baseUrl: string, model: string): ImageCapability | undefined {
  if (isOnDevice({ baseUrl })) return 'no';
  const name = bareModelName(model);
  if (READS_NO_IMAGES.some((pattern) => pattern.test(name))) return 'no';
  if (READS_IMAGES.some((pattern) => pattern.test(name))) return 'yes';
  return undefined;
}

/**
 * What is known of the endpoint+model under `key` (outputModeKey's "<base URL>|<model>"): what
 * Footnote learned from it, else the lists above.
 */
export function imageCapabilityOf(
  learned: Readonly<Record<string, ImageCapability>>,
  key: string,
): ImageCapability | undefined {
  const bar = key.indexOf('|');
  return learned[key] ?? knownImageCapability(key.slice(0, bar), key.slice(bar + 1));
}
