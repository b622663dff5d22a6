import * as z from 'zod/mini';

/** User-supplied web search APIs (the provider's own search is not used: see README). */
export const WEB_SEARCH_PROVIDERS = ['off', 'brave', 'tavily', 'searxng'] as const;
export type WebSearchProvider = (typeof WEB_SEARCH_PROVIDERS)[number];

// Pure (no storage): e2e tests and the settings file format read these in Node. The stored
// item is in evidence-settings-item.ts.

/**
 * Which evidence sources run before a note is written (options: "evidence
 * sources"). Keys for Fact Check Tools and the search API are secrets, kept with the provider
 * key (api-key-store), not here.
 */
export const evidenceSettingsSchema = z.object({
  /** Fetch the pages the post links to (needs the optional host permission for all sites). */
  links: z.boolean(),
  /** Search Wikipedia in the post's language and English (no key). */
  wikipedia: z.boolean(),
  /** Google Fact Check Tools claims:search (needs the user's key). */
  factCheck: z.boolean(),
  webSearch: z.enum(WEB_SEARCH_PROVIDERS),
  /** SearXNG instance base URL (its JSON API); unused by the other providers. */
  searxngUrl: z.string().check(z.maxLength(2_000)),
  /**
   * A second short request reviews each note before it is shown (utils/notes/self-check.ts);
   * never for Chrome's on-device model. Absent in settings saved before it existed: on.
   */
  selfCheck: z._default(z.boolean(), true),
  /**
   * Send a post's pictures to models that read them (utils/background/post-images.ts); off: alt
   * text only. Absent in settings saved before it existed: on.
   */
  sendImages: z._default(z.boolean(), true),
  /** Rate sources with the reputation list below (off until the reader subscribes). */
  sourceRatings: z._default(z.boolean(), false),
  /** The rating list's address; empty for CRED-1 (utils/settings/rating-lists.ts). */
  ratingListUrl: z._default(z.string().check(z.maxLength(2_000)), ''),
});
export type EvidenceSettings = z.infer<typeof evidenceSettingsSchema>;

export const DEFAULT_EVIDENCE_SETTINGS: EvidenceSettings = {
  links: true,
  wikipedia: true,
  factCheck: false,
  webSearch: 'off',
  searxngUrl: '',
  selfCheck: true,
  sendImages: true,
  sourceRatings: false,
  ratingListUrl: '',
};
