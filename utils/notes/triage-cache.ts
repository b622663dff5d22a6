import { TRIAGE_PROMPT_VERSION } from '../ai/triage-prompt';
import type { Post } from '../core/post';
import type { Triage } from '../core/triage';
import { NoteCache, noteCacheKey } from './note-cache';

/** A triage verdict as kept: never asked twice, across reloads and service-worker restarts. */
export interface CachedTriage {
  triage: Triage;
  createdAt: number;
}

/** Triage verdicts in their own LRU cache and store, apart from notes. */
export type TriageCache = NoteCache<CachedTriage>;

export interface TriageKeyParts {
  post: Post;
  baseUrl: string;
  model: string;
  answerLanguage: string;
}

/**
 * Keyed like a note (the post, its text, the model at its endpoint, the answer language) with
 * triage's own prompt version and a namespace of its own, so a verdict and a note never share a
 * key even in one store. No evidence: triage gathers none.
 */
export async function triageCacheKey(parts: TriageKeyParts): Promise<string> {
  return `triage|${await noteCacheKey({ ...parts, promptVersion: TRIAGE_PROMPT_VERSION, evidence: 'none' })}`;
}
