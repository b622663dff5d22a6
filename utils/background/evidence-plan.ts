import { browser } from 'wxt/browser';
import type { EvidenceSource } from '../core/evidence';
import { createFactCheckSource } from '../evidence/fact-check-tools';
import { createLinkEvidenceSource } from '../evidence/link-evidence';
import { createSuggestedSourceReader } from '../evidence/suggested-source';
import { createWebSearchSource } from '../evidence/web-search';
import { createWikipediaSource } from '../evidence/wikipedia';
import { readSecret } from '../settings/api-key-store';
import { cachedValue } from '../settings/cached-item';
import { evidenceSettingsItem } from '../settings/evidence-settings-item';
import { evidenceFingerprint, type EvidencePlan } from '../notes/note-evidence';
import { hasHostPermission } from './host-permission';
import { ratingList } from './rating-list';

/**
 * How long evidence may delay the model call. Wikipedia answers in two requests and a linked
 * page in one, typically well under a second; what is slower still shows, as a late item.
 */
const EVIDENCE_DEADLINE_MS = 2_500;

const savedSettings = cachedValue(evidenceSettingsItem);

/** The evidence sources switched on in options, as the note engine uses them (background). */
export async function loadEvidencePlan(): Promise<EvidencePlan> {
  const settings = await savedSettings();
  const sources: EvidenceSource[] = [];
  if (settings.links) sources.push(createLinkEvidenceSource({ canFetch: hasHostPermission }));
  if (settings.factCheck) sources.push(createFactCheckSource({ apiKey: () => readSecret('factCheckKey') }));
  if (settings.wikipedia) sources.push(createWikipediaSource({ userAgent: userAgent() }));
  const web =
    settings.webSearch === 'off'
      ? null
      : createWebSearchSource({
          provider: settings.webSearch,
          apiKey: () => readSecret('searchKey'),
          searxngUrl: settings.searxngUrl,
        });
  if (web) sources.push(web);
  const ratings = await ratingList.lookup(settings);
  return {
    sources,
    deadlineMs: EVIDENCE_DEADLINE_MS,
    // A new copy of the rating list makes new notes: their chips and prompts would differ.
    fingerprint: evidenceFingerprint(settings) + (ratings ? `+ratings:${ratings.version}` : ''),
    searchWeb: web ? (queries, signal) => web.searchWeb(queries, signal) : null,
    ratings,
    readSuggested: createSuggestedSourceReader({ canFetch: hasHostPermission }),
  };
}

/** Wikimedia asks API clients to say who they are (Api-User-Agent, since browsers fix User-Agent). */
function userAgent(): string {
  return `Footnote/${browser.runtime.getManifest().version} (browser extension; https://github.com/footnote-dev/footnote)`;
}
