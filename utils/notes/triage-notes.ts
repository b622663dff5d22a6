import { BATCH_MAX } from '../ai/batch-size';
import { NoteFailure } from '../ai/provider-errors';
import { buildTriageMessages } from '../ai/triage-prompt';
import { triageReader, triagesByRef, type TriageAnswer } from '../ai/triage-reader';
import { hasSomethingToCheck } from '../core/checkable';
import { noteError, type NoteError } from '../core/note-error';
import type { Post } from '../core/post';
import type { Triage } from '../core/triage';
import { ConcurrencyLimiter } from './concurrency-limiter';
import type { ModelCall, NotePipeline, NoteRun } from './note-pipeline';
import { triageCacheKey, type TriageCache } from './triage-cache';

/** Where one post's verdict goes: at most one of done or skipped. */
export interface TriageSink {
  done(triage: Triage): void;
  /** The answer had no usable verdict for the post: it stays un-triaged (it may be asked again). */
  skipped(): void;
}

export interface TriageItem {
  post: Post;
  sink: TriageSink;
}

/**
 * Triage cannot go on for now (no provider, budget used up, rate limit, provider down or
 * refusing): called at most once per batch, and no item of the batch hears anything after it.
 * Items answered before it (from the cache) keep their verdicts.
 */
export type PauseSink = (error: NoteError) => void;

/** A post with nothing to check (utils/core/checkable.ts) is just that, without a model call. */
export const NOTHING_TO_CHECK_TRIAGE: Triage = {
  classification: 'opinion',
  reason: '',
  worth_note: false,
  injection_detected: false,
};

/**
 * Triage calls at once per endpoint: the others of the endpoint's queue stay free for the notes
 * a reader asks for, which never wait behind more than one triage call.
 */
const TRIAGE_CALLS_PER_ENDPOINT = 1;

interface Asked {
  key: string;
  post: Post;
  /** Every item of the batch for this post (the same post twice is asked once). */
  sinks: TriageSink[];
  /** Ends the post's in-flight entry, giving waiting batches its verdict (null: none). */
  settle(triage: Triage | null): void;
}

/**
 * Feed triage: up to BATCH_MAX posts in one model call with a prompt and schema made for it
 * (utils/ai/triage-prompt.ts), far cheaper than notes. Each post is asked once: verdicts are
 * cached like notes (in their own cache), a post another batch is asking about waits for that
 * answer, and only the rest is sent, after the budget check, through the endpoint's queue.
 */
export function createTriage(pipeline: NotePipeline, cache: TriageCache, now: () => number) {
  const lane = new ConcurrencyLimiter(TRIAGE_CALLS_PER_ENDPOINT);
  /** Verdicts being asked for now, by cache key; null when the call gave none. */
  const inFlight = new Map<string, Promise<Triage | null>>();

  return async function requestTriage(
    items: TriageItem[],
    onPaused: PauseSink,
    signal: AbortSignal,
  ): Promise<void> {
    let paused = false;
    /** Whether the batch may still hear anything: not after a pause, nor once cancelled. */
    const open = () => !paused && !signal.aborted;
    const pause = (error: NoteError) => {
      if (!open()) return;
      paused = true;
      onPaused(error);
    };
    const done = (sinks: TriageSink[], triage: Triage) => {
      if (open()) for (const sink of sinks) sink.done(triage);
    };
    const skip = (sinks: TriageSink[]) => {
      if (open()) for (const sink of sinks) sink.skipped();
    };

    skip(items.slice(BATCH_MAX).map((item) => item.sink));
    const checkable: TriageItem[] = [];
    for (const item of items.slice(0, BATCH_MAX)) {
      if (hasSomethingToCheck(item.post)) checkable.push(item);
      else done([item.sink], NOTHING_TO_CHECK_TRIAGE);
    }
    if (checkable.length === 0) return;

    const asked: Asked[] = [];
    try {
      const run = await pipeline.prepare(false);
      const waits: Array<Promise<void>> = [];
      for (const [key, group] of await byKey(run, checkable)) {
        const sinks = group.map((item) => item.sink);
        const cached = await cache.get(key);
        // No await from here to the in-flight entry: another batch sees it at once.
        const pending = inFlight.get(key);
        if (cached) done(sinks, cached.triage);
        else if (pending) waits.push(pending.then((triage) => (triage ? done(sinks, triage) : skip(sinks))));
        else asked.push({ key, post: group[0]!.post, sinks, settle: startAsking(key) });
      }
      await Promise.all([...waits, ask(run, asked, { done, skip, pause }, signal)]);
    } catch (err) {
      pause(asNoteError(err));
    } finally {
      for (const { settle } of asked) settle(null); // no-op for those settled with a verdict
    }
  };

  /** Marks a post as being asked about; the function returned ends that with its verdict. */
  function startAsking(key: string): (triage: Triage | null) => void {
    let resolve!: (triage: Triage | null) => void;
    const promise = new Promise<Triage | null>((r) => (resolve = r));
    inFlight.set(key, promise);
    return (triage) => {
      resolve(triage);
      if (inFlight.get(key) === promise) inFlight.delete(key);
    };
  }

  /** The batch's items grouped by their post's cache key, in their order. */
  async function byKey(run: NoteRun, items: TriageItem[]): Promise<Map<string, TriageItem[]>> {
    const groups = new Map<string, TriageItem[]>();
    for (const item of items) {
      const key = await triageCacheKey({
        post: item.post,
        baseUrl: run.endpoint.baseUrl,
        model: run.endpoint.model,
        answerLanguage: run.answerLanguage,
      });
      groups.set(key, [...(groups.get(key) ?? []), item]);
    }
    return groups;
  }

  /** The model call for the posts nobody answered yet; a malformed answer skips them all. */
  async function ask(
    run: NoteRun,
    asked: Asked[],
    out: {
      done: (sinks: TriageSink[], triage: Triage) => void;
      skip: (sinks: TriageSink[]) => void;
      pause: (error: NoteError) => void;
    },
    signal: AbortSignal,
  ): Promise<void> {
    if (asked.length === 0) return;
    const verdicts = new Map<string, Triage>();
    try {
      const refs = asked.map((entry, i) => ({ ...entry, ref: `P${i + 1}` }));
      const refList = refs.map(({ ref }) => ref);
      const call: ModelCall<TriageAnswer, null> = {
        prompt: (basics) =>
          buildTriageMessages({ ...basics, posts: refs.map(({ ref, post }) => ({ ref, post })) }),
        reader: triageReader,
        // Posts of a batch differ in language: only the answer's is declared.
        postLanguage: null,
        tally: (answer) => ({ kind: 'triage', posts: triagesByRef(answer, refList).size }),
        onPartial: () => undefined,
      };
      const answer = await lane.run(
        run.endpoint.baseUrl,
        () =>
          pipeline.queue(
            run.endpoint,
            async () => {
              // Checked at the last moment: calls ahead in the queue may have used the budget up.
              await pipeline.checkBudget();
              return pipeline.callModel(run, call, signal);
            },
            signal,
          ),
        signal,
      );
      const byRef = triagesByRef(answer.value, refList);
      for (const entry of refs) {
        const triage = byRef.get(entry.ref);
        if (!triage) continue;
        verdicts.set(entry.key, triage);
        await cache.set(entry.key, { triage, createdAt: now() });
      }
      for (const entry of refs) {
        const triage = verdicts.get(entry.key);
        if (triage) out.done(entry.sinks, triage);
        else out.skip(entry.sinks);
      }
    } catch (err) {
      const error = asNoteError(err);
      // Invalid twice (repaired once already): these posts stay un-triaged, triage goes on. A
      // cancelled batch hears nothing (its signal is aborted: skip and pause are no-ops).
      if (error.code === 'malformed' || error.code === 'cancelled') {
        for (const entry of asked) out.skip(entry.sinks);
      } else {
        out.pause(error);
      }
    } finally {
      for (const entry of asked) entry.settle(verdicts.get(entry.key) ?? null);
    }
  }
}

function asNoteError(err: unknown): NoteError {
  return err instanceof NoteFailure
    ? err.error
    : noteError('internal', err instanceof Error ? err.message : String(err));
}
