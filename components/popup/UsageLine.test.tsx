// @vitest-environment jsdom
import { useReactRoot } from '@/test-support/react-root';
import { describe, expect, it, vi } from 'vitest';
import type { UsageToday } from './types';
import { UsageLine } from './UsageLine';

vi.mock('#i18n', () => import('../../test-support/english-i18n'));

const { render, container } = useReactRoot();

const TODAY: UsageToday = {
  tokens: 12_400,
  notes: 3,
  budget: 0,
  triage: { posts: 0, tokens: 0 },
  imageTokens: 0,
};
const firstLine = (usage: UsageToday) => {
  render(<UsageLine usage={usage} />);
  return container().querySelector('p')?.textContent;
};

describe("the popup's usage line", () => {
  it('says what pictures cost today, when they cost anything', () => {
    expect(firstLine(TODAY)).toBe('Today: 12,400 tokens, 3 notes');
    expect(firstLine({ ...TODAY, imageTokens: 255 })).toBe(
      'Today: 12,400 tokens, 3 notes · ≈255 image tokens',
    );
    expect(firstLine({ ...TODAY, imageTokens: 1_020, budget: 50_000 })).toBe(
      'Today: 12,400 tokens, 3 notes · ≈1,020 image tokens · Daily budget: 50,000 tokens',
    );
  });
});
