import {
  EVIDENCE_EXCERPT_MAX,
  EVIDENCE_PUBLISHER_MAX,
  EVIDENCE_TITLE_MAX,
  type EvidenceSource,
} from '../../utils/core/evidence';
import { clipText } from '../../utils/core/clip-text';
import { httpUrl } from '../../utils/core/http-url';
import { NO_EVIDENCE, type EvidencePlan } from '../../utils/notes/note-evidence';

/**
 * A source a dataset row brings with it (JSONL's `evidence`): given to the model as a fetched
 * page would be, so grounding (spans found in the evidence, downgrades) can be measured without
 * the network. Rows without any are written without evidence, as before.
 */
export interface RowEvidence {
  url: string;
  title: string;
  publisher: string;
  text: string;
}

/** JSONL's `evidence`: absent, or a list of {url, title, text, publisher?}; anything else says where. */
export function readRowEvidence(value: unknown, where: string): RowEvidence[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`${where}: "evidence" must be a list of {url, title, text}.`);
  return value.map((item: unknown, i) => {
    const at = `${where}: evidence[${i}]`;
    if (typeof item !== 'object' || item === null) throw new Error(`${at} is not an object.`);
    const { url: given, title, text, publisher } = item as Record<string, unknown>;
    const url = typeof given === 'string' ? httpUrl(given) : null;
    if (!url) throw new Error(`${at}.url must be an http(s) URL.`);
    if (typeof text !== 'string' || !text.trim()) throw new Error(`${at}.text must be the source's text.`);
    return {
      url,
      title: typeof title === 'string' ? title : '',
      publisher: typeof publisher === 'string' && publisher ? publisher : new URL(url).hostname,
      text,
    };
  });
}

/** The evidence plan of a row: its own sources, served from memory as web results (E1…). */
export function rowEvidencePlan(evidence: readonly RowEvidence[]): EvidencePlan {
  if (evidence.length === 0) return NO_EVIDENCE;
  const source: EvidenceSource = {
    kind: 'web',
    gather: async () =>
      evidence.map((item) => ({
        kind: 'web' as const,
        url: item.url,
        title: clipText(item.title, EVIDENCE_TITLE_MAX),
        publisher: clipText(item.publisher, EVIDENCE_PUBLISHER_MAX),
        publishedAt: null,
        excerpt: clipText(item.text, EVIDENCE_EXCERPT_MAX),
        review: null,
      })),
  };
  // Served from memory at once: the deadline only bounds a source that never answers.
  return { ...NO_EVIDENCE, sources: [source], deadlineMs: 1_000, fingerprint: 'eval-row' };
}
