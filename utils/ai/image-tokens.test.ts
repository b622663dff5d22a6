import { describe, expect, it } from 'vitest';
import { estimateImageTokens } from './image-tokens';

describe('estimateImageTokens', () => {
  it("costs a flat 85 tokens at 'low', whatever the size", () => {
    expect(estimateImageTokens({ width: 1024, height: 683 }, { detail: 'low', model: 'gpt-4o' })).toBe(85);
    expect(estimateImageTokens({ width: 40, height: 30 }, { detail: 'low', model: 'gpt-4o' })).toBe(85);
  });

  it("counts 512 px tiles at 'high', as OpenAI's documented examples do", () => {
    const high = { detail: 'high', model: 'gpt-4o' } as const;
    // 1024 × 1024 → 768 × 768: 4 tiles. 2048 × 4096 → 1024 × 2048 → 768 × 1536: 6 tiles.
    expect(estimateImageTokens({ width: 1024, height: 1024 }, high)).toBe(765);
    expect(estimateImageTokens({ width: 2048, height: 4096 }, high)).toBe(1105);
    // Never enlarged: a 1024 × 400 picture stays as it is, 2 tiles by 1.
    expect(estimateImageTokens({ width: 1024, height: 400 }, high)).toBe(425);
    expect(estimateImageTokens({ width: 1024, height: 400 }, { ...high, detail: 'auto' })).toBe(425);
  });

  it('uses the larger counts gpt-4o-mini reports for pictures', () => {
    const size = { width: 1024, height: 1024 };
    expect(estimateImageTokens(size, { detail: 'low', model: 'gpt-4o-mini' })).toBe(2_833);
    expect(estimateImageTokens(size, { detail: 'high', model: 'openai/gpt-4o-mini' })).toBe(25_501);
  });
});
