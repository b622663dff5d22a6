import { describe, expect, it } from 'vitest';
import { CLASSIFICATIONS } from './note-schema';
import { isFlagged, triageSchema } from './triage';

describe('triage', () => {
  it('flags misleading, false and needs-context posts and injection attempts, never opinion', () => {
    const flagged = CLASSIFICATIONS.filter((classification) =>
      isFlagged({ classification, injection_detected: false }),
    );
    expect(flagged.sort()).toEqual(['false', 'misleading', 'needs_context']);
    expect(isFlagged({ classification: 'opinion', injection_detected: true })).toBe(true);
  });

  it('accepts a one-line verdict and refuses a long reason or an unknown classification', () => {
    const verdict = {
      classification: 'misleading',
      reason: 'Old photo.',
      worth_note: true,
      injection_detected: false,
    };
    expect(triageSchema.safeParse(verdict).success).toBe(true);
    expect(triageSchema.safeParse({ ...verdict, reason: 'x'.repeat(161) }).success).toBe(false);
    expect(triageSchema.safeParse({ ...verdict, classification: 'satire' }).success).toBe(false);
  });
});
