import { NoteFailure } from '../ai/provider-errors';
import type { ChatMessage } from '../ai/prompt';
import {
  buildThreadChunkMessages,
  buildThreadMergeMessages,
  THREAD_PROMPT_VERSION,
  type PromptComment,
  type PromptDigest,
} from '../ai/thread-prompt';
import {
  answerFromDigest,
  citedRefs,
  cleanAnswer,
  combineAnswers,
  digestFromAnswer,
  threadReader,
  type ThreadAnswer,
} from '../ai/thread-reader';
import { noteError, type NoteError } from '../core/note-error';
import type { TokenUsage } from '../core/note-meta';
import type { Digest, DigestMeta, DigestProgress, ThreadPost } from '../core/thread';
import { onlyChanges, type NotePipeline, type NoteRun } from './note-pipeline';
import { threadCacheKey, uncoveredPosts, type CachedDigest, type ThreadCache } from './thread-cache';
import { commentTokens, digestTokens, mergeGroups, partTokenBudget, splitByBudget } from './thread-chunks';

/** A thread to summarize, as its page collected it (utils/messaging/thread-protocol.ts). */
export interface DigestRequest {
  url: string;
  title: string;
  /** In page order. */
  posts: ThreadPost[];
  /** Posts the page had beyond those sent. */
  leftOut: number;
  /** Send only the posts the kept digest does not cover, with it, and merge. */
  update: boolean;
  /** Ignore the kept digest. */
  refresh: boolean;
}

/** Where one run's results go: progress and partials, then done or error, once. */
export interface ThreadSink {
  progress(progress: DigestProgress): void;
  partial(digest: Digest): void;
  /** `newPosts`: posts of the request the digest does not cover (the panel offers an update). */
  done(digest: Digest, meta: DigestMeta, newPosts: number): void;
  /** `digest`: what was done before the failure, if anything. */
  error(error: NoteError, digest: Digest | null): void;
}

const NOTHING_TO_SUMMARIZE = noteError(
  'invalid_request',
  'There is nothing to summarize: the page shows fewer than two comments with text in this discussion.',
);
const CANCELLED = noteError('cancelled', 'The summary was cancelled.');

/** A digest of some of the thread's comments: a part's, a merge's or the kept one. */
interface Part extends PromptDigest {
  /** The kept digest an update starts from, or a merge that took it in. */
  previous: boolean;
}

/** The thread's comments numbered C1…Cn in page order, over the whole thread: refs stay put across parts. */
interface Numbered {
  comments: PromptComment[];
  keyOfRef: Map<string, string>;
  refOfKey: Map<string, string>;
}

/**
 * "Summarize this discussion": the thread's comments in parts that fit the model (map), the
 * parts' digests merged in stages (reduce); one model call at a time, each after the daily
 * budget check and through the endpoint's queue. Partial digests stream as parts finish (and,
 * until the first has, as the model writes it). A part whose answer stays invalid after its
 * repair is skipped and named in the metadata. Digests are kept per thread page; a thread
 * that grew is answered from the cache with its count of new posts, and an update sends only
 * those, with the kept digest, to a merge.
 */
export function createThreadDigest(
  pipeline: NotePipeline,
  cache: ThreadCache,
  now: () => number,
  partTokens: (endpoint: { baseUrl: string }) => number = partTokenBudget,
) {
  return async function requestDigest(
    request: DigestRequest,
    sink: ThreadSink,
    signal: AbortSignal,
  ): Promise<void> {
    const posts = distinctWithText(request.posts);
    if (posts.length < 2) return sink.error(NOTHING_TO_SUMMARIZE, null);
    let shown: () => Digest | null = () => null;
    try {
      const run = await pipeline.prepare(false);
      const key = threadCacheKey({
        url: request.url,
        baseUrl: run.endpoint.baseUrl,
        model: run.endpoint.model,
        answerLanguage: run.answerLanguage,
      });
      const cached = request.refresh ? undefined : await cache.get(key);
      const fresh = cached ? uncoveredPosts(cached, posts) : posts;
      if (cached && (!request.update || fresh.length === 0)) {
        return sink.done(cached.digest, { ...cached.meta, fromCache: true }, fresh.length);
      }
      const summary = new ThreadSummary(
        pipeline,
        run,
        request,
        number(posts),
        sink,
        signal,
        partTokens(run.endpoint),
      );
      shown = () => summary.shown();
      const kept = await summary.summarize(fresh, cached ?? null, now);
      await cache.set(key, kept);
      const covered = new Set(kept.covered);
      sink.done(kept.digest, kept.meta, posts.filter((post) => !covered.has(post.key)).length);
    } catch (err) {
      sink.error(signal.aborted ? CANCELLED : asNoteError(err), shown());
    }
  };
}

/** One run: its parts, its merges, its model calls and what they cost. */
class ThreadSummary {
  private readonly parts: Part[] = [];
  private previous: Part | null = null;
  private requests = 0;
  private usage: TokenUsage = { promptTokens: 0, completionTokens: 0, estimated: false };

  constructor(
    private readonly pipeline: NotePipeline,
    private readonly run: NoteRun,
    private readonly request: DigestRequest,
    private readonly thread: Numbered,
    private readonly sink: ThreadSink,
    private readonly signal: AbortSignal,
    /** Prompt tokens a part or a merge may take. */
    private readonly budget: number,
  ) {}

  /** The digest so far (parts done combined by code, with the kept one), or null before any. */
  shown(): Digest | null {
    const parts = this.previous ? [this.previous, ...this.parts] : this.parts;
    return parts.length ? this.digest(combineAnswers(parts.map((part) => part.answer))) : null;
  }

  /** Summarizes `posts` (all, or an update's new ones merged into `kept`); throws what stops the run. */
  async summarize(posts: ThreadPost[], kept: CachedDigest | null, now: () => number): Promise<CachedDigest> {
    const keys = new Set(posts.map((post) => post.key));
    const comments = this.thread.comments.filter((comment) => keys.has(comment.post.key));
    if (kept) this.previous = this.keptPart(kept);
    const chunks = splitByBudget(
      comments.map((comment) => commentTokens(comment.post)),
      this.budget,
    ).map(([start, end]) => comments.slice(start, end));

    const covered = new Set(kept?.covered ?? []);
    const skippedChunks: number[] = [];
    for (const [i, chunk] of chunks.entries()) {
      this.sink.progress({ done: i, total: chunks.length, merging: false });
      const part = await this.summarizePart(chunk, i + 1, chunks.length);
      if (!part) {
        skippedChunks.push(i + 1);
        continue;
      }
      this.parts.push(part);
      for (const comment of chunk) covered.add(comment.post.key);
      if (chunks.length > 1 || this.previous) this.sink.partial(this.shown()!);
    }
    if (this.parts.length === 0) {
      throw new NoteFailure(
        noteError(
          'malformed',
          `The model's answers were invalid for every part of the discussion (${chunks.length}).`,
        ),
      );
    }

    const whole = await this.mergeAll(chunks.length);
    const meta: DigestMeta = {
      provider: this.run.providerLabel,
      model: this.run.endpoint.model,
      promptVersion: THREAD_PROMPT_VERSION,
      posts: covered.size,
      leftOut: this.request.leftOut,
      chunks: chunks.length,
      skippedChunks,
      requests: this.requests,
      usage: this.usage,
      createdAt: now(),
      fromCache: false,
    };
    return { digest: this.digest(whole), meta, covered: [...covered] };
  }

  /** A part's digest, or null when its answer stayed invalid after the repair. */
  private async summarizePart(chunk: PromptComment[], part: number, parts: number): Promise<Part | null> {
    const threadSize = this.thread.comments.length;
    const given = new Set(chunk.map((comment) => comment.ref));
    // Until a part is done, the reader watches this one being written; after, parts as they end.
    const live = this.parts.length === 0 && !this.previous;
    try {
      const answer = await this.ask(
        (basics) =>
          buildThreadChunkMessages({
            ...basics,
            title: this.request.title,
            comments: chunk,
            part,
            parts,
            threadSize,
          }),
        live
          ? onlyChanges((partial: ThreadAnswer) =>
              this.sink.partial(this.digest(cleanAnswer(partial, given))),
            )
          : () => undefined,
      );
      return {
        answer: cleanAnswer(answer, given),
        comments: chunk.length,
        firstRef: chunk[0]!.ref,
        lastRef: chunk[chunk.length - 1]!.ref,
        previous: false,
      };
    } catch (err) {
      if (isMalformed(err)) return null;
      throw err;
    }
  }

  /** Merges the parts (and the kept digest) in stages until one digest is left. */
  private async mergeAll(chunks: number): Promise<ThreadAnswer> {
    let level = this.previous ? [this.previous, ...this.parts] : [...this.parts];
    while (level.length > 1) {
      const groups = mergeGroups(
        level.map((part) => digestTokens(JSON.stringify(part.answer))),
        this.budget,
      );
      const next: Part[] = [];
      for (const [start, end] of groups) {
        const group = level.slice(start, end);
        if (group.length > 1) this.sink.progress({ done: chunks, total: chunks, merging: true });
        next.push(group.length > 1 ? await this.merge(group) : group[0]!);
      }
      level = next;
    }
    return level[0]!.answer;
  }

  /** One merge call; an answer that stays invalid is replaced by the group combined by code. */
  private async merge(group: Part[]): Promise<Part> {
    const previous = group.find((part) => part.previous) ?? null;
    const digests = group.filter((part) => part !== previous);
    const comments = group.reduce((sum, part) => sum + part.comments, 0);
    const given = new Set(group.flatMap((part) => [...citedRefs(part.answer)]));
    let answer: ThreadAnswer;
    try {
      const merged = await this.ask(
        (basics) =>
          buildThreadMergeMessages({
            ...basics,
            title: this.request.title,
            previous,
            digests,
            threadSize: comments,
          }),
        () => undefined,
      );
      answer = cleanAnswer(merged, given);
    } catch (err) {
      if (!isMalformed(err)) throw err;
      answer = combineAnswers(group.map((part) => part.answer));
    }
    return {
      answer,
      comments,
      firstRef: group.find((part) => part.firstRef)?.firstRef ?? null,
      lastRef: group.findLast((part) => part.lastRef)?.lastRef ?? null,
      previous: previous !== null,
    };
  }

  /** One model call, counted; none once cancelled or over the budget. */
  private async ask(
    prompt: (basics: { answerLanguage: string; today: string; nonce: string }) => ChatMessage[],
    onPartial: (partial: ThreadAnswer) => void,
  ): Promise<ThreadAnswer> {
    if (this.signal.aborted) throw new NoteFailure(CANCELLED);
    const answer = await this.pipeline.queue(
      this.run.endpoint,
      async () => {
        // Checked at the last moment: calls ahead in the queue may have used the budget up.
        await this.pipeline.checkBudget();
        this.requests++;
        return this.pipeline.callModel(
          this.run,
          { prompt, reader: threadReader, postLanguage: null, tally: () => ({ kind: 'digest' }), onPartial },
          this.signal,
        );
      },
      this.signal,
    );
    if (answer.repaired) this.requests++;
    this.usage = {
      promptTokens: this.usage.promptTokens + answer.usage.promptTokens,
      completionTokens: this.usage.completionTokens + answer.usage.completionTokens,
      estimated: this.usage.estimated || answer.usage.estimated,
    };
    return answer.value;
  }

  private keptPart(kept: CachedDigest): Part {
    return {
      answer: answerFromDigest(kept.digest, this.thread.refOfKey),
      comments: kept.covered.length,
      firstRef: null,
      lastRef: null,
      previous: true,
    };
  }

  private digest(answer: ThreadAnswer): Digest {
    return digestFromAnswer(answer, this.thread.keyOfRef);
  }
}

/** Each post once (its first place on the page), posts without text left out: there is nothing in them to summarize. */
function distinctWithText(posts: readonly ThreadPost[]): ThreadPost[] {
  const seen = new Set<string>();
  return posts.filter((post) => {
    if (seen.has(post.key) || post.text.trim() === '') return false;
    seen.add(post.key);
    return true;
  });
}

function number(posts: readonly ThreadPost[]): Numbered {
  const refOfKey = new Map(posts.map((post, i) => [post.key, `C${i + 1}`]));
  const keyOfRef = new Map([...refOfKey].map(([key, ref]) => [ref, key]));
  const comments = posts.map((post) => ({
    ref: refOfKey.get(post.key)!,
    parentRef: (post.parentKey && refOfKey.get(post.parentKey)) || null,
    post,
  }));
  return { comments, keyOfRef, refOfKey };
}

function isMalformed(err: unknown): boolean {
  return err instanceof NoteFailure && err.error.code === 'malformed';
}

function asNoteError(err: unknown): NoteError {
  return err instanceof NoteFailure
    ? err.error
    : noteError('internal', err instanceof Error ? err.message : String(err));
}
