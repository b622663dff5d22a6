import { createNonce } from '../ai/data-block';
import type { Note } from '../core/note-schema';
import type { ChatEndpoint } from '../ai/openai-chat';
import type { OutputMode } from '../core/output-mode';
import { SELF_CHECK_VERSION } from '../ai/self-check-prompt';
import { PROMPT_VERSION, type ChatMessage, type NotePromptInput } from '../ai/prompt';
import { NoteFailure } from '../ai/provider-errors';
import { completeStructured, type AnswerReader, type StructuredResult } from '../ai/structured-completion';
import { hasSomethingToCheck } from '../core/checkable';
import type { Post } from '../core/post';
import { ConcurrencyLimiter } from './concurrency-limiter';
import { noteCacheKey, notePostRef, type CacheKeyParts } from './note-cache';
import type {
  ConfiguredEndpoint,
  ImagePreparer,
  NoteEngineDeps,
  NoteSink,
  PreparedImages,
} from './note-engine-deps';
import type { ImageCapability } from '../core/images';
import { outputModeKey } from '../ai/output-modes';
import { noteError, type NoteError } from '../core/note-error';
import { NO_EVIDENCE, type EvidencePlan, type EvidenceRecord } from './note-evidence';
import type { NoteMeta, TokenUsage } from '../core/note-meta';
import { enforceNoteRules } from './note-rules';
import type { OverBudget, UsageTally } from '../settings/usage-ledger';

/** One post asked about, and where its note goes. */
export interface NoteRequest {
  post: Post;
  sink: NoteSink;
}

/** A request the cache could not answer: the model writes its note, kept under `key`. */
export interface PendingNote extends NoteRequest {
  key: string;
  keyParts: CacheKeyParts;
}

/** What every note of one request is written with, settled before any model call. */
export interface NoteRun extends ConfiguredEndpoint {
  answerLanguage: string;
  plan: EvidencePlan;
  /** Single notes are reviewed by a second request before they are shown (self-check.ts). */
  selfCheck: boolean;
  /** Reads the post's pictures, when single notes send them (the reader's setting); else null. */
  images: ImagePreparer | null;
}

/** The pictures a note request carries, and whether the model is given alt text only. */
export interface Pictures extends PreparedImages {
  textOnly: boolean;
}

/** A note as it is shown and kept: the rules enforced, with its metadata. */
export interface FinishedNote {
  note: Note;
  meta: NoteMeta;
}

/** A model's answer with the tokens it cost (reported by the provider, or estimated). */
export type CountedAnswer<T> = StructuredResult<T> & { usage: TokenUsage };

export interface RunOptions {
  /** Single notes gather evidence first; a batch goes without. */
  evidence: boolean;
  /** Skip the cache: the user asked to regenerate. */
  refresh: boolean;
}

/** The write step: the model call(s) for the pending requests, ending in finish() and deliver(). */
export type WriteStep = (run: NoteRun, pending: [PendingNote, ...PendingNote[]]) => Promise<void>;

export interface ModelCall<T, P> {
  prompt(basics: Pick<NotePromptInput, 'answerLanguage' | 'today' | 'nonce'>): ChatMessage[];
  reader: AnswerReader<T, P>;
  /** Declared to models that must be told (null: the posts differ). */
  postLanguage: string | null;
  /** What the call is counted as in the usage ledger besides its tokens (notes, posts triaged). */
  tally(value: T): UsageTally;
  /** Prompt tokens its pictures are estimated to cost (counted when the provider reports none). */
  imageTokens?: number;
  onPartial(partial: P): void;
}

export interface WrittenNote {
  /** The model's note, before the rules. */
  note: Note;
  answer: { mode: OutputMode; repaired: boolean };
  /** This note's share of the tokens. */
  usage: TokenUsage;
  /** The text of each evidence item the note may cite, by ID (its spans are checked against it). */
  citable: ReadonlyMap<string, string>;
  evidence?: EvidenceRecord;
}

export type NotePipeline = ReturnType<typeof createNotePipeline>;

const NO_PROVIDER: NoteError = noteError(
  'no_provider',
  'Choose an AI provider and model in Footnote options first.',
);

/**
 * For a post with nothing to check. The content script never sends one; this guards the model
 * call against any that arrives anyway.
 */
const NOTHING_TO_CHECK: NoteError = noteError(
  'invalid_request',
  'This post has no text, image description, quoted post or link: there is nothing to check.',
);

/**
 * The steps every note goes through, single or batched: prepare (refuse posts with nothing to
 * check, settle endpoint, answer language and evidence plan, answer from the cache, check the
 * budget), then the caller's write step, whose model calls go through callModel() and whose
 * notes go through finish() and deliver(). A failure anywhere reaches every request still pending.
 */
export function createNotePipeline(deps: NoteEngineDeps) {
  const limiter = new ConcurrencyLimiter(deps.concurrency);

  async function run(requests: NoteRequest[], options: RunOptions, write: WriteStep): Promise<void> {
    let waiting: NoteRequest[] = [];
    for (const request of requests) {
      if (hasSomethingToCheck(request.post)) waiting.push(request);
      else request.sink.error(NOTHING_TO_CHECK);
    }
    if (waiting.length === 0) return;
    try {
      const prepared = await prepare(options.evidence);
      const pending = await answerFromCache(prepared, waiting, options.refresh);
      waiting = pending;
      if (!isNonEmpty(pending)) return;
      await checkBudget();
      await write(prepared, pending);
    } catch (err) {
      const error = err instanceof NoteFailure ? err.error : noteError('internal', describe(err));
      for (const { sink } of waiting) sink.error(error);
    }
  }

  /** Endpoint, answer language and evidence plan; throws NoteFailure(no_provider) without a provider. */
  async function prepare(evidence: boolean): Promise<NoteRun> {
    const configured = await deps.loadEndpoint();
    if (!configured) throw new NoteFailure(NO_PROVIDER);
    return {
      ...configured,
      answerLanguage: await deps.answerLanguage(),
      plan: evidence ? await deps.evidencePlan() : NO_EVIDENCE,
      selfCheck: evidence && (await deps.selfCheck?.(configured.endpoint)) === true,
      images: evidence && deps.images && (await deps.images.enabled()) ? deps.images : null,
    };
  }

  /** Throws NoteFailure(budget_exhausted) once today's budget is used: no model call after that. */
  async function checkBudget(): Promise<void> {
    const over = await deps.usage.exceeded(deps.now());
    if (over) throw new NoteFailure(budgetError(over));
  }

  /** Answers each request the cache holds a note for; returns the others. */
  async function answerFromCache(
    prepared: NoteRun,
    requests: NoteRequest[],
    refresh: boolean,
  ): Promise<PendingNote[]> {
    const pending: PendingNote[] = [];
    for (const request of requests) {
      const keyParts = cacheKeyParts(prepared, request.post);
      const key = await noteCacheKey(keyParts);
      const cached = refresh ? undefined : await deps.cache.get(key);
      if (cached) request.sink.done(cached.note, { ...cached.meta, fromCache: true });
      else pending.push({ ...request, key, keyParts });
    }
    return pending;
  }

  /**
   * The note a request for the post would get from the cache, or null (none, no provider, a
   * failure): never a model call, a budget check or usage. The post's language is not needed.
   */
  async function fromCache(post: Post, evidence: boolean): Promise<FinishedNote | null> {
    if (!hasSomethingToCheck(post)) return null;
    try {
      const prepared = await prepare(evidence);
      const cached = await deps.cache.get(await noteCacheKey(cacheKeyParts(prepared, post)));
      return cached ? { note: cached.note, meta: { ...cached.meta, fromCache: true } } : null;
    } catch {
      return null;
    }
  }

  /** The note the cache holds under `key` (the one a suggested source revises), or null. */
  async function cached(key: string): Promise<FinishedNote | null> {
    const entry = await deps.cache.get(key);
    return entry ? { note: entry.note, meta: entry.meta } : null;
  }

  /**
   * The post's pictures for this run: null when the run sends none (a batch, no preparer, the
   * setting off) or the post has none; alt text only when the model is known to read no images.
   */
  async function pictures(run: NoteRun, post: Post, signal: AbortSignal): Promise<Pictures | null> {
    if (!run.images || !hasPictures(post)) return null;
    const capability = await deps.imageCapabilities?.get(imageKey(run));
    if (capability === 'no') return { images: [], skipped: [], textOnly: true };
    const prepared = await run.images.prepare(post, signal);
    return prepared ? { ...prepared, textOnly: false } : { images: [], skipped: [], textOnly: true };
  }

  /** Remembers whether the run's model read the pictures it was sent. */
  async function learnImages(run: NoteRun, capability: ImageCapability): Promise<void> {
    await deps.imageCapabilities?.set(imageKey(run), capability);
  }

  /** One model call; its usage is counted whether or not another call follows. */
  async function callModel<T, P>(
    prepared: NoteRun,
    call: ModelCall<T, P>,
    signal: AbortSignal,
  ): Promise<CountedAnswer<T>> {
    const result = await completeStructured({
      endpoint: prepared.endpoint,
      messages: call.prompt({
        answerLanguage: prepared.answerLanguage,
        today: new Date(deps.now()).toISOString().slice(0, 10),
        nonce: createNonce(),
      }),
      reader: call.reader,
      modes: deps.outputModes,
      stream: deps.stream,
      languages: { answer: prepared.answerLanguage, post: call.postLanguage },
      signal,
      onPartial: call.onPartial,
    });
    const usage = result.usage
      ? { ...result.usage, estimated: false }
      : estimateUsage(result.transcript, call.imageTokens ?? 0);
    await recordUsage(usage, call.tally(result.value));
    return { ...result, usage };
  }

  /**
   * Counts tokens spent. Best effort: when storage refuses the write (its quota is full) the
   * reader still gets the note; only today's tally misses it.
   */
  async function recordUsage(usage: TokenUsage, tally: UsageTally): Promise<void> {
    try {
      await deps.usage.record(usage, tally, deps.now());
    } catch (err) {
      console.warn('Footnote: token usage not recorded:', describe(err));
    }
  }

  function finish(prepared: NoteRun, written: WrittenNote): FinishedNote {
    const { evidence } = written;
    const { note, grounding } = enforceNoteRules(written.note, written.citable);
    return {
      note,
      meta: {
        provider: prepared.providerLabel,
        model: prepared.endpoint.model,
        promptVersion: PROMPT_VERSION,
        evidence: evidence?.items ?? [],
        evidenceNotices: evidence?.notices ?? [],
        ...(evidence?.factCheckId ? { factCheckId: evidence.factCheckId } : {}),
        ...(evidence?.linkRatings ? { linkRatings: evidence.linkRatings } : {}),
        ...(grounding ? { grounding } : {}),
        usage: written.usage,
        mode: written.answer.mode,
        repaired: written.answer.repaired,
        createdAt: deps.now(),
        fromCache: false,
      },
    };
  }

  /** Caches a finished note under the request's key (unless told not to), then hands it to the request's sink. */
  async function deliver(
    pending: PendingNote,
    { note, meta }: FinishedNote,
    { keep = true } = {},
  ): Promise<void> {
    if (keep) await deps.cache.set(pending.key, { post: notePostRef(pending.post), note, meta });
    pending.sink.done(note, meta);
  }

  /** Model calls wait here for their endpoint's turn. */
  function queue<T>(endpoint: ChatEndpoint, task: () => Promise<T>, signal: AbortSignal): Promise<T> {
    return limiter.run(endpoint.baseUrl, task, signal);
  }

  return {
    run,
    prepare,
    checkBudget,
    fromCache,
    cached,
    pictures,
    learnImages,
    queue,
    callModel,
    finish,
    deliver,
  };
}

function cacheKeyParts(prepared: NoteRun, post: Post): CacheKeyParts {
  return {
    post,
    baseUrl: prepared.endpoint.baseUrl,
    model: prepared.endpoint.model,
    promptVersion: PROMPT_VERSION,
    answerLanguage: prepared.answerLanguage,
    evidence: runFingerprint(prepared),
  };
}

/**
 * What the run writes with besides the post: the evidence sources, and whether a self-check
 * reviews the note and pictures go with it (notes written either way differ: not one entry).
 */
function runFingerprint(run: NoteRun): string {
  return [
    run.plan.fingerprint,
    run.selfCheck ? `selfcheck-${SELF_CHECK_VERSION}` : '',
    run.images ? 'pictures' : '',
  ]
    .filter(Boolean)
    .join('+');
}

/** Passes a streamed partial on only when it shows something new (a chunk may complete nothing). */
export function onlyChanges<P>(forward: (partial: P) => void): (partial: P) => void {
  let last = '';
  return (partial) => {
    const serialised = JSON.stringify(partial);
    if (serialised === last) return;
    last = serialised;
    forward(partial);
  };
}

function isNonEmpty<T>(items: T[]): items is [T, ...T[]] {
  return items.length > 0;
}

function budgetError(over: OverBudget): NoteError {
  return noteError(
    'budget_exhausted',
    `Today's budget of ${over.budget} tokens is used up (${over.used} used). Raise it in options, or wait until tomorrow.`,
  );
}

/** About four characters a token, plus the pictures: only used when the provider reports no usage. */
function estimateUsage(transcript: string, imageTokens: number): TokenUsage {
  return {
    promptTokens: Math.ceil(transcript.length / 4) + imageTokens,
    completionTokens: 0,
    estimated: true,
  };
}

function hasPictures(post: Post): boolean {
  return post.media.imageAlts.length > 0 || (post.quoted?.media.imageAlts.length ?? 0) > 0;
}

/** Image capabilities are kept per endpoint and model, as output modes are. */
function imageKey(run: NoteRun): string {
  return outputModeKey(run.endpoint.baseUrl, run.endpoint.model);
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
