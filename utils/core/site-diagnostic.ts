/**
 * What a reader can copy into a report when a site shows no posts: enough to see which
 * selector broke, and nothing about the reader (no page text, no handles, no query string).
 */
export interface SiteDiagnostic {
  version: string;
  site: string;
  /** The URL path with every segment that is not a fixed word of the site's routes masked. */
  path: string;
  /** Each of the adapter's selectors and how many elements it matched (-1: it does not parse). */
  selectors: Array<{ name: string; selector: string; count: number }>;
}
