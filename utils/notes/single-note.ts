import type { PartialNote } from '../core/note-schema';
import { noteReader } from '../ai/note-reader';
import { buildNoteMessages } from '../ai/prompt';
import type { Post } from '../core/post';
import { noteContentKey } from './note-cache';
import type { NoteSink } from './note-engine-deps';
import { finishEvidence, gatherForPost, searchRound, type NoteEvidence } from './note-evidence';
import { onlyChanges, type FinishedNote, type NotePipeline, type NoteRun } from './note-pipeline';
import { SharedRequests } from './shared-requests';

export interface NoteJob {
  post: Post;
  /** Ignore the cache and any identical request in flight (the user asked to regenerate). */
  refresh: boolean;
}

/** Single notes gather evidence (a batch goes without): part of their cache key. */
const EVIDENCE = true;

/**
 * One post's note: identical requests in flight (a repost of the same text) share one model
 * call; evidence is gathered before it, and a second call follows when web search finds more.
 * Partials stream to every sharing request's sink.
 */
export function createSingleNotes(pipeline: NotePipeline) {
  const inFlight = new SharedRequests<FinishedNote, PartialNote>();
  let refreshes = 0;

  function requestNote({ post, refresh }: NoteJob, sink: NoteSink, signal: AbortSignal): Promise<void> {
    return pipeline.run([{ post, sink }], { evidence: EVIDENCE, refresh }, async (run, [pending]) => {
      const shareKey = refresh ? `refresh:${++refreshes}` : await noteContentKey(pending.keyParts);
      const finished = await inFlight.join(
        shareKey,
        (sharedSignal, onPartial) =>
          pipeline.queue(run.endpoint, () => write(run, post, sharedSignal, onPartial), sharedSignal),
        onlyChanges((partial) => sink.partial(partial)),
        signal,
      );
      await pipeline.deliver(pending, finished);
    });
  }

  /** The note requestNote would answer from the cache, or null; never a model call. */
  function peekNote(post: Post): Promise<FinishedNote | null> {
    return pipeline.fromCache(post, EVIDENCE);
  }

  async function write(
    run: NoteRun,
    post: Post,
    signal: AbortSignal,
    onPartial: (partial: PartialNote) => void,
  ): Promise<FinishedNote> {
    let evidence = await gatherForPost(run.plan, post, run.answerLanguage, signal);
    let answer = await callModel(run, post, evidence, signal, onPartial);
    // Round two: the card keeps showing round one's text while the model rewrites with more.
    const searched = await searchRound(run.plan, evidence, answer.value.search_queries, signal);
    if (searched && searched.given.length > evidence.given.length) {
      answer = await callModel(run, post, searched, signal, () => undefined);
    }
    evidence = searched ?? evidence;
    const { search_queries: _queries, ...note } = answer.value;
    return pipeline.finish(run, {
      note,
      answer,
      usage: answer.usage,
      citable: new Set(evidence.given.map((item) => item.id)),
      evidence: await finishEvidence(evidence, post.text),
    });
  }

  function callModel(
    run: NoteRun,
    post: Post,
    evidence: NoteEvidence,
    signal: AbortSignal,
    onPartial: (partial: PartialNote) => void,
  ) {
    return pipeline.callModel(
      run,
      {
        prompt: (basics) => buildNoteMessages({ ...basics, post, evidence: evidence.given }),
        reader: noteReader,
        postLanguage: post.lang,
        tally: () => ({ kind: 'notes', notes: 1 }),
        onPartial,
      },
      signal,
    );
  }

  return { requestNote, peekNote };
}
