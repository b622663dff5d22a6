import type { Note, PartialNote } from '../ai/note-schema';
import { noteReader } from '../ai/note-reader';
import { buildNoteMessages, PROMPT_VERSION } from '../ai/prompt';
import { createNonce } from '../ai/data-block';
import type { ChatEndpoint } from '../ai/openai-chat';
import { NoteFailure } from '../ai/provider-errors';
import { completeStructured } from '../ai/structured-completion';
import { hasSomethingToCheck } from '../posts/checkable';
import type { Post } from '../posts/post';
import { createBatchNotes } from './batch-notes';
import { ConcurrencyLimiter } from './concurrency-limiter';
import { noteCacheKey, noteContentKey, notePostRef, type CacheKeyParts } from './note-cache';
import {
  budgetError,
  describe,
  estimateUsage,
  freshNoteMeta,
  NOTHING_TO_CHECK,
  recordUsage,
  type NoteEngineDeps,
  type NoteSink,
} from './note-engine-deps';
import { noteError } from './note-error';
import type { NoteMeta } from './note-meta';
import {
  finishEvidence,
  gatherForPost,
  searchRound,
  type EvidencePlan,
  type NoteEvidence,
} from './note-evidence';
import { enforceNoteRules } from './note-rules';
import { SharedRequests } from './shared-requests';

export type { NoteEngineDeps, NoteSink, UsageAccounting } from './note-engine-deps';

export interface NoteJob {
  post: Post;
  /** Ignore the cache and any identical request in flight (the user asked to regenerate). */
  refresh: boolean;
}

interface Generated {
  note: Note;
  meta: NoteMeta;
}

interface GenerateRequest {
  post: Post;
  answerLanguage: string;
  plan: EvidencePlan;
  endpoint: ChatEndpoint;
  providerLabel: string;
}

/**
 * The note pipeline (DESIGN.md §3): cache → budget → dedupe → queue → evidence → model (validate,
 * repair once; a second round when web search finds more) → enforce rules → store → stream out.
 * Knows nothing of the DOM or of how results travel.
 */
export function createNoteEngine(deps: NoteEngineDeps) {
  const inFlight = new SharedRequests<Generated, PartialNote>();
  const limiter = new ConcurrencyLimiter(deps.concurrency);
  let refreshes = 0;

  async function requestNote(job: NoteJob, sink: NoteSink, signal: AbortSignal): Promise<void> {
    if (!hasSomethingToCheck(job.post)) {
      sink.error(NOTHING_TO_CHECK);
      return;
    }
    try {
      await run(job, sink, signal);
    } catch (err) {
      sink.error(err instanceof NoteFailure ? err.error : noteError('internal', describe(err)));
    }
  }

  async function run({ post, refresh }: NoteJob, sink: NoteSink, signal: AbortSignal): Promise<void> {
    const configured = await deps.loadEndpoint();
    if (!configured) {
      sink.error(noteError('no_provider', 'Choose an AI provider and model in Footnote options first.'));
      return;
    }
    const { endpoint, providerLabel } = configured;
    const plan = await deps.evidencePlan();
    const parts: CacheKeyParts = {
      post,
      baseUrl: endpoint.baseUrl,
      model: endpoint.model,
      promptVersion: PROMPT_VERSION,
      answerLanguage: await deps.answerLanguage(),
      evidence: plan.fingerprint,
    };
    const key = await noteCacheKey(parts);
    const cached = refresh ? undefined : await deps.cache.get(key);
    if (cached) {
      sink.done(cached.note, { ...cached.meta, fromCache: true });
      return;
    }
    const over = await deps.usage.exceeded(deps.now());
    if (over) {
      sink.error(budgetError(over));
      return;
    }

    const shareKey = refresh ? `refresh:${++refreshes}` : await noteContentKey(parts);
    let lastPartial = '';
    const { note, meta } = await inFlight.join(
      shareKey,
      (sharedSignal, onPartial) =>
        limiter.run(
          endpoint.baseUrl,
          () =>
            generate(
              { post, answerLanguage: parts.answerLanguage, plan, endpoint, providerLabel },
              sharedSignal,
              onPartial,
            ),
          sharedSignal,
        ),
      (partial) => {
        const serialised = JSON.stringify(partial);
        if (serialised === lastPartial) return; // a chunk that completed nothing visible
        lastPartial = serialised;
        sink.partial(partial);
      },
      signal,
    );
    await deps.cache.set(key, { post: notePostRef(post), note, meta });
    sink.done(note, meta);
  }

  async function generate(
    request: GenerateRequest,
    signal: AbortSignal,
    onPartial: (partial: PartialNote) => void,
  ): Promise<Generated> {
    const { post, plan } = request;
    let evidence = await gatherForPost(plan, post, request.answerLanguage, signal);
    let answer = await write(request, evidence, signal, onPartial);
    // Round two: the card keeps showing round one's text while the model rewrites with more.
    const searched = await searchRound(plan, evidence, answer.value.search_queries, signal);
    if (searched && searched.given.length > evidence.given.length) {
      answer = await write(request, searched, signal, () => undefined);
    }
    evidence = searched ?? evidence;
    const { search_queries: _queries, ...note } = answer.value;
    return {
      note: enforceNoteRules(note, new Set(evidence.given.map((item) => item.id))),
      meta: freshNoteMeta({
        providerLabel: request.providerLabel,
        endpoint: request.endpoint,
        usage: answer.usage,
        result: answer,
        now: deps.now(),
        evidence: await finishEvidence(evidence, post.text),
      }),
    };
  }

  /** One model call with the evidence so far; its usage is counted whether or not a second follows. */
  async function write(
    request: GenerateRequest,
    evidence: NoteEvidence,
    signal: AbortSignal,
    onPartial: (partial: PartialNote) => void,
  ) {
    const messages = buildNoteMessages({
      post: request.post,
      answerLanguage: request.answerLanguage,
      today: new Date(deps.now()).toISOString().slice(0, 10),
      nonce: createNonce(),
      evidence: evidence.given,
    });
    const result = await completeStructured({
      endpoint: request.endpoint,
      messages,
      reader: noteReader,
      modes: deps.outputModes,
      stream: deps.stream,
      languages: { answer: request.answerLanguage, post: request.post.lang },
      signal,
      onPartial,
    });
    const usage = result.usage ? { ...result.usage, estimated: false } : estimateUsage(result.transcript);
    await recordUsage(deps, usage, 1);
    return { ...result, usage };
  }

  return {
    requestNote,
    requestBatch: createBatchNotes(deps, limiter),
    /** Past notes, most recent first. */
    history: () => deps.cache.list(),
    clearCache: () => deps.cache.clear(),
  };
}
