import type { SiteDiagnostic } from '../../utils/core/site-diagnostic';

/** The diagnostic as plain text for a bug report: one line a selector, its match count last. */
export function diagnosticText(diagnostic: SiteDiagnostic): string {
  return [
    `Footnote ${diagnostic.version}: no posts found`,
    `site: ${diagnostic.site}`,
    `path: ${diagnostic.path}`,
    ...diagnostic.selectors.map(
      ({ name, selector, count }) => `${name} (${selector}): ${count < 0 ? 'invalid selector' : count}`,
    ),
  ].join('\n');
}
