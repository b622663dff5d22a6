import type { SelfCheckAnswer } from '../utils/ai/self-check-reader';

const pass = { pass: true, reason: 'Fine.' };

/** A self-check answer that keeps the draft, with `patch` applied (a failed question, another action). */
export function sampleReview(patch: Partial<SelfCheckAnswer> = {}): SelfCheckAnswer {
  return {
    addresses_claim: pass,
    sources_on_topic: pass,
    free_of_harassment: pass,
    action: 'keep',
    note: '',
    reason: '',
    ...patch,
  };
}
