/** How closely the model looks at a picture (OpenAI's `detail`; openai-chat.ts picks it). */
export type ImageDetail = 'low' | 'high' | 'auto';

/** OpenAI's documented cost of one picture: a base, plus one per 512 px tile at 'high'. */
interface ImageTokenRates {
  base: number;
  tile: number;
}
const RATES: ImageTokenRates = { base: 85, tile: 170 };
/**
 * gpt-4o-mini (the OpenAI preset's default model) counts a picture at 33 times the tokens, for
 * the same price: 2,833 at 'low', 25,501 for a 1,024 px square at 'high'.
 */
const MINI_RATES: ImageTokenRates = { base: 2_833, tile: 5_667 };

/**
 * Prompt tokens one picture of width × height is estimated to cost at `model`, by OpenAI's
 * formula: providers do not report pictures apart, and others count differently (Gemini and
 * Claude by pixels, whatever `detail` says). 'auto' is counted as 'high', its upper bound.
 */
export function estimateImageTokens(
  size: { width: number; height: number },
  { detail, model }: { detail: ImageDetail; model: string },
): number {
  const rates = /gpt-4o-mini/i.test(model) ? MINI_RATES : RATES;
  if (detail === 'low') return rates.base;
  // Fitted within 2,048 × 2,048, then its short side brought down to 768 px (never enlarged).
  const fit = Math.min(1, 2_048 / Math.max(size.width, size.height));
  const shrink = Math.min(1, 768 / (Math.min(size.width, size.height) * fit));
  const tiles = (side: number) => Math.ceil((side * fit * shrink) / 512);
  return rates.base + rates.tile * tiles(size.width) * tiles(size.height);
}
