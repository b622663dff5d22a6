import type { PostListItem } from '../../utils/messaging/popup-protocol';
import type { NoteError, NoteErrorCode } from '../../utils/core/note-error';
import type { ProviderState, UsageToday } from './types';

/**
 * The popup's provider status: which problem to show, and which one-click fix goes with it
 * (docs/ARCHITECTURE.md, Failures). Derived from whether a provider is saved, the errors the page's posts got,
 * and today's usage. Pure, no i18n (tested in provider-issue.test.ts).
 */

/** Where a fix takes the user: a place in the options page. */
export type ProviderFix = 'onboarding' | 'api_key' | 'model' | 'answer_language' | 'budget' | 'setup_help';

export type ProviderIssue =
  | { kind: 'none' }
  /** No provider saved yet: the options page's setup guide. */
  | { kind: 'no_provider'; fix: 'onboarding' }
  /** 401/403 from a remote provider: the key is wrong, expired or lacks access. */
  | { kind: 'key'; fix: 'api_key'; error: NoteError | null }
  /** A local server (Ollama, LM Studio) that refuses the extension or is not running. */
  | { kind: 'local_server'; fix: 'setup_help'; error: NoteError }
  | { kind: 'model'; fix: 'model'; error: NoteError }
  /** The model cannot write in the answer language (Chrome's on-device model): change the language. */
  | { kind: 'language'; fix: 'answer_language'; error: NoteError }
  | { kind: 'budget'; fix: 'budget' }
  /** Anything else (rate limit, server error, timeout…): said, with no fix to offer here. */
  | { kind: 'other'; fix: null; error: NoteError };

/** Loopback hosts, where Ollama and LM Studio listen. */
export function isLocalEndpoint(baseUrl: string): boolean {
  try {
    const { hostname } = new URL(baseUrl);
    return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
  } catch {
    return false;
  }
}

/** Codes that say nothing about the provider's setup (one post's problem, or the user's own cancel). */
const NOT_ABOUT_PROVIDER: ReadonlySet<NoteErrorCode> = new Set([
  'cancelled',
  'invalid_request',
  'malformed',
  'internal',
]);

function issueOf(error: NoteError, baseUrl: string | null): ProviderIssue | null {
  const local = (baseUrl !== null && isLocalEndpoint(baseUrl)) || error.message.includes('OLLAMA_ORIGINS');
  switch (error.code) {
    case 'no_provider':
      return { kind: 'no_provider', fix: 'onboarding' };
    case 'auth':
      return { kind: 'key', fix: 'api_key', error };
    case 'forbidden':
      return local
        ? { kind: 'local_server', fix: 'setup_help', error }
        : { kind: 'key', fix: 'api_key', error };
    case 'network':
      return local ? { kind: 'local_server', fix: 'setup_help', error } : { kind: 'other', fix: null, error };
    case 'model_not_found':
      return { kind: 'model', fix: 'model', error };
    case 'language_unsupported':
      return { kind: 'language', fix: 'answer_language', error };
    case 'budget_exhausted':
      return { kind: 'budget', fix: 'budget' };
    default:
      return NOT_ABOUT_PROVIDER.has(error.code) ? null : { kind: 'other', fix: null, error };
  }
}

/** Most pressing first: nothing works until the earlier ones are fixed. */
const PRIORITY: ReadonlyArray<ProviderIssue['kind']> = [
  'no_provider',
  'key',
  'local_server',
  'model',
  'language',
  'budget',
  'other',
];

export function providerIssue({
  provider,
  posts,
  usage,
}: {
  provider: ProviderState;
  /** The active tab's posts (empty when the page is not ready). */
  posts: readonly PostListItem[];
  usage: UsageToday | null;
}): ProviderIssue {
  if (provider.kind === 'missing') return { kind: 'no_provider', fix: 'onboarding' };
  const baseUrl = provider.kind === 'configured' ? provider.baseUrl : null;
  const issues: ProviderIssue[] = posts.flatMap((post) =>
    post.status === 'error' && post.error ? (issueOf(post.error, baseUrl) ?? []) : [],
  );
  if (usage && usage.budget > 0 && usage.tokens >= usage.budget)
    issues.push({ kind: 'budget', fix: 'budget' });
  const rank = (issue: ProviderIssue) => PRIORITY.indexOf(issue.kind);
  return issues.reduce<ProviderIssue>(
    (best, issue) => (best.kind === 'none' || rank(issue) < rank(best) ? issue : best),
    {
      kind: 'none',
    },
  );
}
