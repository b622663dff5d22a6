/** axe-core checks shared by the accessibility specs. */
import type AxeBuilder from '@axe-core/playwright';
import type { AxeResults } from 'axe-core';
import { expect } from './fixtures';

/** One line per node axe found in violation: the rule, its impact, where, and why. */
export function summarize(results: AxeResults): string[] {
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${JSON.stringify(n.target)} — ${n.failureSummary ?? ''}`),
  );
}

/** No violations, and colour contrast measured for all text (not left "incomplete"). */
export async function expectNoViolations(builder: AxeBuilder): Promise<AxeResults> {
  const results = await builder.analyze();
  expect(summarize(results)).toEqual([]);
  // The only text axe may leave unjudged is a glyph too short to count as text (the card's
  // "×", whose colour is the muted text colour that passes everywhere else).
  const undetermined = results.incomplete
    .filter((r) => r.id === 'color-contrast')
    .flatMap((r) => r.nodes)
    .filter(
      (n) =>
        !n.any.some(
          (check) => (check.data as { messageKey?: string } | null)?.messageKey === 'shortTextContent',
        ),
    )
    .map((n) => `${JSON.stringify(n.target)}: ${n.any.map((check) => check.message).join('; ')}`);
  expect(undetermined).toEqual([]);
  return results;
}
